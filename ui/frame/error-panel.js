// The error panel above the steps and the Common Errors table beside them: an error shown (its
// message, hint, the server's words, its one-click fix), its table row lit, cleared on Dismiss or
// when the user moves on; handlers wrapped so a bug in one is shown, never lost, and the page's
// own uncaught errors shown the same way. Which row explains which error, and how the environment
// changes the advice, is lib/errors.js; when an error is cleared on navigation is main.js's call.

import { $ } from '../dom.js';
import { COMMON_ERRORS, adjustForEnvironment, isLoopback, pageError, rowForKind } from '../lib/errors.js';

const IDS = Object.freeze({
  panel: 'error-panel',
  message: 'error-message',
  hint: 'error-hint',
  detail: 'error-detail',
  detailText: 'error-detail-text',
  fix: 'error-fix',
  dismiss: 'error-dismiss',
  table: 'errors-table',
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

/** Lights the Common Errors row `row` (a COMMON_ERRORS entry; none when undefined). */
export function markCommonError(row) {
  for (const tr of $(IDS.table).tBodies[0].rows) tr.classList.toggle('hit', tr.dataset.id === row?.id);
}

export function showError(error) {
  const raw = typeof error === 'object' && error ? error : { kind: 'unexpected', message: String(error), hint: '' };
  // The same error means another fix in the Sandbox, or with no network.
  const urls = [app.status?.authUrl, app.status?.graphqlUrl];
  const e = adjustForEnvironment(raw, app.status?.settings.environment, app.fixes, { onThisComputer: urls.some(isLoopback) });
  $(IDS.message).textContent = e.message ? e.message[0].toUpperCase() + e.message.slice(1) : 'Something went wrong.';
  $(IDS.hint).textContent = e.hint ?? '';
  $(IDS.detail).hidden = !e.detail;
  $(IDS.detail).open = false;
  $(IDS.detailText).textContent = e.detail ?? '';
  $(IDS.panel).dataset.kind = e.kind;
  $(IDS.panel).hidden = false;
  $(IDS.panel).scrollIntoView({ block: 'nearest' });
  const row = rowForKind(e.kind);
  markCommonError(row);
  // The error's own fix (the page's), or its Common Errors row's.
  const fix = e.fix?.run ?? (row?.fix && app.fixes[row.fix.action]);
  $(IDS.fix).hidden = !fix;
  if (fix) {
    $(IDS.fix).textContent = e.fix?.label ?? row.fix.label;
    $(IDS.fix).onclick = () => { clearError(); fix(); };
  }
  app.renderPrimary?.();
}

export function clearError() {
  $(IDS.panel).hidden = true;
  for (const tr of $(IDS.table).tBodies[0].rows) tr.classList.remove('hit');
  app?.renderPrimary?.();
}
