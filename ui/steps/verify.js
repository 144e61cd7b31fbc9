// Step 4 · Verify: the subject read back where the API allows, the guide's three checks, and an
// integration summary to copy or save.

import { call } from '../ipc.js';
import { integrationSummary } from '../lib/format.js';

let app;
let verification = null;
const $ = (id) => document.getElementById(id);

function renderChecks() {
  const list = $('checks');
  list.replaceChildren();
  if (!verification) return;
  const offline = app.status.settings.environment === 'sandbox';
  for (const check of verification.checks) {
    const li = document.createElement('li');
    li.className = check.confirmed ? 'confirmed' : 'manual';
    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.textContent = check.confirmed ? '✓' : '○';
    mark.setAttribute('aria-label', check.confirmed ? 'Confirmed automatically' : 'Check in the dashboard');
    const title = document.createElement('strong');
    title.textContent = check.title;
    const detail = document.createElement('p');
    detail.textContent = check.detail;
    const link = document.createElement('a');
    link.href = check.dashboardUrl;
    link.dataset.external = '';
    link.textContent = offline ? 'Open in the dashboard (for a real account; the sandbox has none)' : 'Open in the dashboard';
    li.append(mark, title, detail, link);
    list.append(li);
  }
}

async function summary() {
  const ctx = await call('code_snippets');
  const session = await call('session_status').catch(() => null);
  return integrationSummary({ ...ctx, session, created: app.status.settings.created, verification });
}

async function run() {
  const created = app.status.settings.created;
  if (!created) {
    $('verify-subject').textContent = 'Create a data subject in step 3 first.';
    return;
  }
  const result = await app.busy('Verifying', (signal) => call('verify', { subjectId: created.dataSubjectId }, { signal }));
  if (!result) return;
  verification = result;
  $('verify-subject').textContent = result.subject
    ? `Data subject ${result.subject.id} is recorded for ${result.subject.dataController?.title ?? created.controllerId}.`
    : `Data subject ${created.dataSubjectId} could not be read back through the API.`;
  renderChecks();
  $('summary').value = await summary();
  const confirmed = result.checks.filter((c) => c.confirmed).length;
  app.announce(`Verification: ${confirmed} of ${result.checks.length} checks confirmed automatically.`);
}

export function enter() {
  run();
}

export function mount(context) {
  app = context;
  $('verify').addEventListener('click', app.handle(run));
  $('copy-summary').addEventListener('click', app.handle(() => app.copy($('summary').value)));
  $('save-summary').addEventListener('click', app.handle(() => {
    const url = URL.createObjectURL(new Blob([$('summary').value], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dxtra-integration-summary.md';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    app.announce('Summary saved to your Downloads folder.');
  }));
}
