// Step 1 · Get API credentials: the environment, the PAT (to the keychain) and the controller ID.

import { call } from '../ipc.js';
import { setFieldError } from '../lib/fields.js';
import { validatePat, validateUrl, validateUuid } from '../lib/validate.js';
import { rowForKind } from '../lib/errors.js';

let app;
const $ = (id) => document.getElementById(id);

const fieldError = (id, message) => setFieldError($(id), message);

function selectedEnvironment() {
  return document.querySelector('input[name=environment]:checked')?.value ?? 'sandbox';
}

/** "Sign-in: … · Refresh: … · GraphQL: …": exactly what the app will call. */
const describe = (e) => `Sign-in: ${e.signinUrl} · Refresh: ${e.tokenUrl} · GraphQL: ${e.graphqlUrl}`;

function renderPatStatus(pat) {
  $('pat-status').textContent = pat.pending ? 'Checking the system keychain for a saved PAT (it may ask you to unlock it)…' : pat.saved
    ? `A PAT is saved in ${pat.store}: ${pat.masked}. Leave the field empty to keep it.`
    : (pat.keychainError ? `The keychain could not be read: ${pat.keychainError}` : 'No PAT saved for this environment yet.');
  $('forget-pat').hidden = !pat.saved;
}

export function render() {
  const { settings, pat, endpoints, environmentError } = app.status;
  for (const radio of document.querySelectorAll('input[name=environment]')) radio.checked = radio.value === settings.environment;
  $('custom-urls').hidden = settings.environment !== 'custom';
  $('check-offer').hidden = !['custom', 'local-dev'].includes(settings.environment);
  if (document.activeElement !== $('custom-auth-url')) $('custom-auth-url').value = settings.customAuthUrl;
  if (document.activeElement !== $('custom-graphql-url')) $('custom-graphql-url').value = settings.customGraphqlUrl;
  const noCustomUrls = settings.environment === 'custom' && !settings.customAuthUrl && !settings.customGraphqlUrl;
  $('env-urls').textContent = endpoints
    ? describe(endpoints)
    : noCustomUrls ? 'Enter the two URLs of your Dxtra deployment.' : (environmentError?.message ?? '');
  $('sandbox-offer').hidden = settings.environment !== 'sandbox';
  renderPatStatus(pat);
  // A saved PAT answers an old "paste the PAT" message.
  if (pat.saved && !$('pat').value) fieldError('pat', null);
  if (document.activeElement !== $('controller-id')) $('controller-id').value = settings.controllerId;
}

export function enter() {
  render();
}

/** The URLs the results of "Check connection" shown are about. */
let checked = null;

/** As the Custom URLs are typed: the endpoints they lead to, before anything is saved. */
async function preview() {
  const authUrl = $('custom-auth-url').value;
  const graphqlUrl = $('custom-graphql-url').value;
  // Results about other URLs than those in the fields would mislead.
  if (checked !== `${authUrl}\n${graphqlUrl}`) $('connection-results').hidden = true;
  if (originsChanged()) {
    $('pat-status').textContent = 'These URLs point to another server: paste the PAT created for it (the saved one stays with the old URLs).';
    $('forget-pat').hidden = true;
  } else {
    renderPatStatus(app.status.pat);
  }
  if (validateUrl(authUrl) || validateUrl(graphqlUrl)) return;
  try {
    $('env-urls').textContent = `Will call: ${describe(await call('preview_endpoints', { authUrl, graphqlUrl }))}`;
  } catch (error) {
    $('env-urls').textContent = error?.message ?? String(error);
  }
}

function connectionItem(name, field, check) {
  const li = document.createElement('li');
  li.className = check.state;
  const head = document.createElement('p');
  const words = { ok: 'reachable', wrong: 'not right', unreachable: 'unreachable' }[check.state] ?? check.state;
  const strong = document.createElement('strong');
  strong.textContent = `${name}: ${words}`;
  head.append(strong, ` · ${check.url}`);
  const summary = document.createElement('p');
  summary.textContent = check.summary;
  li.append(head, summary);
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
  const args = custom ? { authUrl: $('custom-auth-url').value, graphqlUrl: $('custom-graphql-url').value } : {};
  if (custom) {
    let ok = fieldError('custom-auth-url', validateUrl(args.authUrl));
    ok = fieldError('custom-graphql-url', validateUrl(args.graphqlUrl)) && ok;
    if (!ok) return;
  }
  const result = await app.busy('Checking the connection', (signal) => call('check_connection', args, { signal }));
  if (!result) return;
  checked = custom ? `${args.authUrl}\n${args.graphqlUrl}` : null;
  const list = $('connection-results');
  list.replaceChildren(
    connectionItem('auth service', custom ? 'custom-auth-url' : null, result.auth),
    connectionItem('GraphQL', custom ? 'custom-graphql-url' : null, result.graphql),
  );
  list.hidden = false;
  const fine = result.auth.state === 'ok' && result.graphql.state === 'ok';
  app.announce(fine ? 'Both URLs answer as expected.' : 'The check found a problem: see below the URLs.');
}

async function saveEnvironment(patch) {
  await app.busy('Switching environment', async () => {
    app.status = await call('save_settings', { patch });
    app.renderFrame();
    render();
  });
}

async function savePat(sessionOnly) {
  const pat = $('pat').value;
  const saved = await app.busy('Saving the PAT', (signal) => call('save_pat', { pat, sessionOnly }, { signal }));
  if (!saved) {
    if ($('error-panel').dataset.kind === 'keychain-unavailable') {
      $('session-only-reason').textContent = $('error-message').textContent;
      $('session-only-offer').hidden = false;
    }
    return false;
  }
  $('session-only-offer').hidden = true;
  $('pat').value = '';
  app.announce(`PAT saved in ${saved.store}.`);
  return true;
}

/** `scheme://host[:port]` of a URL, or the text itself. */
function origin(text) {
  try {
    return new URL(text.trim()).origin;
  } catch {
    return text.trim();
  }
}

/** Whether the Custom URLs in the fields point elsewhere than the saved ones (another PAT, progress). */
function originsChanged() {
  const { settings } = app.status;
  if (!settings.customAuthUrl && !settings.customGraphqlUrl) return false;
  return selectedEnvironment() === 'custom'
    && (origin($('custom-auth-url').value) !== origin(settings.customAuthUrl) || origin($('custom-graphql-url').value) !== origin(settings.customGraphqlUrl));
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
  if (app.status.pat.saved && !$('pat').value) fieldError('pat', null);
}

async function save() {
  // Whether a PAT is saved decides whether an empty field is fine: with the field empty, wait for
  // the keychain's answer first (it may be asking to be unlocked).
  if (app.status.pat.pending && !$('pat').value.trim()) {
    await app.busy('Checking the system keychain for a saved PAT (it may ask you to unlock it)', () => app.patLoaded);
  }
  const environment = selectedEnvironment();
  let ok = true;
  if (environment === 'custom') {
    ok = fieldError('custom-auth-url', validateUrl($('custom-auth-url').value)) && ok;
    ok = fieldError('custom-graphql-url', validateUrl($('custom-graphql-url').value)) && ok;
  }
  const typed = $('pat').value;
  // A PAT saved for other URLs is never sent to these: another origin asks for its own.
  const moved = originsChanged();
  const patMessage = typed.trim() || !app.status.pat.saved || moved ? validatePat(typed) : null;
  ok = fieldError('pat', patMessage) && ok;
  const controllerId = $('controller-id').value.trim();
  ok = fieldError('controller-id', controllerId ? validateUuid(controllerId, 'The Data Controller ID') : null) && ok;
  if (!ok) {
    document.querySelector('#credentials-form [aria-invalid=true]')?.focus();
    app.announce('Some fields need attention.');
    return;
  }
  // The controller shown belongs to the saved URLs: it moves only if the user typed it.
  const keepsController = moved && controllerId === app.status.settings.controllerId;
  const patch = keepsController ? { environment } : { environment, controllerId };
  if (environment === 'custom') {
    patch.customAuthUrl = $('custom-auth-url').value;
    patch.customGraphqlUrl = $('custom-graphql-url').value;
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
}

export function mount(context) {
  app = context;
  $('credentials-form').addEventListener('submit', app.handle(submit));
  for (const radio of document.querySelectorAll('input[name=environment]')) {
    radio.addEventListener('change', app.handle(() => saveEnvironment({ environment: radio.value })));
  }
  $('toggle-pat').addEventListener('click', app.handle(() => {
    const show = $('pat').type === 'password';
    $('pat').type = show ? 'text' : 'password';
    $('toggle-pat').textContent = show ? 'Hide' : 'Show';
    $('toggle-pat').setAttribute('aria-pressed', String(show));
  }));
  $('paste-pat').addEventListener('click', app.handle(async () => {
    try {
      $('pat').value = (await navigator.clipboard.readText()).trim();
      app.announce('Pasted.');
    } catch {
      app.announce('Paste is not allowed here: press Ctrl+V in the field.');
      $('pat').focus();
    }
  }));
  for (const id of ['pat', 'controller-id', 'custom-auth-url', 'custom-graphql-url']) {
    $(id).addEventListener('input', app.handle(() => fieldError(id, null)));
  }
  // Editing what an error was about makes the error stale.
  $('pat').addEventListener('input', () => {
    if (rowForKind($('error-panel').dataset.kind)?.id === 'invalid-pat') app.clearError();
  });
  let typing;
  for (const id of ['custom-auth-url', 'custom-graphql-url']) {
    $(id).addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(app.handle(preview), 250);
    });
  }
  $('check-connection').addEventListener('click', app.handle(checkConnection));
  const useDemo = async () => {
    const status = await app.busy('Starting the sandbox', (signal) => call('start_sandbox', { useDemo: true }, { signal }));
    if (!status) return;
    app.status = status;
    fieldError('pat', null);
    render();
    app.announce(`Demo credentials saved: the PAT in ${status.pat.store}.`);
    await app.advance(2);
  };
  $('use-demo').addEventListener('click', app.handle(useDemo));
  app.fixes['use-demo'] = app.handle(useDemo);
  app.fixes['practise-sandbox'] = app.handle(async () => {
    app.show(1);
    await saveEnvironment({ environment: 'sandbox' });
    $('use-demo').focus();
  });
  $('session-only').addEventListener('click', app.handle(async () => {
    if (await savePat(true)) {
      await app.reload();
      render();
      await app.advance(2);
    }
  }));
  $('forget-pat').addEventListener('click', app.handle(async () => {
    const pat = await app.busy('Forgetting the PAT', (signal) => call('forget_pat', {}, { signal }));
    if (pat) {
      await app.reload();
      render();
      app.announce('The saved PAT was deleted.');
    }
  }));
  app.fixes['edit-pat'] = () => {
    app.show(1);
    $('pat').focus();
  };
}
