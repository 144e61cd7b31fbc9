// The GraphQL console (after step 4), as a step: the user's own queries and mutations, sent by
// the app's client (the token never reaches this page), with completion, checks and docs from
// the introspected schema. This module wires the console and reads the schema; the editor is
// editor.js (imported on first opening, so start-up does not pay for it), the current document
// operation.js, running it run.js, the history history.js, the docs docs-view.js, their pure
// rules lib/graphql-document.js and lib/docs.js. The code panel shows the current operation in
// four languages (`snippets`).

import { call } from '../../ipc.js';
import { $, setFieldError } from '../../dom.js';
import { schemaSummary } from '../../lib/docs.js';
import { FIRST_OPERATION, FIRST_TEXT } from '../../lib/graphql-document.js';
import { operationSnippets } from '../../lib/snippets/index.js';
import { consoleDocs } from './docs-view.js';
import { load, mountHistory, renderHistory } from './history.js';
import { changed, current, variablesValue } from './operation.js';
import { outcome, run } from './run.js';
import { key, state } from './state.js';

const IDS = Object.freeze({
  schema: 'console-schema',
  reloadSchema: 'console-reload-schema',
  editor: 'console-editor',
  pick: 'console-pick',
  operation: 'console-operation',
  variables: 'console-variables',
  problems: 'console-problems',
  run: 'console-run',
  hint: 'console-hint',
  result: 'console-result',
  docs: 'console-docs',
  docsTrail: 'console-docs-trail',
});

/** The `enter` under way: a second click on Console while the editor loads waits for it. */
let entering = null;

export function mount(app) {
  state.app = app;
  state.docs = consoleDocs($(IDS.docs), $(IDS.docsTrail));
  $(IDS.run).addEventListener('click', app.handle(() => run()));
  $(IDS.variables).addEventListener('input', () => { setFieldError($(IDS.variables), null); changed(); });
  $(IDS.variables).addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') { event.preventDefault(); run(); }
  });
  $(IDS.operation).addEventListener('change', () => changed());
  $(IDS.reloadSchema).addEventListener('click', app.handle(() => state.view && loadSchema()));
  mountHistory();
}

export function enter() {
  entering ??= (async () => {
    if (state.history === null) state.history = await call('console_history').catch(() => []);
    renderHistory();
    if (!state.view) await createEditor();
    if (state.pending) {
      load(state.pending);
      state.pending = null;
    }
    if (state.schemaKey !== key()) await loadSchema();
    changed();
  })().finally(() => { entering = null; });
  return entering;
}

/** Another environment: its schema is read again when the console opens; nothing of the last
 * one's stays on screen. */
export function reset() {
  forgetSchema();
  $(IDS.result).hidden = true;
  $(IDS.problems).replaceChildren();
  $(IDS.pick).hidden = true;
  $(IDS.hint).textContent = '';
  outcome('');
}

function forgetSchema() {
  state.schema = null;
  state.schemaKey = null;
  if (state.view) state.cm.updateSchema(state.view, undefined);
  state.docs.use(null, null);
}

/** Loads the editor (and vendor/editor.js with it), holding the last run or the first text. */
async function createEditor() {
  const editor = await import('./editor.js');
  state.cm = editor.cm;
  state.view = editor.createEditor($(IDS.editor), {
    doc: state.history[0]?.query ?? FIRST_TEXT,
    onRun: () => { run(); },
    onChange: () => changed(),
    onShowInDocs: (type) => state.docs.show(type),
  });
  if (state.history[0]) $(IDS.variables).value = state.history[0].variables ?? '';
}

/** Reads the current environment's schema; an answer for an environment left meanwhile is dropped. */
async function loadSchema() {
  const wanted = key();
  forgetSchema();
  $(IDS.schema).textContent = 'Reading the schema…';
  const data = await state.app.busy('Reading the schema', (signal) => call('graphql_schema', {}, { signal }));
  if (key() !== wanted) return;
  let read = null;
  try {
    read = data ? state.cm.buildClientSchema(data) : null;
  } catch (error) {
    $(IDS.schema).textContent = `The server's schema could not be read (${error.message}); completion and checks are off. You can still run operations.`;
    return;
  }
  if (!read) {
    $(IDS.schema).textContent = 'No schema: completion and checks are off until it is read (see the error above). You can still run operations.';
    return;
  }
  state.schema = read;
  state.schemaKey = wanted;
  state.cm.updateSchema(state.view, state.schema);
  state.docs.use(state.schema, state.cm.getNamedType);
  $(IDS.schema).textContent = schemaSummary(state.schema);
  changed();
}

/** The code panel's programs for the current operation (frame/code-panel.js asks on every redraw). */
export function snippets(ctx) {
  if (!state.view) return operationSnippets(ctx, { query: FIRST_OPERATION, variables: {}, label: 'Controllers' });
  const c = current();
  return operationSnippets(ctx, { query: c.only, variables: variablesValue() ?? {}, label: c.label });
}
