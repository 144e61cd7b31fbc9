// The GraphQL console (after step 4): the user's own queries and mutations, sent by the app's
// client (the token never reaches this page), with completion, checks and docs from the
// introspected schema. The editor (CodeMirror 6 + cm6-graphql, ui/vendor/editor.js) is loaded on
// first use, so start-up does not pay for it. The history is kept by the app; the code panel
// shows the current operation in four languages.

import { call } from '../ipc.js';
import { setFieldError } from '../lib/fields.js';
import { operationSnippets } from '../lib/snippets.js';
import { consoleDocs } from '../lib/docs.js';
import { rowForKind } from '../lib/errors.js';
import { ENVIRONMENT_NAMES } from '../lib/format.js';

const $ = (id) => document.getElementById(id);
const FIRST_TEXT = `# Ctrl+Space completes from this environment's schema; Ctrl+Enter runs.
query Controllers {
  dataControllers { id title did createdAt }
}
`;

let app;
let cm = null;
let view = null;
let schema = null;
/** The environment (progress key) the schema was read from. */
let schemaKey = null;
let history = null;
let running = false;
let docs;
let pending = 0;
/** The `enter` under way: a second click on Console while the editor loads waits for it. */
let entering = null;

export function mount(wizard) {
  app = wizard;
  docs = consoleDocs($('console-docs'), $('console-docs-trail'));
  $('console-run').addEventListener('click', app.handle(() => run()));
  $('console-variables').addEventListener('input', () => { setFieldError($('console-variables'), null); changed(); });
  $('console-variables').addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') { event.preventDefault(); run(); }
  });
  $('console-operation').addEventListener('change', () => changed());
  $('console-reload-schema').addEventListener('click', app.handle(() => view && loadSchema()));
  $('console-clear-history').addEventListener('click', app.handle(async () => {
    history = await app.busy('Clearing the history', (signal) => call('clear_console_history', {}, { signal })) ?? history;
    renderHistory();
  }));
  $('console-history').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-index]');
    if (button) load(history[Number(button.dataset.index)]);
  });
}

export function enter() {
  entering ??= (async () => {
    if (history === null) history = await call('console_history').catch(() => []);
    renderHistory();
    if (!view) await createEditor();
    if (schemaKey !== key()) await loadSchema();
    changed();
  })().finally(() => { entering = null; });
  return entering;
}

const key = () => app.status?.settings.progressKey;

/** Another environment: its schema is read again when the console opens; nothing of the last
 * one's stays on screen. */
export function reset() {
  forgetSchema();
  $('console-result').hidden = true;
  $('console-problems').replaceChildren();
  $('console-pick').hidden = true;
  $('console-hint').textContent = '';
  outcome('');
}

function forgetSchema() {
  schema = null;
  schemaKey = null;
  if (view) cm.updateSchema(view, undefined);
  docs.use(null, null);
}

async function createEditor() {
  cm = await import('../vendor/editor.js');
  const { EditorView, EditorState, basicSetup, keymap, graphql } = cm;
  const runKey = () => { run(); return true; };
  // In a shadow root, CodeMirror styles itself with constructed style sheets, which the strict CSP
  // (style-src 'self') allows; in the document it would add <style> elements, which it blocks.
  const host = $('console-editor');
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  view = new EditorView({
    parent: root,
    state: EditorState.create({
      doc: history[0]?.query ?? FIRST_TEXT,
      extensions: [
        keymap.of([{ key: 'Mod-Enter', run: runKey }]),
        basicSetup,
        graphql(undefined, { onShowInDocs: (field, type, parentType) => docs.show(parentType ?? type) }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'GraphQL query' }),
        EditorView.updateListener.of((update) => { if (update.docChanged) changed(); }),
        plainSpaces(EditorState),
        theme(EditorView),
        cm.syntaxHighlighting(highlightStyle()),
      ],
    }),
  });
  if (history[0]) $('console-variables').value = history[0].variables ?? '';
}

/**
 * Turns no-break spaces into spaces as they are typed or pasted: WebKit's editing inserts them
 * for spaces typed at a line's end, text copied from web pages carries them, and GraphQL refuses
 * them ("Unexpected character: U+00A0"). Same length, so the selection stays where it was.
 */
function plainSpaces(EditorState) {
  return EditorState.transactionFilter.of((tr) => {
    let found = false;
    tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => { found ||= inserted.toString().includes('\u00a0'); });
    if (!found) return tr;
    const changes = [];
    tr.changes.iterChanges((from, to, fromB, toB, inserted) => changes.push({ from, to, insert: inserted.toString().replace(/\u00a0/g, ' ') }));
    return { changes, selection: tr.selection, effects: tr.effects, scrollIntoView: tr.scrollIntoView };
  });
}

/** Syntax colours from the app's CSS variables (--syn-*), so light and dark both read well. */
function highlightStyle() {
  const { HighlightStyle, tags: t } = cm;
  return HighlightStyle.define([
    { tag: t.keyword, color: 'var(--syn-keyword)' },
    { tag: [t.definition(t.variableName), t.function(t.variableName), t.definition(t.propertyName)], color: 'var(--syn-def)' },
    { tag: [t.variableName, t.special(t.variableName)], color: 'var(--syn-var)' },
    { tag: [t.string, t.special(t.string)], color: 'var(--syn-string)' },
    { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-atom)' },
    { tag: [t.typeName, t.className, t.namespace], color: 'var(--syn-type)' },
    { tag: [t.propertyName, t.attributeName], color: 'var(--text)' },
    { tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
    { tag: t.invalid, color: 'var(--bad)' },
  ]);
}

/** The editor in the app's colours (CSS variables reach into the shadow root), light or dark. */
function theme(EditorView) {
  const tint = (percent) => `color-mix(in srgb, var(--accent) ${percent}%, transparent)`;
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return EditorView.theme({
    '&': { minHeight: '150px', maxHeight: '50vh', fontSize: '13px', color: 'var(--text)', backgroundColor: 'var(--bg)', borderRadius: '6px' },
    '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
    '.cm-scroller': { fontFamily: 'monospace' },
    '.cm-gutters': { backgroundColor: 'var(--code)', color: 'var(--muted)', borderRightColor: 'var(--line)' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: tint(8) },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: tint(30) },
    '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', borderColor: 'var(--line)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
    '.cm-completionInfo': { maxWidth: '320px' },
    '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
  }, { dark });
}

/** Reads the current environment's schema; an answer for an environment left meanwhile is dropped. */
async function loadSchema() {
  const wanted = key();
  forgetSchema();
  $('console-schema').textContent = 'Reading the schema…';
  const data = await app.busy('Reading the schema', (signal) => call('graphql_schema', {}, { signal }));
  if (key() !== wanted) return;
  let read = null;
  try {
    read = data ? cm.buildClientSchema(data) : null;
  } catch (error) {
    $('console-schema').textContent = `The server's schema could not be read (${error.message}); completion and checks are off. You can still run operations.`;
    return;
  }
  if (!read) {
    $('console-schema').textContent = 'No schema: completion and checks are off until it is read (see the error above). You can still run operations.';
    return;
  }
  schema = read;
  schemaKey = wanted;
  cm.updateSchema(view, schema);
  docs.use(schema, cm.getNamedType);
  const count = (type) => Object.keys(type?.getFields() ?? {}).length;
  $('console-schema').textContent = `Schema read from this environment: ${count(schema.getQueryType())} queries, ${count(schema.getMutationType())} mutations.`;
  changed();
}

/** The editor's document: its text, parsed form (or the parse error), operations and the chosen one. */
function current() {
  const text = view ? view.state.doc.toString() : '';
  let doc = null;
  let parseError = null;
  try {
    doc = cm.parse(text);
  } catch (error) {
    parseError = error;
  }
  const operations = doc ? doc.definitions.filter((d) => d.kind === 'OperationDefinition') : [];
  const picked = operations.length > 1 ? operations.find((o) => o.name?.value === $('console-operation').value) ?? operations[0] : operations[0];
  // The chosen operation and the fragments it uses: what the code panel's programs send, and
  // the part of the document whose problems stop the run.
  const parts = picked ? [picked, ...usedFragments(picked, doc)] : [];
  return {
    text,
    doc,
    parseError,
    operations,
    parts,
    name: operations.length > 1 ? picked?.name?.value ?? null : null,
    label: picked?.name?.value ?? picked?.operation ?? 'operation',
    mutation: picked?.operation === 'mutation',
    only: parts.length ? parts.map((d) => text.slice(d.loc.start, d.loc.end)).join('\n\n') : text,
  };
}

/** The fragments `operation` spreads, directly or through other fragments, in document order. */
function usedFragments(operation, doc) {
  const byName = new Map(doc.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
  const used = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.kind === 'FragmentSpread' && byName.has(node.name.value) && !used.has(node.name.value)) {
      used.add(node.name.value);
      visit(byName.get(node.name.value).selectionSet);
    }
    for (const [field, value] of Object.entries(node)) if (field !== 'loc') visit(value);
  };
  visit(operation.selectionSet);
  return [...byName.values()].filter((d) => used.has(d.name.value));
}

/** What stops the document from being sent: a syntax error, or what the schema says is wrong. */
function problemsOf(c) {
  if (!c.text.trim()) return [{ message: 'The editor is empty: write a query or a mutation.' }];
  if (c.parseError) return [{ message: c.parseError.message.replace(/^Syntax Error: /, 'Syntax error: '), line: c.parseError.locations?.[0]?.line }];
  if (!schema) return [];
  // Only what is sent counts: a problem in another operation of the document does not stop this one.
  const inParts = (offset) => c.parts.some((d) => offset >= d.loc.start && offset <= d.loc.end);
  return cm.validate(schema, c.doc)
    .filter((e) => !e.positions?.length || e.positions.some(inParts))
    .map((e) => ({ message: e.message, line: e.locations?.[0]?.line }));
}

function renderProblems(problems) {
  $('console-problems').replaceChildren(...problems.map((p) => {
    const li = document.createElement('li');
    li.textContent = p.line ? `Line ${p.line}: ${p.message}` : p.message;
    return li;
  }));
}

/** The variables as an object ({} when blank or null), or undefined when they are not one. */
function variablesValue() {
  const text = $('console-variables').value;
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (value === null) return {};
    return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** After any edit: the operation picker, the problems and the code panel, once typing pauses. */
function changed() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    if (!view) return;
    const c = current();
    const named = c.operations.filter((o) => o.name);
    $('console-pick').hidden = c.operations.length < 2;
    if (c.operations.length > 1) {
      const chosen = $('console-operation').value;
      $('console-operation').replaceChildren(...named.map((o) => new Option(`${o.operation} ${o.name.value}`, o.name.value)));
      if (named.some((o) => o.name.value === chosen)) $('console-operation').value = chosen;
    }
    renderProblems(problemsOf(c));
    app.renderCode();
  }, 250);
}

/** The code panel's programs for the current operation (main.js asks on every redraw). */
export function snippets(ctx) {
  if (!view) return operationSnippets(ctx, { query: FIRST_TEXT.split('\n').slice(1).join('\n'), variables: {}, label: 'Controllers' });
  const c = current();
  return operationSnippets(ctx, { query: c.only, variables: variablesValue() ?? {}, label: c.label });
}

function outcome(text, tone = '') {
  $('console-outcome').textContent = text;
  $('console-outcome').className = `outcome-line ${tone}`;
}

async function run(confirmed = false) {
  if (running || !view) return;
  const c = current();
  const problems = problemsOf(c);
  renderProblems(problems);
  $('console-hint').textContent = '';
  if (problems.length) {
    $('console-result').hidden = true; // the answer shown was another run's
    outcome(`Not sent: ${problems.length === 1 ? 'fix the problem' : `fix the ${problems.length} problems`} listed above first.`, 'bad');
    return;
  }
  if (variablesValue() === undefined) {
    $('console-result').hidden = true;
    setFieldError($('console-variables'), 'The variables must be a JSON object, like {"id": "…"}, or empty.');
    outcome('Not sent: the variables are not a JSON object.', 'bad');
    return;
  }
  running = true;
  $('console-run').disabled = true;
  $('console-result').hidden = true;
  outcome(`Running ${c.label}…`);
  const sentFor = key();
  const request = { query: c.text, variables: $('console-variables').value, operationName: c.name, confirmed };
  let ran;
  try {
    ran = await app.busy(`Running ${c.label}`, async (signal) => {
      try {
        return await call('run_graphql', { request }, { signal });
      } catch (error) {
        if (error?.kind === 'confirm-mutation') return { confirm: error };
        throw error;
      }
    }, c.mutation ? { onDetach: () => outcome('The mutation was sent: its answer shows here when it comes.') } : {});
  } finally {
    running = false;
    $('console-run').disabled = false;
  }
  if (key() !== sentFor) return; // another environment is shown now: its answer is not this one's
  if (ran?.confirm) {
    outcome(`Nothing sent yet: ${c.label} waits for your answer.`);
    if (await askToSend(ran.confirm)) return run(true);
    outcome('Not sent.');
    return;
  }
  if (ran) showAnswer(ran);
  else outcome(`${c.label} failed: see the message above.`, 'bad');
}

/** Asks before a mutation outside the Sandbox; the safe answer has the focus. */
function askToSend(error) {
  const dialog = $('confirm-mutation');
  $('confirm-text').textContent = `${error.message[0].toUpperCase()}${error.message.slice(1)}.`;
  dialog.showModal();
  $('confirm-cancel').focus();
  return new Promise((resolve) => {
    const finish = (yes) => {
      $('confirm-send').onclick = null;
      $('confirm-cancel').onclick = null;
      dialog.oncancel = null;
      dialog.close();
      resolve(yes);
    };
    $('confirm-send').onclick = () => finish(true);
    $('confirm-cancel').onclick = () => finish(false);
    dialog.oncancel = (event) => { event.preventDefault(); finish(false); };
  });
}

function showAnswer(ran) {
  const errors = Array.isArray(ran.answer?.errors) ? ran.answer.errors : [];
  const what = `${ran.operation} · ${ran.elapsedMs} ms · `;
  if (errors.length) outcome(`${what}the server answered with ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${errors[0]?.message ?? ''}`, 'bad');
  else outcome(`${what}ok`, 'ok');
  // The error named as the wizard names it: its fix, and its row in Common errors lit.
  $('console-hint').textContent = ran.problem?.hint ?? '';
  const row = ran.problem && rowForKind(ran.problem.kind);
  for (const tr of $('errors-table').tBodies[0].rows) tr.classList.toggle('hit', tr.dataset.id === row?.id);
  $('console-result').textContent = JSON.stringify(ran.answer, null, 2);
  $('console-result').hidden = false;
  history = ran.history;
  renderHistory();
  if (ran.historyNote) app.announce(ran.historyNote, { tone: 'warn' });
}

const environmentOf = (entry) => {
  const name = (ENVIRONMENT_NAMES[entry.environment] ?? entry.environment).split(' (')[0];
  return entry.origin ? `${name} (${entry.origin})` : name;
};

function renderHistory() {
  const entries = history ?? [];
  $('console-history-empty').hidden = entries.length > 0;
  $('console-clear-history').hidden = entries.length === 0;
  $('console-history').replaceChildren(...entries.map((entry, index) => {
    const li = document.createElement('li');
    li.className = entry.ok ? 'ok' : 'failed';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.index = String(index);
    button.title = entry.query;
    const firstLine = entry.query.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#')) ?? '';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = entry.operationName ?? firstLine.slice(0, 80);
    const meta = document.createElement('span');
    meta.className = 'meta';
    const at = new Date(entry.at * 1000);
    meta.textContent = `${environmentOf(entry)} · ${entry.mutation ? 'mutation' : 'query'} · ${entry.ok ? 'ok' : 'errors'} · ${at.toLocaleString()}`;
    button.append(name, meta);
    li.append(button);
    return li;
  }));
}

/** Puts a history entry back in the editor. */
function load(entry) {
  if (!entry || !view) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: entry.query } });
  $('console-variables').value = entry.variables ?? '';
  if (entry.operationName) {
    $('console-operation').replaceChildren(new Option(entry.operationName, entry.operationName));
    $('console-operation').value = entry.operationName;
  }
  changed();
  view.focus();
  app.announce(`Loaded ${entry.operationName ?? 'the query'} from the history.`);
}
