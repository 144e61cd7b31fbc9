// Running the console's operation: checked first (problems, variables), sent by the app's client
// (a mutation outside the Sandbox only after the user's yes in a dialog whose safe answer has the
// focus), the answer shown with its outcome, hint and Common Errors row, and the history updated.
// Whether a mutation needs asking, and what is kept in the history, is the app's (`run_graphql`).

import { call } from '../../ipc.js';
import { $, setFieldError } from '../../dom.js';
import { markCommonError } from '../../frame/error-panel.js';
import { answerOutcome, notSentText } from '../../lib/graphql-document.js';
import { rowForKind } from '../../lib/errors.js';
import { renderHistory } from './history.js';
import { current, problemsOf, renderProblems, variablesValue } from './operation.js';
import { key, state } from './state.js';

const IDS = Object.freeze({
  run: 'console-run',
  variables: 'console-variables',
  outcome: 'console-outcome',
  hint: 'console-hint',
  result: 'console-result',
  confirm: 'confirm-mutation',
  confirmText: 'confirm-text',
  confirmSend: 'confirm-send',
  confirmCancel: 'confirm-cancel',
});

/** Set while a run is out: a second Run (or Ctrl+Enter) meanwhile is ignored. */
let running = false;

/** The line under Run: what happened, in a tone (ok, bad, or none). */
export function outcome(text, tone = '') {
  $(IDS.outcome).textContent = text;
  $(IDS.outcome).className = `outcome-line ${tone}`;
}

export async function run(confirmed = false) {
  if (running || !state.view) return;
  const { app } = state;
  const c = current();
  const problems = problemsOf(c);
  renderProblems(problems);
  $(IDS.hint).textContent = '';
  if (problems.length) {
    $(IDS.result).hidden = true; // the answer shown was another run's
    outcome(notSentText(problems.length), 'bad');
    return;
  }
  if (variablesValue() === undefined) {
    $(IDS.result).hidden = true;
    setFieldError($(IDS.variables), 'The variables must be a JSON object, like {"id": "…"}, or empty.');
    outcome('Not sent: the variables are not a JSON object.', 'bad');
    return;
  }
  running = true;
  $(IDS.run).disabled = true;
  $(IDS.result).hidden = true;
  outcome(`Running ${c.label}…`);
  const sentFor = key();
  const request = { query: c.text, variables: $(IDS.variables).value, operationName: c.name, confirmed };
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
    $(IDS.run).disabled = false;
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
  const dialog = $(IDS.confirm);
  $(IDS.confirmText).textContent = `${error.message[0].toUpperCase()}${error.message.slice(1)}.`;
  dialog.showModal();
  $(IDS.confirmCancel).focus();
  return new Promise((resolve) => {
    const finish = (yes) => {
      $(IDS.confirmSend).onclick = null;
      $(IDS.confirmCancel).onclick = null;
      dialog.oncancel = null;
      dialog.close();
      resolve(yes);
    };
    $(IDS.confirmSend).onclick = () => finish(true);
    $(IDS.confirmCancel).onclick = () => finish(false);
    dialog.oncancel = (event) => { event.preventDefault(); finish(false); };
  });
}

function showAnswer(ran) {
  const said = answerOutcome(ran);
  outcome(said.text, said.tone);
  // The error named as the wizard names it: its fix, and its row in Common errors lit.
  $(IDS.hint).textContent = ran.problem?.hint ?? '';
  const row = ran.problem && rowForKind(ran.problem.kind);
  markCommonError(row);
  $(IDS.result).textContent = JSON.stringify(ran.answer, null, 2);
  $(IDS.result).hidden = false;
  // Where the eye is: beside the editor in a wide window, else brought up under it.
  $(IDS.outcome).scrollIntoView({ block: 'nearest' });
  state.history = ran.history;
  renderHistory();
  if (ran.historyNote) state.app.announce(ran.historyNote, { tone: 'warn' });
}
