// The console's history list: the app's runs, newest first, kept between launches (never a
// token); a click puts a run back in the editor, Clear history empties it. What is kept, and
// what is refused for holding a secret, is the app's (`console_history`, `run_graphql`).

import { call } from '../../ipc.js';
import { $ } from '../../dom.js';
import { environmentLabel } from '../../lib/format.js';
import { historyName } from '../../lib/graphql-document.js';
import { changed } from './operation.js';
import { state } from './state.js';

const IDS = Object.freeze({
  history: 'console-history',
  empty: 'console-history-empty',
  clear: 'console-clear-history',
  variables: 'console-variables',
  operation: 'console-operation',
});

export function mountHistory() {
  const { app } = state;
  $(IDS.clear).addEventListener('click', app.handle(async () => {
    state.history = await app.busy('Clearing the history', (signal) => call('clear_console_history', {}, { signal })) ?? state.history;
    renderHistory();
  }));
  $(IDS.history).addEventListener('click', (event) => {
    const button = event.target.closest('button[data-index]');
    if (button) load(state.history[Number(button.dataset.index)]);
  });
}

export function renderHistory() {
  const entries = state.history ?? [];
  $(IDS.empty).hidden = entries.length > 0;
  $(IDS.clear).hidden = entries.length === 0;
  $(IDS.history).replaceChildren(...entries.map((entry, index) => {
    const li = document.createElement('li');
    li.className = entry.ok ? 'ok' : 'failed';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.index = String(index);
    button.title = entry.query;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = historyName(entry);
    const meta = document.createElement('span');
    meta.className = 'meta';
    const at = new Date(entry.at * 1000);
    meta.textContent = `${environmentLabel(entry.environment, entry.origin)} · ${entry.mutation ? 'mutation' : 'query'} · ${entry.ok ? 'ok' : 'errors'} · ${at.toLocaleString()}`;
    button.append(name, meta);
    li.append(button);
    return li;
  }));
}

/** Puts a history entry back in the editor. */
export function load(entry) {
  const { view } = state;
  if (!entry) return;
  // The history shows before the editor has loaded: a click meanwhile is kept, not lost.
  if (!view) {
    state.pending = entry;
    return;
  }
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: entry.query } });
  $(IDS.variables).value = entry.variables ?? '';
  if (entry.operationName) {
    $(IDS.operation).replaceChildren(new Option(entry.operationName, entry.operationName));
    $(IDS.operation).value = entry.operationName;
  }
  changed();
  view.focus();
  state.app.announce(`Loaded ${entry.operationName ?? 'the query'} from the history.`, { onPage: true });
}
