// The code panel ("The same in code"): the current step's code in the chosen language (or, for a
// view with its own programs such as the console, that view's), the language tabs (arrow keys
// move between them), Copy code, Copy all four steps, and the wider panel. The code itself is
// lib/snippets/; the values it is filled with come from the app (`code_snippets`) and the step.

import { call } from '../ipc.js';
import { $ } from '../dom.js';
import { announce, copy } from './notices.js';

/** lib/snippets/ (six modules), fetched after step 1 is drawn: start-up draws no code. */
let snippets = null;
/** The one fetch of the snippets (null until asked for). */
let fetching = null;

/** Fetches the snippets (once) and draws the code with them. */
export async function loadSnippets() {
  fetching ??= import('../lib/snippets/index.js').then((module) => { snippets = module; });
  await fetching;
  await renderCode();
}

/**
 * What a Copy copies: the code in `language` for the view shown now, made from the snippets and
 * the app's values. A click that comes before they arrived waits for them, so a quick user gets
 * the code, never an empty clipboard or the tab left a moment ago.
 */
async function codeNow(language) {
  if (!snippets || !codeContext) await loadSnippets();
  if (!codeContext) return null;
  const own = steps[app.step - 1].snippets;
  return (own ? own(codeContext) : snippets.renderSnippets(app.step, codeContext))[language];
}

const IDS = Object.freeze({
  tabs: 'code-tabs',
  code: 'code',
  text: 'code-text',
  copy: 'copy-code',
  program: 'copy-program',
  widen: 'widen-code',
  wrap: 'wrap-code',
});

/** The app (main.js): the step shown, its status, and `formValues` (step 3's form). */
let app;
/** The step modules, in order: one with `snippets(ctx)` shows its own programs. */
let steps;
/** The language of the tab chosen: curl, javascript, python or rust. */
let lang = 'curl';
/** The values the code shown was filled with (none until it is first drawn). */
let codeContext;

export function mountCodePanel(context, stepModules) {
  app = context;
  steps = stepModules;
  const tabs = [...document.querySelectorAll(`#${IDS.tabs} [role=tab]`)];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    }
    $(IDS.code).setAttribute('aria-labelledby', tab.id);
    lang = tab.dataset.lang;
    renderCode();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
      if (next) { event.preventDefault(); next.focus(); select(next); }
    });
  }
  $(IDS.copy).addEventListener('click', async () => {
    const language = lang;
    const code = await codeNow(language);
    if (code == null) return notDrawn();
    copy(code, `Copied the ${language === 'curl' ? 'curl' : language[0].toUpperCase() + language.slice(1)} code.`, { button: $(IDS.copy) });
  });
  // The four steps as one program, ready to save and run (what each step's part belongs to).
  $(IDS.program).addEventListener('click', async () => {
    const language = lang;
    if ((await codeNow(language)) == null) return notDrawn();
    const file = { curl: 'dxtra.sh', javascript: 'dxtra.mjs', python: 'dxtra.py', rust: 'src/main.rs' }[language];
    copy(snippets.wholeProgram(language, codeContext), `Copied all four steps as one program: save it as ${file}.`, { button: $(IDS.program), label: `Copied: save as ${file}` });
  });
  $(IDS.widen).addEventListener('click', () => {
    const wide = document.body.classList.toggle('code-wide');
    $(IDS.widen).setAttribute('aria-pressed', String(wide));
  });
  // Lines keep their shape (scrolled sideways) unless the user asks them wrapped; Copy is exact either way.
  $(IDS.wrap).addEventListener('click', () => {
    const wrapped = $(IDS.code).classList.toggle('wrapped');
    $(IDS.wrap).setAttribute('aria-pressed', String(wrapped));
  });
}

/** A Copy pressed while the app could not give the code's values: said, not a silent no-op. */
function notDrawn() {
  announce('The code could not be made: the app did not answer. Try Copy again.', { tone: 'warn' });
}

/** Redraws the code for the step shown now (when the app's values arrive). */
export async function renderCode() {
  // Drawn once the snippets arrive (loadSnippets), a moment after the first frame.
  if (!snippets) return;
  let ctx;
  try {
    ctx = await call('code_snippets');
  } catch {
    return;
  }
  codeContext = {
    ...ctx,
    subject: app.formValues(),
    subjectId: app.status?.settings.created?.dataSubjectId ?? null,
    // The Sandbox's practice PAT (public), for the snippets' comments; null elsewhere.
    practicePat: app.status?.practicePat ?? null,
  };
  // A view with its own programs (the console's operation) shows those; the steps show theirs.
  const own = steps[app.step - 1].snippets;
  $(IDS.program).hidden = Boolean(own);
  $(IDS.text).textContent = (own ? own(codeContext) : snippets.renderSnippets(app.step, codeContext))[lang];
}
