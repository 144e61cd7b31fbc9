// Step 3 · Make API calls: the data controllers in a table (choosing one sets the ID), then the
// createDataSubject form, validated inline before anything is sent (never twice at once, the same
// input again only on the user's word: after a success Create waits for a changed field, after an
// unknown outcome for "I checked"); the request and response shown. The
// field rules are lib/validate.js, the exchange's text lib/log-entry.js.

import { call } from '../ipc.js';
import { $, setFieldError } from '../dom.js';
import { COUNTRIES } from '../lib/countries.js';
import { latestOf, requestText, responseText } from '../lib/log-entry.js';
import { subjectInput, validateSubjectForm } from '../lib/validate.js';

const IDS = Object.freeze({
  loadControllers: 'load-controllers',
  controllersTable: 'controllers-table',
  form: 'subject-form',
  /** The form's fields, by their names in the mutation's input. */
  fields: Object.freeze({ controllerId: 'subject-controller', event: 'event', displayName: 'display-name', email: 'email', country: 'country' }),
  createSubject: 'create-subject',
  createNotice: 'create-notice',
  /** The notice's button ("I checked: send it again", "Record it again"), put there when needed. */
  confirmResend: 'confirm-resend',
  exchange: 'exchange',
  exchangeRequest: 'exchange-request',
  exchangeResponse: 'exchange-response',
  toStep4: 'to-step-4',
  // The error panel's (frame/error-panel.js), read to tell an unknown outcome.
  errorPanel: 'error-panel',
});

let app;
/** Set while createDataSubject is in flight: nothing can send it again until its answer. */
let creating = false;
/** The intent (controller + email) whose last outcome is unknown: resent only on the user's word. */
let unresolved = null;
let resendConfirmed = false;
/** The input last recorded (as sent): Create stays disabled until a field differs from it. */
let lastCreated = null;
/** Set by "Record it again": the next create of the same input is meant. */
let again = false;
const currentInput = () => JSON.stringify(subjectInput(formValues()));
const intent = (form) => `${form.controllerId.trim()}\n${form.email.trim().toLowerCase()}`;
const FIELDS = IDS.fields;

function formValues() {
  return Object.fromEntries(Object.entries(FIELDS).map(([name, id]) => [name, $(id).value]));
}

function showErrors(errors) {
  for (const [name, id] of Object.entries(FIELDS)) setFieldError($(id), errors[name]);
}

/** The form field name of an input, if it is one of the form's fields. */
const fieldName = (input) => Object.entries(FIELDS).find(([, id]) => id === input.id)?.[0];

async function chooseController(controller) {
  $(FIELDS.controllerId).value = controller.id;
  showErrors({});
  renderCreate();
  const status = await app.busy('Saving', (signal) => call('save_settings', { patch: { controllerId: controller.id } }, { signal }));
  if (status) app.status = status;
  app.announce(`Using ${controller.title}.`, { onPage: true });
  app.renderCode();
  $(FIELDS.email).focus();
}

async function loadControllers() {
  const controllers = await app.busy('Loading data controllers', (signal) => call('list_controllers', {}, { signal }));
  if (!controllers) return null;
  const body = $(IDS.controllersTable).tBodies[0];
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
    // The name starts with the visible text (speech input users say what they see), then which.
    button.setAttribute('aria-label', `Use this: ${title}`);
    button.addEventListener('click', app.handle(() => chooseController(controller)));
    tr.insertCell().append(button);
  }
  $(IDS.controllersTable).hidden = false;
  app.announce(`${controllers.length} data controller${controllers.length === 1 ? '' : 's'} found.`, { onPage: true });
  return controllers;
}

async function showExchange(operation) {
  const entries = await app.refreshLog();
  const entry = latestOf(entries, operation);
  if (!entry) return;
  $(IDS.exchange).hidden = false;
  $(IDS.exchangeRequest).textContent = requestText(entry);
  $(IDS.exchangeResponse).textContent = responseText(entry, operation);
}

function notice(text, { warn = false, action = null } = {}) {
  $(IDS.createNotice).textContent = text;
  $(IDS.createNotice).classList.toggle('warn', warn);
  $(IDS.createNotice).hidden = !text;
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = IDS.confirmResend;
    button.textContent = action.label;
    button.addEventListener('click', app.handle(action.run));
    $(IDS.createNotice).append(' ', button);
  }
  // The notice is on the page, under Create: screen readers hear it, no toast repeats it.
  if (text) app.announce(text, { onPage: true });
}

function setCreating(on) {
  creating = on;
  renderCreate();
}

/** Create is off while one is out, and after a success until a field changes. */
function renderCreate() {
  $(IDS.createSubject).disabled = creating || (lastCreated !== null && lastCreated === currentInput());
  $(IDS.createSubject).setAttribute('aria-busy', String(creating));
  // Once one is recorded, another is a new intent: the button says so.
  $(IDS.createSubject).textContent = lastCreated === null ? 'Create data subject' : 'Create another';
}

async function create(event) {
  event.preventDefault();
  // A double-click, a second Enter or Cancel-then-Create: the first request is still out.
  if (creating) return;
  const meant = again;
  again = false;
  // Just recorded, nothing changed: a late click or a reflex Enter, not a second event.
  if (!meant && lastCreated !== null && lastCreated === currentInput()) return;
  const form = formValues();
  const { ok, errors } = validateSubjectForm(form);
  showErrors(errors);
  if (!ok) {
    document.querySelector(`#${IDS.form} [aria-invalid=true]`)?.focus();
    app.announce(`Not sent: ${Object.values(errors).join(' ')}`, { onPage: true });
    return;
  }
  if (unresolved === intent(form) && !resendConfirmed) {
    notice('The last request for this email may have been recorded. Look for the subject in Data Subject Support first: sending it again would record the event twice.', {
      warn: true,
      action: {
        label: 'I checked: send it again',
        run: () => {
          resendConfirmed = true;
          $(IDS.form).requestSubmit();
        },
      },
    });
    return;
  }
  resendConfirmed = false;
  setCreating(true);
  notice('');
  const key = app.status.settings.progressKey;
  const sent = subjectInput(form);
  let created;
  try {
    // A mutation is never abandoned: Cancel stops the waiting, not the request.
    created = await app.busy('Creating the data subject', () => call('create_data_subject', { input: sent, again: meant }), {
      // The app gives an action up to 75 s (Dxtra's take 30 to 60).
      timeoutSecs: 75,
      onDetach: () => notice('Stopped waiting. The request was already sent, so the data subject may still be recorded: its real result will show here when it arrives.', { warn: true }),
    });
  } finally {
    setCreating(false);
  }
  await showExchange('createDataSubject');
  if (!created) {
    if (!$(IDS.createNotice).hidden) notice('');
    unresolved = $(IDS.errorPanel).dataset.kind === 'outcome-unknown' ? intent(form) : null;
    return;
  }
  unresolved = null;
  lastCreated = JSON.stringify(sent);
  renderCreate();
  await app.reload();
  if (app.status.settings.progressKey !== key) {
    // The answer belongs to the environment the user has since left: say so, change nothing here.
    app.announce(`The data subject was recorded in the previous environment: ${created.dataSubjectId}. Switch back to see it.`);
    return;
  }
  $(IDS.toStep4).disabled = false;
  const said = created.confirmedByReadBack
    ? `The answer was lost on the way back, but reading it back shows the data subject was recorded: ${created.dataSubjectId}.`
    : `${created.message ?? 'Recorded'}: ${created.dataSubjectId}.`;
  const next = 'Change a field to create another.';
  notice(created.progressWarning ? `${said} ${created.progressWarning} ${next}` : `${said} ${next}`, {
    warn: Boolean(created.progressWarning),
    action: {
      label: 'Record it again',
      run: () => {
        again = true;
        $(IDS.form).requestSubmit();
      },
    },
  });
  $(IDS.toStep4).focus();
}

/** Another environment: forget what this step showed for the previous one. */
export function reset() {
  const { settings } = app.status;
  $(IDS.controllersTable).hidden = true;
  $(IDS.controllersTable).tBodies[0].replaceChildren();
  $(IDS.exchange).hidden = true;
  $(FIELDS.controllerId).value = settings.controllerId;
  lastCreated = null;
  renderCreate();
  notice('');
}

export function enter() {
  const { settings } = app.status;
  if (!$(FIELDS.controllerId).value) $(FIELDS.controllerId).value = settings.controllerId;
  $(IDS.toStep4).disabled = !settings.created;
  app.renderCode();
}

export function mount(context) {
  app = context;
  const select = $(FIELDS.country);
  select.append(new Option('— none —', ''));
  for (const [code, name] of COUNTRIES) select.append(new Option(`${name} (${code})`, code));
  select.value = 'US';
  app.formValues = formValues;
  $(IDS.loadControllers).addEventListener('click', app.handle(loadControllers));
  $(IDS.form).addEventListener('submit', app.handle(create));
  $(IDS.form).addEventListener('input', app.handle((event) => {
    if (fieldName(event.target)) setFieldError(event.target, null);
    renderCreate();
    app.renderCode();
  }));
  $(IDS.form).addEventListener('focusout', app.handle((event) => {
    // Leaving a filled field checks it at once; empty ones wait for Create.
    const name = fieldName(event.target);
    if (!name || !event.target.value) return;
    const message = validateSubjectForm(formValues()).errors[name];
    if (message) setFieldError(event.target, message);
  }));
  $(IDS.toStep4).addEventListener('click', app.handle(() => app.advance(4)));
  app.fixes['pick-controller'] = async () => {
    app.show(3);
    if (await loadControllers()) document.querySelector(`#${IDS.controllersTable} .use-controller`)?.focus();
  };
}
