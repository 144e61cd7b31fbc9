// Step 3 · Make API calls: the data controllers in a table (choosing one sets the ID), then the
// createDataSubject form, validated inline before anything is sent; the request and response shown.

import { call } from '../ipc.js';
import { COUNTRIES } from '../lib/countries.js';
import { setFieldError } from '../lib/fields.js';
import { pretty } from '../lib/format.js';
import { subjectInput, validateSubjectForm } from '../lib/validate.js';

let app;
/** Set while createDataSubject is in flight: nothing can send it again until its answer. */
let creating = false;
/** The intent (controller + email) whose last outcome is unknown: resent only on the user's word. */
let unresolved = null;
let resendConfirmed = false;
const intent = (form) => `${form.controllerId.trim()}\n${form.email.trim().toLowerCase()}`;
const $ = (id) => document.getElementById(id);
const FIELDS = { controllerId: 'subject-controller', event: 'event', displayName: 'display-name', email: 'email', country: 'country' };

function formValues() {
  return Object.fromEntries(Object.entries(FIELDS).map(([name, id]) => [name, $(id).value]));
}

function showErrors(errors) {
  for (const [name, id] of Object.entries(FIELDS)) setFieldError($(id), errors[name]);
}

/** The form field name of an input, if it is one of the form's fields. */
const fieldName = (input) => Object.entries(FIELDS).find(([, id]) => id === input.id)?.[0];

async function chooseController(controller) {
  $('subject-controller').value = controller.id;
  showErrors({});
  const status = await app.busy('Saving', (signal) => call('save_settings', { patch: { controllerId: controller.id } }, { signal }));
  if (status) app.status = status;
  app.announce(`Using ${controller.title}.`);
  app.renderCode();
  $('email').focus();
}

async function loadControllers() {
  const controllers = await app.busy('Loading data controllers', (signal) => call('list_controllers', {}, { signal }));
  if (!controllers) return null;
  const body = $('controllers-table').tBodies[0];
  body.replaceChildren();
  for (const controller of controllers) {
    const tr = body.insertRow();
    // Only the id is essential: a controller with no title, DID or date is still listed.
    const title = controller.title ?? '(untitled)';
    tr.insertCell().textContent = title;
    const id = tr.insertCell();
    id.className = 'id';
    id.textContent = controller.id;
    const did = tr.insertCell();
    did.className = 'id';
    const didText = controller.did ?? '—';
    did.textContent = didText.length > 24 ? `${didText.slice(0, 24)}…` : didText;
    did.title = didText;
    tr.insertCell().textContent = controller.createdAt ? new Date(controller.createdAt).toLocaleString() : '—';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Use this';
    button.className = 'use-controller';
    button.setAttribute('aria-label', `Use ${title}`);
    button.addEventListener('click', app.handle(() => chooseController(controller)));
    tr.insertCell().append(button);
  }
  $('controllers-table').hidden = false;
  app.announce(`${controllers.length} data controller${controllers.length === 1 ? '' : 's'} found.`);
  return controllers;
}

async function showExchange(operation) {
  const entries = await app.refreshLog();
  const entry = entries.filter((e) => e.operation === operation).at(-1);
  if (!entry) return;
  $('exchange').hidden = false;
  $('exchange-request').textContent = `POST ${entry.url}\n${entry.headers.join('\n')}\n\n${pretty(entry.request)}`;
  $('exchange-response').textContent = pretty(entry.ok ? { data: { [operation]: entry.response[operation] ?? entry.response } } : { error: entry.response });
}

function notice(text, { warn = false, action = null } = {}) {
  $('create-notice').textContent = text;
  $('create-notice').classList.toggle('warn', warn);
  $('create-notice').hidden = !text;
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'confirm-resend';
    button.textContent = action.label;
    button.addEventListener('click', app.handle(action.run));
    $('create-notice').append(' ', button);
  }
  if (text) app.announce(text);
}

function setCreating(on) {
  creating = on;
  $('create-subject').disabled = on;
  $('create-subject').setAttribute('aria-busy', String(on));
}

async function create(event) {
  event.preventDefault();
  // A double-click, a second Enter or Cancel-then-Create: the first request is still out.
  if (creating) return;
  const form = formValues();
  const { ok, errors } = validateSubjectForm(form);
  showErrors(errors);
  if (!ok) {
    document.querySelector('#subject-form [aria-invalid=true]')?.focus();
    app.announce(`Not sent: ${Object.values(errors).join(' ')}`);
    return;
  }
  if (unresolved === intent(form) && !resendConfirmed) {
    notice('The last request for this email may have been recorded. Look for the subject in Data Subject Support first: sending it again would record the event twice.', {
      warn: true,
      action: {
        label: 'I checked: send it again',
        run: () => {
          resendConfirmed = true;
          $('subject-form').requestSubmit();
        },
      },
    });
    return;
  }
  resendConfirmed = false;
  setCreating(true);
  notice('');
  const key = app.status.settings.progressKey;
  let created;
  try {
    // A mutation is never abandoned: Cancel stops the waiting, not the request.
    created = await app.busy('Creating the data subject', () => call('create_data_subject', { input: subjectInput(form) }), {
      onDetach: () => notice('Stopped waiting. The request was already sent, so the data subject may still be recorded: its real result will show here when it arrives.', { warn: true }),
    });
  } finally {
    setCreating(false);
  }
  await showExchange('createDataSubject');
  if (!created) {
    if (!$('create-notice').hidden) notice('');
    unresolved = $('error-panel').dataset.kind === 'outcome-unknown' ? intent(form) : null;
    return;
  }
  unresolved = null;
  await app.reload();
  if (app.status.settings.progressKey !== key) {
    // The answer belongs to the environment the user has since left: say so, change nothing here.
    app.announce(`The data subject was recorded in the previous environment: ${created.dataSubjectId}. Switch back to see it.`);
    return;
  }
  $('to-step-4').disabled = false;
  const said = created.confirmedByReadBack
    ? `The answer was lost on the way back, but reading it back shows the data subject was recorded: ${created.dataSubjectId}.`
    : `${created.message ?? 'Recorded'}: ${created.dataSubjectId}.`;
  notice(created.progressWarning ? `${said} ${created.progressWarning}` : said, { warn: Boolean(created.progressWarning) });
  $('to-step-4').focus();
}

/** Another environment: forget what this step showed for the previous one. */
export function reset() {
  const { settings } = app.status;
  $('controllers-table').hidden = true;
  $('controllers-table').tBodies[0].replaceChildren();
  $('exchange').hidden = true;
  $('subject-controller').value = settings.controllerId;
  notice('');
}

export function enter() {
  const { settings } = app.status;
  if (!$('subject-controller').value) $('subject-controller').value = settings.controllerId;
  $('to-step-4').disabled = !settings.created;
  app.renderCode();
}

export function mount(context) {
  app = context;
  const select = $('country');
  select.append(new Option('— none —', ''));
  for (const [code, name] of COUNTRIES) select.append(new Option(`${name} (${code})`, code));
  select.value = 'US';
  app.formValues = formValues;
  $('load-controllers').addEventListener('click', app.handle(loadControllers));
  $('subject-form').addEventListener('submit', app.handle(create));
  $('subject-form').addEventListener('input', app.handle((event) => {
    if (fieldName(event.target)) setFieldError(event.target, null);
    app.renderCode();
  }));
  $('subject-form').addEventListener('focusout', app.handle((event) => {
    // Leaving a filled field checks it at once; empty ones wait for Create.
    const name = fieldName(event.target);
    if (!name || !event.target.value) return;
    const message = validateSubjectForm(formValues()).errors[name];
    if (message) setFieldError(event.target, message);
  }));
  $('to-step-4').addEventListener('click', app.handle(() => app.advance(4)));
  app.fixes['pick-controller'] = async () => {
    app.show(3);
    if (await loadControllers()) document.querySelector('#controllers-table .use-controller')?.focus();
  };
}
