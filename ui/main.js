// The wizard's frame: navigation between the four steps, the busy indicator with Cancel, errors
// (with the Common Errors table made live), the code panel and the request log. Each step's own
// behaviour lives in steps/.

import { call, openExternal } from './ipc.js';
import { COMMON_ERRORS, adjustForEnvironment, rowForKind } from './lib/errors.js';
import { renderSnippets, wholeProgram } from './lib/snippets.js';
import { mountAbout } from './lib/about.js';
import { mountStarter } from './lib/starter.js';
import { ENVIRONMENT_NAMES } from './lib/format.js';
import * as credentials from './steps/credentials.js';
import * as authenticate from './steps/authenticate.js';
import * as apiCalls from './steps/api-calls.js';
import * as verify from './steps/verify.js';
import * as consoleView from './steps/console.js';

// The four steps of the guide, then the console (opened once step 4 is reached).
const STEPS = [credentials, authenticate, apiCalls, verify, consoleView];
const $ = (id) => document.getElementById(id);

/** When start-up passed its moments (ms since the epoch), sent with `interactive` to the benchmark. */
const startup = { navigation: performance.timeOrigin, scripts: null, settings: null };
const now = () => performance.timeOrigin + performance.now();

/** Calls shown by the spinner right now: it hides when the last one ends. */
let busyCalls = 0;

const app = {
  status: null,
  step: 1,
  lang: 'curl',
  fixes: {},
  /** Settles once the PAT's status has been read from the keychain after start-up. */
  patLoaded: Promise.resolve(),
  $,

  /**
   * Runs `work(signal)` with the spinner and a Cancel button; errors are shown, not thrown.
   * With `onDetach` (a mutation already sent), Cancel only stops the spinner and calls it: the
   * request goes on, and its real result still arrives here.
   */
  async busy(label, work, { onDetach, keepError = false } = {}) {
    const controller = new AbortController();
    $('busy-label').textContent = label;
    $('busy').hidden = false;
    busyCalls += 1;
    let shown = true;
    const done = () => {
      if (!shown) return;
      shown = false;
      busyCalls -= 1;
      if (busyCalls === 0) $('busy').hidden = true;
    };
    const cancel = () => {
      if (!onDetach) return controller.abort();
      done();
      onDetach();
    };
    $('cancel').addEventListener('click', cancel, { once: true });
    // A new action replaces the last error, except a look aside (About) at the error being reported.
    if (!keepError) this.clearError();
    try {
      return await work(controller.signal);
    } catch (error) {
      if (error?.kind === 'cancelled') this.announce(`${label} cancelled.`);
      else this.showError(error);
      return undefined;
    } finally {
      $('cancel').removeEventListener('click', cancel);
      done();
      this.refreshLog();
    }
  },

  /** Wraps an event handler so that a failure in it is shown, never lost. */
  handle(handler) {
    const failed = (error) => this.showError({ kind: 'page-error', message: `The page failed: ${error?.message ?? error}`, hint: 'Please report this; restarting the app keeps your progress.' });
    return (...args) => {
      try {
        Promise.resolve(handler(...args)).catch(failed);
      } catch (error) {
        failed(error);
      }
    };
  },

  /**
   * Tells the user something happened: a visible notice that goes away by itself (without taking
   * the focus), and the same words for screen readers.
   */
  announce(message, { tone = 'info' } = {}) {
    $('announcer').textContent = '';
    setTimeout(() => { $('announcer').textContent = message; }, 30);
    const toast = document.createElement('p');
    toast.className = `toast ${tone}`;
    toast.textContent = message;
    const toasts = $('toasts');
    toasts.append(toast);
    while (toasts.children.length > 2) toasts.firstElementChild.remove();
    setTimeout(() => toast.remove(), tone === 'warn' ? 9000 : 5000);
  },

  showError(error) {
    const raw = typeof error === 'object' && error ? error : { kind: 'unexpected', message: String(error), hint: '' };
    // The same error means another fix in the Sandbox, or with no network.
    const e = adjustForEnvironment(raw, this.status?.settings.environment, this.fixes);
    $('error-message').textContent = e.message ? e.message[0].toUpperCase() + e.message.slice(1) : 'Something went wrong.';
    $('error-hint').textContent = e.hint ?? '';
    $('error-detail').hidden = !e.detail;
    $('error-detail').open = false;
    $('error-detail-text').textContent = e.detail ?? '';
    $('error-panel').dataset.kind = e.kind;
    $('error-panel').hidden = false;
    $('error-panel').scrollIntoView({ block: 'nearest' });
    const row = rowForKind(e.kind);
    for (const tr of $('errors-table').tBodies[0].rows) tr.classList.toggle('hit', tr.dataset.id === row?.id);
    // The error's own fix (the page's), or its Common Errors row's.
    const fix = e.fix?.run ?? (row?.fix && this.fixes[row.fix.action]);
    $('error-fix').hidden = !fix;
    if (fix) {
      $('error-fix').textContent = e.fix?.label ?? row.fix.label;
      $('error-fix').onclick = () => { this.clearError(); fix(); };
    }
  },

  clearError() {
    $('error-panel').hidden = true;
    for (const tr of $('errors-table').tBodies[0].rows) tr.classList.remove('hit');
  },

  async reload(signal) {
    this.status = await call('get_settings', {}, { signal });
    this.renderFrame();
    return this.status;
  },

  /** Records that `step` may be opened, then opens it. */
  async advance(step) {
    if (step > this.status.settings.stepReached) {
      this.status = await call('save_settings', { patch: { stepReached: step } });
    }
    this.show(step);
  },

  show(step) {
    if (this.step !== step) {
      STEPS[this.step - 1]?.leave?.();
      // An error is about the step it happened on: it does not follow the user elsewhere.
      this.clearError();
    }
    this.step = step;
    STEPS.forEach((module, i) => { $(`step-${i + 1}`).hidden = i + 1 !== step; });
    this.renderFrame();
    STEPS[step - 1].enter?.(this);
    // Screen readers hear the new step's title; the page starts at its top.
    $(`step-${step}-title`).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  },

  renderFrame() {
    // Another environment (or Custom origin) has its own progress: the steps forget what they
    // showed for the previous one.
    const key = this.status?.settings.progressKey;
    if (key !== this.progressKey) {
      if (this.progressKey !== undefined) {
        for (const step of STEPS) step.reset?.();
        this.clearError();
      }
      this.progressKey = key;
    }
    const notice = this.status?.sandboxNotice;
    $('sandbox-notice').hidden = !(notice && this.status.settings.environment === 'sandbox');
    $('sandbox-notice').textContent = notice ?? '';
    const reached = this.status?.settings.stepReached ?? 1;
    const verified = Boolean(this.status?.settings.verifiedAt);
    for (let i = 1; i <= STEPS.length; i += 1) {
      const button = $(`nav-${i}`);
      button.disabled = i === 5 ? reached < 4 : i > reached;
      button.classList.toggle('done', i <= 4 && (i < reached || (i === 4 && verified)));
      if (i === this.step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    }
    const env = this.status?.settings.environment;
    $('env-badge').textContent = env ? `Environment: ${ENVIRONMENT_NAMES[env] ?? env}` : '';
    this.renderCode();
  },

  /** Values from the step-3 form, for the code panel. */
  formValues: () => ({}),

  async renderCode() {
    let ctx;
    try {
      ctx = await call('code_snippets');
    } catch {
      return;
    }
    this.codeContext = {
      ...ctx,
      subject: this.formValues(),
      subjectId: this.status?.settings.created?.dataSubjectId ?? null,
    };
    // A view with its own programs (the console's operation) shows those; the steps show theirs.
    const own = STEPS[this.step - 1].snippets;
    $('copy-program').hidden = Boolean(own);
    $('code-text').textContent = (own ? own(this.codeContext) : renderSnippets(this.step, this.codeContext))[this.lang];
  },

  async refreshLog() {
    const entries = await call('request_log').catch(() => []);
    const list = $('log-list');
    list.replaceChildren(...entries.slice().reverse().map((entry) => {
      const li = document.createElement('li');
      li.className = entry.ok ? 'ok' : 'failed';
      const head = document.createElement('p');
      const status = entry.status ? `HTTP ${entry.status}` : 'no answer';
      head.textContent = `${entry.operation} · ${status} · ${entry.ok ? 'ok' : entry.response?.kind ?? 'failed'} · ${entry.durationMs} ms`;
      const pre = document.createElement('pre');
      pre.textContent = wireText(entry);
      li.append(head, pre);
      return li;
    }));
    return entries;
  },
};

/** One exchange as it was on the wire: request line, headers and body sent; status and body received. */
function wireText(entry) {
  const sent = `POST ${entry.url}\n${entry.headers.join('\n')}\n\n${JSON.stringify(entry.request, null, 2)}`;
  const received = entry.status
    ? `HTTP ${entry.status}${entry.contentType ? `\nContent-Type: ${entry.contentType}` : ''}\n\n${typeof entry.received?.text === 'string' && Object.keys(entry.received).length === 1 ? entry.received.text : JSON.stringify(entry.received, null, 2)}`
    : `No answer: ${entry.response?.message ?? 'the request failed'}`;
  const reading = entry.ok ? '' : `\n\n# The app's reading: ${entry.response?.kind}: ${entry.response?.message}`;
  return `${sent}\n\n← ${received}${reading}`;
}

async function copy(text, what = 'Copied to the clipboard.') {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  app.announce(what);
}
app.copy = copy;

function buildErrorsTable() {
  const body = $('errors-table').tBodies[0];
  for (const row of COMMON_ERRORS) {
    const tr = body.insertRow();
    tr.dataset.id = row.id;
    for (const text of [row.error, row.cause, row.solution]) tr.insertCell().textContent = text;
  }
}

function wireCodeTabs() {
  const tabs = [...document.querySelectorAll('#code-tabs [role=tab]')];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    }
    $('code').setAttribute('aria-labelledby', tab.id);
    app.lang = tab.dataset.lang;
    app.renderCode();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
      if (next) { event.preventDefault(); next.focus(); select(next); }
    });
  }
  $('copy-code').addEventListener('click', () => copy($('code-text').textContent, `Copied the ${app.lang === 'curl' ? 'curl' : app.lang[0].toUpperCase() + app.lang.slice(1)} code.`));
  // The four steps as one program, ready to save and run (what each step's part belongs to).
  $('copy-program').addEventListener('click', () => {
    if (!app.codeContext) return;
    const file = { curl: 'dxtra.sh', javascript: 'dxtra.mjs', python: 'dxtra.py', rust: 'src/main.rs' }[app.lang];
    copy(wholeProgram(app.lang, app.codeContext), `Copied all four steps as one program: save it as ${file}.`);
  });
  $('widen-code').addEventListener('click', () => {
    const wide = document.body.classList.toggle('code-wide');
    $('widen-code').setAttribute('aria-pressed', String(wide));
    $('widen-code').textContent = wide ? 'Narrower code panel' : 'Wider code panel';
  });
}

async function start() {
  startup.scripts = now();
  // From here on the page reports its own errors (boot.js did until now).
  window.dxtraStarted = true;
  // A bug in the page is shown, never swallowed: the user sees that something failed.
  window.addEventListener('error', (event) => app.showError({ kind: 'page-error', message: `The page failed: ${event.message}`, hint: 'Please report this; restarting the app keeps your progress.' }));
  window.addEventListener('unhandledrejection', (event) => app.showError({ kind: 'page-error', message: `The page failed: ${event.reason?.message ?? event.reason}`, hint: 'Please report this; restarting the app keeps your progress.' }));
  buildErrorsTable();
  wireCodeTabs();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-external]');
    if (link) {
      event.preventDefault();
      const href = link.href;
      openExternal(href).catch(() => app.showError({
        kind: 'open-link',
        message: 'The link could not be opened: no web browser answered.',
        hint: `Copy it and open it in a browser: ${href}`,
        fix: { label: 'Copy the link', run: () => copy(href, 'Link copied.') },
      }));
    }
  });
  // Told by the app: a second launch brought this window forward; a download finished.
  window.addEventListener('dxtra:second-launch', () => app.announce('Dxtra First Integration is already open: here it is.'));
  window.addEventListener('dxtra:download', (event) => {
    const { ok, path } = event.detail ?? {};
    if (ok) app.announce(`Summary saved to ${path}`);
    else app.announce(`The summary could not be saved to ${path}. Use Copy summary instead.`, { tone: 'warn' });
  });
  mountAbout(app);
  mountStarter(app);
  for (let i = 1; i <= STEPS.length; i += 1) $(`nav-${i}`).addEventListener('click', () => app.show(i));
  $('to-console').addEventListener('click', () => app.show(5));
  $('error-dismiss').addEventListener('click', () => app.clearError());
  for (const step of STEPS) step.mount(app);
  await load();
}

/** The page is laid out from here on (see html.starting in styles.css). */
function reveal() {
  document.documentElement.classList.remove('starting');
}

/** Loads the settings and the PAT's status; the keychain may first ask to be unlocked. */
async function load() {
  // The settings first, without the keychain: the window is usable before the Secret Service
  // answers (or while it asks to be unlocked); step 1 says the PAT is being checked meanwhile.
  const loaded = await app.busy('Loading', async (signal) => {
    app.status = await call('get_settings', { quick: true }, { signal });
    startup.settings = now();
    app.renderFrame();
    // Shown before the step takes the focus (an element not laid out cannot have it).
    reveal();
    app.show(Math.min(Math.max(app.status.settings.stepReached, 1), 4));
    return true;
  });
  reveal();
  // Drawn with the settings loaded: tell the app (the benchmark measures start-up up to here).
  if (loaded) {
    requestAnimationFrame(() => requestAnimationFrame(() => call('interactive', { marks: startup }).catch(() => {})));
    app.patLoaded = call('get_settings').then((full) => {
      // Applied unless the environment changed meanwhile (whose answer already held its PAT).
      if (!app.status.pat.pending || full.settings.progressKey !== app.status.settings.progressKey) return;
      app.status = { ...app.status, pat: full.pat };
      credentials.patStatusArrived();
    }, (error) => {
      // Not left "checking" for ever: said, and Save asks for the PAT (or Load again retries).
      app.status = { ...app.status, pat: { saved: false, pending: false, keychainError: error?.message ?? String(error) } };
      credentials.patStatusArrived();
    });
  }
  if (!loaded && !app.status) {
    app.showError({
      kind: 'not-loaded',
      message: 'Your settings and saved PAT are not loaded yet.',
      hint: 'If the system keychain asks to be unlocked, answer it, then load again.',
      fix: { label: 'Load again', run: load },
    });
  }
}

start().finally(reveal);
