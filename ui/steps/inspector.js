// The Inspector (after the Console, whenever the Sandbox runs; for another environment, with
// "Record my program's calls" on): every request the developer's own programs send, newest
// first, live (the app sends each as it is recorded:
// `dxtra:inspector`; nothing polls), each expandable to the wire and what was wrong with it,
// its Common Errors row lit. The entries' rules are lib/inspector.js's; the record, the secrets'
// descriptions and the explanations are the Sandbox's. No value of a secret ever arrives here.

import { call } from '../ipc.js';
import { $ } from '../dom.js';
import { entryLine, fixCode, languageOf, matches, requestText, responseText, withEntry } from '../lib/inspector.js';
import { COMMON_ERRORS } from '../lib/errors.js';
import { markCommonError } from '../frame/error-panel.js';
import { renderSnippets } from '../lib/snippets/index.js';

const IDS = Object.freeze({
  step: 'step-6',
  search: 'inspector-search',
  empty: 'inspector-empty',
  emptyUrls: 'inspector-urls',
  emptyPat: 'inspector-pat',
  list: 'inspector-list',
  count: 'inspector-count',
  record: 'inspector-record',
  help: 'inspector-help',
  lead: 'inspector-lead',
  sandboxNote: 'inspector-sandbox-note',
  recordUrls: 'record-urls',
  recordAuth: 'record-auth',
  recordGraphql: 'record-graphql',
  recordStart: 'record-start',
  recordStop: 'record-stop',
});

const LANGUAGE_NAMES = Object.freeze({ curl: 'curl', javascript: 'JavaScript', python: 'Python', rust: 'Rust' });

let app;
let entries = [];
let loaded = false;
/** Each entry's drawn row, by X-Request-Id: an open one stays open when others arrive. */
const drawn = new Map();

/** The code panel shows how to start (the PAT, the practice one named) and sign in. */
export function snippets(context) {
  const [one, two] = [renderSnippets(1, context), renderSnippets(2, context)];
  const both = (lang) => `${one[lang]}\n\n${two[lang]}`;
  // Rust's step 2 is the whole program up to it.
  return { curl: both('curl'), javascript: both('javascript'), python: both('python'), rust: two.rust };
}

/** Which record the page shows: the Sandbox's, or the forwarder's for another environment. */
const source = () => (app.status?.settings.environment === 'sandbox' ? 'sandbox' : 'forwarder');

/** What the page says of its record, by source. */
const WORDS = Object.freeze({
  sandbox: {
    help: "Every request your own code sends to the Sandbox, newest first, as it arrives: what was sent, what came back, and what was wrong with it. Tokens and the PAT are described, never shown. The app's own requests are in its request log.",
    lead: 'Point your code at the Sandbox and run it; each request shows here.',
  },
  forwarder: {
    help: 'Every request your own code sends through the two addresses below, newest first, as it arrives: what was sent, what came back, and what was wrong with it. Tokens and the PAT are described, never shown.',
    lead: 'Start recording, point your code at the two addresses above and run it; each request shows here.',
  },
});

function renderRecord() {
  const forwarder = app.status?.forwarder;
  const words = WORDS[source()];
  $(IDS.help).textContent = words.help;
  const lead = document.createElement('strong');
  lead.textContent = 'Nothing yet.';
  $(IDS.lead).replaceChildren(lead, ` ${words.lead}`);
  // Its ports are new each time recording starts; the Sandbox's stay across launches.
  $(IDS.sandboxNote).hidden = source() !== 'sandbox';
  $(IDS.record).hidden = source() === 'sandbox';
  $(IDS.recordUrls).hidden = !forwarder;
  $(IDS.recordAuth).textContent = forwarder ? `Auth: ${forwarder.authUrl}` : '';
  $(IDS.recordGraphql).textContent = forwarder ? `GraphQL: ${forwarder.graphqlUrl}` : '';
  $(IDS.recordStart).hidden = Boolean(forwarder);
  $(IDS.recordStop).hidden = !forwarder;
}

function render() {
  renderRecord();
  const search = $(IDS.search).value;
  const shown = entries.filter((e) => matches(e, search));
  $(IDS.empty).hidden = entries.length > 0;
  $(IDS.count).textContent = entries.length ? `${shown.length} of ${entries.length} requests` : '';
  const { authUrl, graphqlUrl } = app.status?.forwarder ?? app.status ?? {};
  $(IDS.emptyUrls).textContent = `Auth: ${authUrl ?? '…'}   GraphQL: ${graphqlUrl ?? '…'}`;
  // The Sandbox's practice PAT is public: shown so a first program can sign in with one paste.
  const pat = app.status?.practicePat;
  $(IDS.emptyPat).textContent = pat ? `Practice PAT (public, the Sandbox's only): ${pat}` : '';
  const rows = shown.map((entry) => {
    if (!drawn.has(entry.requestId)) drawn.set(entry.requestId, item(entry));
    return drawn.get(entry.requestId);
  });
  const kept = new Set(entries.map((e) => e.requestId));
  for (const id of drawn.keys()) if (!kept.has(id)) drawn.delete(id);
  // New requests arrive on top: the rows already there stay where they are, so what the user has
  // open, and the focus in it, are not disturbed; anything else redraws the list.
  const list = $(IDS.list);
  const now = [...list.children];
  const top = now.length ? rows.indexOf(now[0]) : rows.length;
  const same = Math.min(now.length, rows.length - top);
  // (Rows above are all new: one already drawn lower down, as a re-sent entry is, redraws.)
  const newOnTop = rows.slice(0, Math.max(top, 0)).every((row) => row.parentNode !== list);
  if (top >= 0 && newOnTop && now.slice(0, same).every((row, i) => row === rows[top + i])) {
    list.prepend(...rows.slice(0, top));
    for (const row of now.slice(same)) row.remove();
    list.append(...rows.slice(top + same));
  } else {
    list.replaceChildren(...rows);
  }
}

function item(entry) {
  const li = document.createElement('li');
  const explained = entry.explanations ?? [];
  li.className = explained.length ? 'bad' : 'ok';
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = entryLine(entry);
  if (explained.length) {
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = explained[0].what;
    summary.append(' ', what);
  }
  details.append(summary);
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return;
    details.append(...body(entry));
    markCommonError(COMMON_ERRORS.find((row) => explained.some((e) => e.row === row.id)), { reveal: true });
  });
  li.append(details);
  return li;
}

function body(entry) {
  const parts = [];
  const id = document.createElement('p');
  id.className = 'muted';
  id.textContent = `X-Request-Id: ${entry.requestId} · ${entry.userAgent || 'no User-Agent'}`;
  parts.push(id);
  const lang = languageOf(entry.client);
  const { signinUrl: signin, tokenUrl: token, graphqlUrl: graphql } = app.status?.endpoints ?? {};
  for (const e of entry.explanations ?? []) {
    const p = document.createElement('p');
    p.className = 'explanation';
    const strong = document.createElement('strong');
    strong.textContent = e.what;
    p.append(strong, ` ${e.fix}`);
    parts.push(p);
    const code = fixCode(e.rule, lang, { signin, token, graphql });
    if (code) {
      const pre = document.createElement('pre');
      pre.className = 'result fix';
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', `The fix in ${LANGUAGE_NAMES[lang]}`);
      pre.textContent = code;
      parts.push(pre);
    }
  }
  for (const [label, text] of [['Request', requestText(entry)], ['Answer', responseText(entry)]]) {
    const h = document.createElement('h3');
    h.textContent = label;
    const pre = document.createElement('pre');
    pre.className = 'result';
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', label);
    pre.textContent = text;
    parts.push(h, pre);
  }
  return parts;
}

export async function enter() {
  if (!loaded) {
    const got = await app.busy('Reading the Inspector', () => call('inspector_entries'));
    if (got) {
      entries = got;
      loaded = true;
    }
  }
  render();
}

/** Another environment has its own record: read again when the Inspector is next shown. */
export function reset() {
  entries = [];
  loaded = false;
  drawn.clear();
  $(IDS.list).replaceChildren();
}

export function mount(context) {
  app = context;
  $(IDS.search).addEventListener('input', app.handle(render));
  // A new entry, as the Sandbox records it: kept, and drawn when the Inspector is shown.
  window.addEventListener('dxtra:inspector', app.handle((event) => {
    // A forwarder's late answers after Stop belong to no recording shown.
    if (event.detail.source !== source() || (source() === 'forwarder' && !app.status?.forwarder)) return;
    entries = withEntry(entries, event.detail.entry);
    if (!$(IDS.step).hidden) render();
  }));
  const switched = (command) => app.handle(async () => {
    const status = await app.busy(command === 'start_forwarder' ? 'Starting to record' : 'Stopping', () => call(command));
    if (!status) return;
    app.status = status;
    app.renderFrame();
    // A new recording starts empty; a stopped one's entries went with it.
    reset();
    entries = command === 'start_forwarder' ? await call('inspector_entries') : [];
    loaded = true;
    render();
    $(command === 'start_forwarder' ? IDS.recordStop : IDS.recordStart).focus();
  });
  $(IDS.recordStart).addEventListener('click', switched('start_forwarder'));
  $(IDS.recordStop).addEventListener('click', switched('stop_forwarder'));
}
