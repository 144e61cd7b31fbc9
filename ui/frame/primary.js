// Draws the one primary (blue) button of the state shown: lib/primary.js decides which from
// what the page shows; here the facts are read and every candidate's class set. What it leaves
// out: deciding (lib/primary.js) and the buttons' own enabling (each step's).

import { $ } from '../dom.js';
import { CANDIDATES, primaryAction } from '../lib/primary.js';

const ALL = [...new Set([...Object.values(CANDIDATES).flat(), 'error-fix'])];

/** Marks the primary button of the state shown now (app: main.js's). */
export function renderPrimary(app) {
  const status = app.status;
  const shown = (id) => Boolean($(id)) && !$(id).hidden;
  const facts = {
    step: app.step,
    sandbox: status?.settings.environment === 'sandbox',
    patSaved: Boolean(status?.pat?.saved),
    signedIn: shown('session'),
    controllerSet: Boolean($('subject-controller')?.value),
    created: !$('to-step-4').disabled,
    createReady: !$('create-subject').disabled,
    verified: Boolean(status?.settings.verifiedAt),
    recording: Boolean(status?.forwarder),
    errorFix: shown('error-panel') && shown('error-fix'),
  };
  const chosen = primaryAction(facts);
  for (const id of ALL) $(id)?.classList.toggle('primary', id === chosen);
}
