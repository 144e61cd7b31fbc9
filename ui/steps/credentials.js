// Step 1 · Get API credentials: the environment (Custom URLs previewed and checked), the PAT (to
// the keychain, or for this session only) and the controller ID. The field rules are
// lib/validate.js, the step's texts and origin rule lib/credentials.js; what is saved where, and
// which endpoints the URLs lead to, is the app's.

import { call } from '../ipc.js';
import { $, setFieldError } from '../dom.js';
import { validatePat, validateUrl, validateUuid } from '../lib/validate.js';
import { rowForKind } from '../lib/errors.js';
import { connectionWords, describeEndpoints, endpointsText, originsMoved, patStatusText } from '../lib/credentials.js';
import { routeLines } from '../lib/network.js';

const IDS = Object.freeze({
  form: 'credentials-form',
  customUrls: 'custom-urls',
  customAuthUrl: 'custom-auth-url',
  customGraphqlUrl: 'custom-graphql-url',
  envUrls: 'env-urls',
  checkOffer: 'check-offer',
  checkConnection: 'check-connection',
  connectionResults: 'connection-results',
  sandboxOffer: 'sandbox-offer',
  useDemo: 'use-demo',
  pat: 'pat',
  togglePat: 'toggle-pat',
  pastePat: 'paste-pat',
  patStatus: 'pat-status',
  sessionOnlyOffer: 'session-only-offer',
  sessionOnlyReason: 'session-only-reason',
  sessionOnly: 'session-only',
  controllerId: 'controller-id',
  forgetPat: 'forget-pat',
  save: 'save-credentials',
  saveWarning: 'save-warning',
  // The error panel's (frame/error-panel.js), read to tell a keychain or PAT error.
  errorPanel: 'error-panel',
  errorMessage: 'error-message',
});

let app;

const fieldError = (id, message) => setFieldError($(id), message);

function selectedEnvironment() {
  return document.querySelector('input[name=environment]:checked')?.value ?? 'sandbox';
}

function renderPatStatus(pat) {
  $(IDS.patStatus).textContent = patStatusText(pat);
  $(IDS.forgetPat).hidden = !pat.saved;
}

export function render() {
  const { settings, pat, endpoints, environmentError } = app.status;
  for (const radio of document.querySelectorAll('input[name=environment]')) radio.checked = radio.value === settings.environment;
  $(IDS.customUrls).hidden = settings.environment !== 'custom';
  $(IDS.checkOffer).hidden = !['custom', 'local-dev'].includes(settings.environment);
  if (document.activeElement !== $(IDS.customAuthUrl)) $(IDS.customAuthUrl).value = settings.customAuthUrl;
  if (document.activeElement !== $(IDS.customGraphqlUrl)) $(IDS.customGraphqlUrl).value = settings.customGraphqlUrl;
  $(IDS.envUrls).textContent = endpointsText({ settings, endpoints, environmentError });
  $(IDS.sandboxOffer).hidden = settings.environment !== 'sandbox';
  // Results belong to the environment and URLs they were made for.
  if (checked !== resultsKey()) $(IDS.connectionResults).hidden = true;
  renderPatStatus(pat);
  // A saved PAT answers an old "paste the PAT" message.
  if (pat.saved && !$(IDS.pat).value) fieldError(IDS.pat, null);
  if (document.activeElement !== $(IDS.controllerId)) $(IDS.controllerId).value = settings.controllerId;
}

export function enter() {
  render();
}

/** The environment and URLs the results of "Check connection" shown are about. */
let checked = null;

/** What the last check found wrong ("auth service unreachable"), if anything. */
let failedCheck = null;
/** The user was told what the check found and may save anyway with the next press. */
let saveAnyway = false;
/** Step 1 was opened by a sign-in's fix (a wrong PAT): saving signs in again, in one press. */
let signInAfterSave = false;

const saveLabel = () => (signInAfterSave ? 'Save and sign in' : 'Save and continue');

function clearSaveWarning() {
  saveAnyway = false;
  $(IDS.saveWarning).hidden = true;
  $(IDS.save).textContent = saveLabel();
}

/** What a check's results are about: the environment picked and, for Custom, its two URLs. */
function resultsKey() {
  const env = selectedEnvironment();
  const urls = env === 'custom' ? [$(IDS.customAuthUrl).value, $(IDS.customGraphqlUrl).value] : [];
  return [env, ...urls].join('\n');
}

/** As the Custom URLs are typed: the endpoints they lead to, before anything is saved. */
async function preview() {
  const authUrl = $(IDS.customAuthUrl).value;
  const graphqlUrl = $(IDS.customGraphqlUrl).value;
  // Results about other URLs than those in the fields would mislead.
  if (checked !== resultsKey()) {
    $(IDS.connectionResults).hidden = true;
    clearSaveWarning();
  }
  if (originsChanged()) {
    $(IDS.patStatus).textContent = 'These URLs point to another server: paste the PAT created for it (the saved one stays with the old URLs).';
    $(IDS.forgetPat).hidden = true;
  } else {
    renderPatStatus(app.status.pat);
  }
  if (validateUrl(authUrl) || validateUrl(graphqlUrl)) return;
  try {
    $(IDS.envUrls).textContent = `Will call:\n${describeEndpoints(await call('preview_endpoints', { authUrl, graphqlUrl }))}`;
  } catch (error) {
    $(IDS.envUrls).textContent = error?.message ?? String(error);
  }
}

function connectionItem(name, field, check) {
  const li = document.createElement('li');
  li.className = check.state;
  const head = document.createElement('p');
  const words = connectionWords(check.state);
  const strong = document.createElement('strong');
  strong.textContent = `${name}: ${words}`;
  head.append(strong, ` · ${check.url}`);
  const summary = document.createElement('p');
  summary.textContent = check.summary;
  li.append(head, summary);
  for (const line of routeLines(check)) {
    const p = document.createElement('p');
    p.className = 'muted route';
    p.textContent = line;
    li.append(p);
  }
  if (check.corrected && field) {
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'use-corrected';
    use.textContent = `Use ${check.corrected}`;
    use.addEventListener('click', app.handle(async () => {
      $(field).value = check.corrected;
      fieldError(field, null);
      await preview();
      app.announce(`The ${name} URL is now ${check.corrected}. Save to keep it.`);
      $(field).focus();
    }));
    li.append(use);
  }
  return li;
}

async function checkConnection() {
  const custom = selectedEnvironment() === 'custom';
  const args = custom ? { authUrl: $(IDS.customAuthUrl).value, graphqlUrl: $(IDS.customGraphqlUrl).value } : {};
  if (custom) {
    let ok = fieldError(IDS.customAuthUrl, validateUrl(args.authUrl));
    ok = fieldError(IDS.customGraphqlUrl, validateUrl(args.graphqlUrl)) && ok;
    if (!ok) return;
  }
  const result = await app.busy('Checking the connection', (signal) => call('check_connection', args, { signal }));
  if (!result) return;
  checked = resultsKey();
  const failed = [['auth service', result.auth], ['GraphQL', result.graphql]].filter(([, c]) => c.state !== 'ok');
  failedCheck = failed.map(([name, c]) => `${name} ${connectionWords(c.state)}`).join(', ') || null;
  clearSaveWarning();
  const list = $(IDS.connectionResults);
  list.replaceChildren(
    connectionItem('auth service', custom ? IDS.customAuthUrl : null, result.auth),
    connectionItem('GraphQL', custom ? IDS.customGraphqlUrl : null, result.graphql),
  );
  list.hidden = false;
  const fine = result.auth.state === 'ok' && result.graphql.state === 'ok';
  app.announce(fine ? 'Both URLs answer as expected.' : 'The check found a problem: see below the URLs.', { onPage: true });
}

async function saveEnvironment(patch) {
  await app.busy('Switching environment', async () => {
    app.status = await call('save_settings', { patch });
    app.renderFrame();
    render();
  });
  // The switch does not wait for the keychain; its PAT's status follows (a locked keyring may ask first).
  if (app.status?.pat.pending) {
    await app.busy('Checking the system keychain for this environment\'s PAT (it may ask you to unlock it)', (signal) => app.reload(signal));
    render();
  }
}

async function savePat(sessionOnly) {
  const pat = $(IDS.pat).value;
  // Filed under the environment the page shows now; the app refuses it if that changed meanwhile.
  const key = app.status.settings.progressKey;
  // Cancel cannot take a save back from a keychain that is asking to be unlocked: it says so.
  const saved = await app.busy('Saving the PAT', () => call('save_pat', { pat, sessionOnly, key }), {
    onDetach: () => app.announce('The PAT will still be saved once the keychain answers (it may be waiting for you to unlock it).', { tone: 'warn' }),
  });
  if (!saved) {
    if ($(IDS.errorPanel).dataset.kind === 'keychain-unavailable') {
      $(IDS.sessionOnlyReason).textContent = $(IDS.errorMessage).textContent;
      $(IDS.sessionOnlyOffer).hidden = false;
    }
    return false;
  }
  $(IDS.sessionOnlyOffer).hidden = true;
  $(IDS.pat).value = '';
  app.announce(`PAT saved in ${saved.store}.`);
  if (saved.warning) app.announce(saved.warning, { tone: 'warn' });
  return true;
}

/** Whether the Custom URLs in the fields point elsewhere than the saved ones (another PAT, progress). */
function originsChanged() {
  const typed = { environment: selectedEnvironment(), authUrl: $(IDS.customAuthUrl).value, graphqlUrl: $(IDS.customGraphqlUrl).value };
  return originsMoved(app.status.settings, typed);
}

/** Set while a Save is out (a second click or Enter meanwhile is ignored). */
let saving = false;

async function submit(event) {
  event.preventDefault();
  if (saving) return;
  saving = true;
  try {
    await save();
  } finally {
    saving = false;
  }
}

/** The PAT's status has been read from the keychain after start-up: only its line changes (the
 * fields keep what the user typed meanwhile, and URLs of another server keep their message). */
export function patStatusArrived() {
  if (originsChanged()) return;
  renderPatStatus(app.status.pat);
  if (app.status.pat.saved && !$(IDS.pat).value) fieldError(IDS.pat, null);
}

async function save() {
  // Whether a PAT is saved decides whether an empty field is fine: with the field empty, wait for
  // the keychain's answer first (it may be asking to be unlocked).
  if (app.status.pat.pending && !$(IDS.pat).value.trim()) {
    await app.busy('Checking the system keychain for a saved PAT (it may ask you to unlock it)', () => app.patLoaded);
  }
  const environment = selectedEnvironment();
  let ok = true;
  if (environment === 'custom') {
    ok = fieldError(IDS.customAuthUrl, validateUrl($(IDS.customAuthUrl).value)) && ok;
    ok = fieldError(IDS.customGraphqlUrl, validateUrl($(IDS.customGraphqlUrl).value)) && ok;
  }
  const typed = $(IDS.pat).value;
  // A PAT saved for other URLs is never sent to these: another origin asks for its own.
  const moved = originsChanged();
  const patMessage = typed.trim() || !app.status.pat.saved || moved ? validatePat(typed) : null;
  ok = fieldError(IDS.pat, patMessage) && ok;
  const controllerId = $(IDS.controllerId).value.trim();
  ok = fieldError(IDS.controllerId, controllerId ? validateUuid(controllerId, 'The Data Controller ID') : null) && ok;
  if (!ok) {
    document.querySelector(`#${IDS.form} [aria-invalid=true]`)?.focus();
    app.announce('Some fields need attention.', { onPage: true });
    return;
  }
  // The check just found a problem with these very URLs: say what, and ask once before going on.
  if (failedCheck && checked === resultsKey() && !$(IDS.connectionResults).hidden && !saveAnyway) {
    saveAnyway = true;
    $(IDS.saveWarning).textContent = `Check connection found: ${failedCheck}. Fix the URL, or press Save anyway to go on.`;
    $(IDS.saveWarning).hidden = false;
    $(IDS.save).textContent = 'Save anyway';
    app.announce($(IDS.saveWarning).textContent, { onPage: true });
    return;
  }
  clearSaveWarning();
  // The controller shown belongs to the saved URLs: it moves only if the user typed it.
  const keepsController = moved && controllerId === app.status.settings.controllerId;
  const patch = keepsController ? { environment } : { environment, controllerId };
  if (environment === 'custom') {
    patch.customAuthUrl = $(IDS.customAuthUrl).value;
    patch.customGraphqlUrl = $(IDS.customGraphqlUrl).value;
  }
  const status = await app.busy('Saving', (signal) => call('save_settings', { patch }, { signal }));
  if (!status) return;
  app.status = status;
  if (status.environmentError) {
    app.showError(status.environmentError);
    return;
  }
  if (typed.trim() && !(await savePat(false))) return;
  await app.reload();
  render();
  await app.advance(2);
  if (signInAfterSave) {
    signInAfterSave = false;
    $(IDS.save).textContent = saveLabel();
    await app.fixes.reauthenticate?.();
  }
}

export function mount(context) {
  app = context;
  $(IDS.form).addEventListener('submit', app.handle(submit));
  for (const radio of document.querySelectorAll('input[name=environment]')) {
    radio.addEventListener('change', app.handle(() => saveEnvironment({ environment: radio.value })));
  }
  $(IDS.togglePat).addEventListener('click', app.handle(() => {
    const show = $(IDS.pat).type === 'password';
    $(IDS.pat).type = show ? 'text' : 'password';
    $(IDS.togglePat).textContent = show ? 'Hide' : 'Show';
    $(IDS.togglePat).setAttribute('aria-pressed', String(show));
  }));
  $(IDS.pastePat).addEventListener('click', app.handle(async () => {
    try {
      $(IDS.pat).value = (await navigator.clipboard.readText()).trim();
      app.announce('Pasted.');
    } catch {
      app.announce('Paste is not allowed here: press Ctrl+V in the field.');
      $(IDS.pat).focus();
    }
  }));
  for (const id of [IDS.pat, IDS.controllerId, IDS.customAuthUrl, IDS.customGraphqlUrl]) {
    $(id).addEventListener('input', app.handle(() => fieldError(id, null)));
  }
  // Editing what an error was about makes the error stale.
  $(IDS.pat).addEventListener('input', () => {
    if (rowForKind($(IDS.errorPanel).dataset.kind)?.id === 'invalid-pat') app.clearError();
  });
  let typing;
  for (const id of [IDS.customAuthUrl, IDS.customGraphqlUrl]) {
    $(id).addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(app.handle(preview), 250);
    });
  }
  $(IDS.checkConnection).addEventListener('click', app.handle(checkConnection));
  const useDemo = async () => {
    const status = await app.busy('Starting the sandbox', (signal) => call('start_sandbox', { useDemo: true }, { signal }));
    if (!status) return;
    app.status = status;
    fieldError(IDS.pat, null);
    render();
    app.announce(`Demo credentials saved: the PAT in ${status.pat.store}.`);
    await app.advance(2);
  };
  $(IDS.useDemo).addEventListener('click', app.handle(useDemo));
  // From a sign-in that failed, the fix signs in with them too: one press.
  app.fixes['use-demo'] = app.handle(async (from) => {
    await useDemo();
    if (from?.step === 2 && app.step === 2) await app.fixes.reauthenticate?.();
  });
  app.fixes['practise-sandbox'] = app.handle(async () => {
    app.show(1);
    await saveEnvironment({ environment: 'sandbox' });
    $(IDS.useDemo).focus();
  });
  // A Custom server that did not answer: its URLs, to correct.
  app.fixes['edit-urls'] = () => {
    app.show(1);
    $(IDS.customAuthUrl).focus();
    $(IDS.customAuthUrl).select();
  };
  $(IDS.sessionOnly).addEventListener('click', app.handle(async () => {
    if (await savePat(true)) {
      await app.reload();
      render();
      await app.advance(2);
    }
  }));
  $(IDS.forgetPat).addEventListener('click', app.handle(async () => {
    const key = app.status.settings.progressKey;
    const pat = await app.busy('Forgetting the PAT', (signal) => call('forget_pat', { key }, { signal }));
    if (pat) {
      await app.reload();
      render();
      app.announce('The saved PAT was deleted.');
    }
  }));
  // A sign-in that found the auth service elsewhere on the host: save the corrected URL (the same
  // origin, so the same PAT) and sign in again.
  app.fixes['use-auth-url'] = app.handle(async (url) => {
    await saveEnvironment({ customAuthUrl: url });
    app.announce(`The auth URL is now ${url}.`);
    await app.fixes.reauthenticate?.();
  });
  // A PAT the sign-in refused: the field, and Save then signs in again.
  app.fixes['edit-pat'] = (from) => {
    signInAfterSave = from?.step === 2;
    app.show(1);
    $(IDS.save).textContent = saveLabel();
    $(IDS.pat).focus();
  };
}
