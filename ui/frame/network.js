// The Network dialog (the header's "Network" button, and the fix of a certificate or proxy
// error): the proxy mode with what Automatic would use now and any PAC address, a manual proxy,
// and extra certificates; Save checks in the page, then asks the app, and shows a refusal on its
// field with everything typed kept. The checks and the patch are lib/network.js; what the
// settings do is the app's.

import { call } from '../ipc.js';
import { $, setFieldError } from '../dom.js';
import { fieldForErrorKind, fixFocus, hiddenIn, patchFromForm, validateProxy } from '../lib/network.js';

const IDS = Object.freeze({
  dialog: 'network',
  open: 'open-network',
  close: 'close-network',
  save: 'save-network',
  system: 'network-system',
  pac: 'network-pac',
  manual: 'manual-proxy',
  host: 'proxy-host',
  port: 'proxy-port',
  bypass: 'proxy-bypass',
  username: 'proxy-username',
  password: 'proxy-password',
  removePassword: 'proxy-password-remove',
  certificates: 'extra-certificates',
  names: 'extra-certificate-names',
  error: 'network-error',
});

/** The fields with an inline error (`#<id>-error`). */
const FIELDS = [IDS.host, IDS.port, IDS.certificates];

let view = null;
let removePassword = false;

const mode = () => document.querySelector('input[name="proxy-mode"]:checked')?.value ?? 'automatic';

function showManual() {
  $(IDS.manual).hidden = mode() !== 'manual';
}

function showDialogError(text) {
  $(IDS.error).textContent = text;
  $(IDS.error).hidden = !text;
}

function clearErrors() {
  for (const id of FIELDS) setFieldError($(id), null);
  showDialogError('');
}

/** A problem with one field: under it, and said in the dialog too when Manual's fields are hidden. */
function showFieldError(field, message) {
  setFieldError($(field), message);
  if (hiddenIn(field, mode())) {
    showDialogError(`The Manual proxy's ${field === IDS.port ? 'port' : 'host'}: ${message} Choose Manual to correct it, or clear it there.`);
    $(`proxy-mode-${mode()}`).focus();
  } else {
    $(field).focus();
  }
}

const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

function render(next) {
  view = next;
  removePassword = false;
  const { proxy, system } = view;
  $(`proxy-mode-${proxy.mode}`).checked = true;
  $(IDS.system).textContent = system.summary;
  $(IDS.pac).hidden = !system.pac;
  $(IDS.pac).textContent = system.pac ? `Automatic configuration: ${system.pac}. ${system.pacNote ?? ''}` : '';
  $(IDS.host).value = proxy.host;
  $(IDS.port).value = proxy.port ?? '';
  $(IDS.bypass).value = proxy.bypass;
  $(IDS.username).value = proxy.username;
  $(IDS.password).value = '';
  $(IDS.password).placeholder = proxy.passwordSaved ? 'saved in the keychain' : '';
  $(IDS.removePassword).hidden = !proxy.passwordSaved;
  $(IDS.certificates).value = view.extraCertificates;
  const names = $(IDS.names);
  names.replaceChildren(...view.extraCertificateNames.map((name) => {
    const li = document.createElement('li');
    li.textContent = name;
    return li;
  }));
  names.hidden = view.extraCertificateNames.length === 0;
  showManual();
  clearErrors();
}

function showSaveError(error) {
  const field = fieldForErrorKind(error?.kind);
  if (field) {
    showFieldError(field, sentence(error.message) || 'Not accepted.');
    return;
  }
  // Keychain errors (the password) and anything else: in the dialog, with what to do.
  const message = sentence(error?.message ?? String(error));
  showDialogError(`${message}${/[.!?]$/.test(message) ? '' : '.'} ${error?.hint ?? ''}`.trim());
}

export function mountNetwork(app) {
  /** Opens the dialog; with `focus`, that field (or the proxy mode) takes the focus. */
  const open = async (focus) => {
    const next = await app.busy('Reading the network settings', (signal) => call('network_settings', {}, { signal }), { keepError: true });
    if (!next) return;
    render(next);
    $(IDS.dialog).showModal();
    // A Manual field is hidden in the other modes: the proxy mode takes the focus instead.
    const target = focus && fixFocus(focus, mode());
    if (target === 'proxy-mode') $(`proxy-mode-${mode()}`).focus();
    else if (target) $(target).focus();
  };
  $(IDS.open).addEventListener('click', app.handle(() => open()));
  app.fixes['open-network'] = (focus) => app.handle(() => open(focus))();
  for (const radio of document.querySelectorAll('input[name="proxy-mode"]')) radio.addEventListener('change', showManual);
  // Editing a field makes its error stale.
  for (const id of FIELDS) $(id).addEventListener('input', () => setFieldError($(id), null));
  $(IDS.close).addEventListener('click', () => $(IDS.dialog).close());
  $(IDS.removePassword).addEventListener('click', () => {
    removePassword = true;
    $(IDS.password).value = '';
    $(IDS.password).placeholder = 'removed when you save';
    $(IDS.removePassword).hidden = true;
  });
  $(IDS.save).addEventListener('click', app.handle(async () => {
    clearErrors();
    const values = {
      mode: mode(),
      host: $(IDS.host).value,
      // Letters typed in the number field read as '': said as a wrong port, never sent as none.
      port: $(IDS.port).validity.badInput ? 'not a number' : $(IDS.port).value,
      bypass: $(IDS.bypass).value,
      username: $(IDS.username).value,
      password: $(IDS.password).value,
      extraCertificates: $(IDS.certificates).value,
    };
    const problem = validateProxy(values);
    if (problem) {
      showFieldError(problem.field, problem.message);
      return;
    }
    $(IDS.save).disabled = true;
    try {
      render(await call('save_network_settings', { network: patchFromForm(values, removePassword) }));
      $(IDS.dialog).close();
      app.announce('Network settings saved: they apply from the next request.');
    } catch (error) {
      showSaveError(error);
    } finally {
      $(IDS.save).disabled = false;
    }
  }));
}
