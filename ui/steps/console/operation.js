// The console's current document as the page shows it: the editor's text read (lib/
// graphql-document.js does the reading), the operation picker, the problems under the editor and
// the variables field; after any edit, all of them and the code panel redrawn once typing pauses.
// Running it is run.js's; the editor itself editor.js's.

import { $ } from '../../dom.js';
import { documentProblems, parseVariables, problemText, readDocument } from '../../lib/graphql-document.js';
import { state } from './state.js';

const IDS = Object.freeze({
  pick: 'console-pick',
  operation: 'console-operation',
  variables: 'console-variables',
  problems: 'console-problems',
});

/** The redraw waiting for typing to pause. */
let pending = 0;

/** The editor's document: its text, parsed form (or the parse error), operations and the chosen one. */
export function current() {
  const text = state.view ? state.view.state.doc.toString() : '';
  return readDocument(text, (source) => state.cm.parse(source), $(IDS.operation).value);
}

/** What stops the document from being sent: a syntax error, or what the schema says is wrong. */
export function problemsOf(c) {
  return documentProblems(c, state.schema, (schema, doc) => state.cm.validate(schema, doc));
}

export function renderProblems(problems) {
  $(IDS.problems).replaceChildren(...problems.map((p) => {
    const li = document.createElement('li');
    li.textContent = problemText(p);
    return li;
  }));
}

/** The variables as an object ({} when blank or null), or undefined when they are not one. */
export function variablesValue() {
  return parseVariables($(IDS.variables).value);
}

/** After any edit: the operation picker, the problems and the code panel, once typing pauses. */
export function changed() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    if (!state.view) return;
    const c = current();
    const named = c.operations.filter((o) => o.name);
    $(IDS.pick).hidden = c.operations.length < 2;
    if (c.operations.length > 1) {
      const chosen = $(IDS.operation).value;
      $(IDS.operation).replaceChildren(...named.map((o) => new Option(`${o.operation} ${o.name.value}`, o.name.value)));
      if (named.some((o) => o.name.value === chosen)) $(IDS.operation).value = chosen;
    }
    renderProblems(problemsOf(c));
    state.app.renderCode();
  }, 250);
}
