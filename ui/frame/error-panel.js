// The error panel (under the action that failed, else above the step) and the Common Errors
// table beside the steps: an error shown (its message, hint, the row that explains it, the
// server's words, its one-click fix), its table row lit, cleared on Dismiss or
// when the user moves on; handlers wrapped so a bug in one is shown, never lost, and the page's
// own uncaught errors shown the same way. Which row explains which error, and how the environment
// changes the advice, is lib/errors.js; when an error is cleared on navigation is main.js's call.

import { $ } from '../dom.js';
import { COMMON_ERRORS, adjustForEnvironment, isLoopback, pageError, rowForKind } from '../lib/errors.js';

const IDS = Object.freeze({
  panel: 'error-panel',
  main: 'main',
  message: 'error-message',
  hint: 'error-hint',
  row: 'error-row',
  detail: 'error-detail',
  detailText: 'error-detail-text',
  fix: 'error-fix',
  dismiss: 'error-dismiss',
  table: 'errors-table',
  errors: 'common-errors',
});

/** The app (main.js): its status (the environment) and `fixes` (the one-click fixes by name). */
let app;

/** From here on a bug in the page is shown, never swallowed: the user sees that something failed. */
export function mountErrorPanel(context) {
  app = context;
  window.addEventListener('error', (event) => showError(pageError(event.message)));
  window.addEventListener('unhandledrejection', (event) => showError(pageError(event.reason?.message ?? event.reason)));
  buildErrorsTable();
  $(IDS.dismiss).addEventListener('click', () => clearError());
}

function buildErrorsTable() {
  const body = $(IDS.table).tBodies[0];
  for (const row of COMMON_ERRORS) {
    const tr = body.insertRow();
    tr.dataset.id = row.id;
    for (const text of [row.error, row.cause, row.solution]) tr.insertCell().textContent = text;
  }
}

/** Wraps an event handler so that a failure in it is shown, never lost. */
export function handle(handler) {
  const failed = (error) => showError(pageError(error?.message ?? error));
  return (...args) => {
    try {
      // Whatever it changed, the state's primary button follows.
      Promise.resolve(handler(...args)).catch(failed).finally(() => app?.renderPrimary?.());
    } catch (error) {
      failed(error);
    }
  };
}

/**
 * Lights the Common Errors row `row` (a COMMON_ERRORS entry; none when undefined); with `reveal`,
 * unfolds the table to show it (the error panel quotes its row instead).
 */
export function markCommonError(row, { reveal = false } = {}) {
  for (const tr of $(IDS.table).tBodies[0].rows) tr.classList.toggle('hit', tr.dataset.id === row?.id);
  if (row && reveal) $(IDS.errors).open = true;
}

/**
 * Puts the panel where the eye is: right under the actions of the button that failed (`near`,
 * in the step shown), so its fix sits next to the failing action; else at the top of the step.
 */
function place(near) {
  const panel = $(IDS.panel);
  const step = near?.closest?.('.step:not([hidden])');
  const anchor = step && (near.closest('.actions') ?? near);
  if (anchor) anchor.after(panel);
  else if (panel.parentElement !== $(IDS.main)) $(IDS.main).prepend(panel);
}

export function showError(error, { near = null } = {}) {
  const raw = typeof error === 'object' && error ? error : { kind: 'unexpected', message: String(error), hint: '' };
  // The same error means another fix in the Sandbox, or with no network.
  const urls = [app.status?.authUrl, app.status?.graphqlUrl];
  const e = adjustForEnvironment(raw, app.status?.settings.environment, app.fixes, {
    onThisComputer: urls.some(isLoopback),
    signingIn: app.step === 2,
  });
  $(IDS.message).textContent = e.message ? e.message[0].toUpperCase() + e.message.slice(1) : 'Something went wrong.';
  $(IDS.hint).textContent = e.hint ?? '';
  $(IDS.detail).hidden = !e.detail;
  $(IDS.detail).open = false;
  $(IDS.detailText).textContent = e.detail ?? '';
  $(IDS.panel).dataset.kind = e.kind;
  place(near);
  $(IDS.panel).hidden = false;
  $(IDS.panel).scrollIntoView({ block: 'nearest' });
  const row = rowForKind(e.kind);
  markCommonError(row);
  // The Common Errors row that explains it, quoted where the eye already is (the table is
  // folded away in the side column, or below the fold at 720 px).
  $(IDS.row).hidden = !row;
  $(IDS.row).textContent = row ? `Common errors · ${row.error}: ${row.cause}. ${row.solution}.` : '';
  // The error's own fix (the page's), or its Common Errors row's.
  const fix = e.fix?.run ?? (row?.fix && app.fixes[row.fix.action]);
  $(IDS.fix).hidden = !fix;
  if (fix) {
    $(IDS.fix).textContent = e.fix?.label ?? row.fix.label;
    // The fix knows where it was pressed (from a sign-in, a PAT fix signs in again).
    const from = { step: app.step };
    $(IDS.fix).onclick = () => { clearError(); fix(from); };
  }
  app.renderPrimary?.();
}

export function clearError() {
  $(IDS.panel).hidden = true;
  for (const tr of $(IDS.table).tBodies[0].rows) tr.classList.remove('hit');
  app?.renderPrimary?.();
}
