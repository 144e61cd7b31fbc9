// Step 4 · Verify: the subject read back where the API allows, the guide's three checks as a
// compact checklist (each one's details folded), and an integration summary to copy or save;
// then "What next". The checks' states and the summary's text are lib/format.js's; the starter
// project under "What next" is steps/starter.js.

import { call } from '../ipc.js';
import { $ } from '../dom.js';
import { checkState, integrationSummary, verificationOutcome } from '../lib/format.js';

const IDS = Object.freeze({
  verify: 'verify',
  outcome: 'verify-outcome',
  headline: 'verify-headline',
  detail: 'verify-detail',
  subject: 'verify-subject',
  checks: 'checks',
  summary: 'summary',
  copySummary: 'copy-summary',
  saveSummary: 'save-summary',
});

let app;
let verification = null;

function renderChecks() {
  const list = $(IDS.checks);
  list.replaceChildren();
  if (!verification) return;
  const offline = app.status.settings.environment === 'sandbox';
  const looks = {
    confirmed: ['confirmed', '✓', 'Confirmed by an API read'],
    dashboard: ['manual', '○', 'Only the dashboard can confirm this'],
    failed: ['failed', '✗', 'Failed'],
  };
  for (const check of verification.checks) {
    const [className, symbol, words] = looks[checkState(check)];
    const li = document.createElement('li');
    li.className = className;
    li.dataset.check = check.id ?? '';
    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.textContent = symbol;
    mark.setAttribute('aria-hidden', 'true');
    const title = document.createElement('strong');
    title.textContent = check.title;
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = `· ${words}`;
    // One line per check; what the API returned (IDs, DIDs, times) folded under it, open on a failure.
    const more = document.createElement('details');
    more.open = checkState(check) === 'failed';
    const label = document.createElement('summary');
    label.textContent = 'Details';
    const detail = document.createElement('p');
    detail.textContent = check.detail;
    more.append(label, detail);
    if (checkState(check) !== 'confirmed') {
      if (offline) {
        const note = document.createElement('p');
        note.textContent = "With a real account, your Dxtra dashboard shows this; the Sandbox has none.";
        more.append(note);
      } else {
        const link = document.createElement('a');
        link.href = check.dashboardUrl;
        link.dataset.external = '';
        link.textContent = 'Open in the dashboard';
        more.append(link);
      }
    }
    li.append(mark, title, state, more);
    list.append(li);
  }
}

function renderOutcome() {
  $(IDS.outcome).hidden = !verification;
  if (!verification) return;
  const outcome = verificationOutcome(verification);
  $(IDS.outcome).classList.toggle('unfinished', !outcome.finished);
  $(IDS.headline).textContent = outcome.headline;
  $(IDS.detail).textContent = outcome.detail;
}

async function summary() {
  const ctx = await call('code_snippets');
  const session = await call('session_status').catch(() => null);
  return integrationSummary({ ...ctx, session, created: app.status.settings.created, verification });
}

async function run() {
  const created = app.status.settings.created;
  if (!created) {
    $(IDS.subject).textContent = 'Create a data subject in step 3 first.';
    return;
  }
  const result = await app.busy('Verifying', (signal) => call('verify', {}, { signal }));
  if (!result) return;
  verification = result;
  $(IDS.subject).textContent = result.subject
    ? `Data subject ${result.subject.id} is recorded for ${result.subject.dataController?.title ?? created.controllerId}.`
    : `Data subject ${created.dataSubjectId}: not read back through the API (see the checks below).`;
  renderChecks();
  renderOutcome();
  $(IDS.summary).value = await summary();
  await app.reload();
  app.announce(verificationOutcome(result).headline, { onPage: true });
}

/** Another environment: its own subject, its own checks. */
export function reset() {
  verification = null;
  $(IDS.checks).replaceChildren();
  $(IDS.subject).textContent = '';
  $(IDS.summary).value = '';
  renderOutcome();
}

export function enter() {
  run();
}

export function mount(context) {
  app = context;
  $(IDS.verify).addEventListener('click', app.handle(run));
  $(IDS.copySummary).addEventListener('click', app.handle(() => app.copy($(IDS.summary).value, 'Summary copied.', { button: $(IDS.copySummary) })));
  $(IDS.saveSummary).addEventListener('click', app.handle(() => {
    const url = URL.createObjectURL(new Blob([$(IDS.summary).value], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dxtra-integration-summary.md';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    // Where it landed is told by the app when the file is written (the `dxtra:download` event).
  }));
}
