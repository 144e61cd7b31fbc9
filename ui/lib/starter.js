// "Create a starter project" (after step 4): the language, a new or empty folder, and the app
// writes the project there (filled with this environment's URLs and controller ID, no secrets),
// then shows the command that runs its test.

import { call } from '../ipc.js';
import { setFieldError } from './fields.js';

const $ = (id) => document.getElementById(id);
const language = () => document.querySelector('input[name="starter-language"]:checked')?.value ?? 'node';
const defaultFolder = (lang) => `~/dxtra-starter-${lang}`;

export function mountStarter(app) {
  // The folder follows the language until the user types their own.
  for (const radio of document.querySelectorAll('input[name="starter-language"]')) {
    radio.addEventListener('change', () => {
      if (/^~\/dxtra-starter-(node|python|rust)$/.test($('starter-folder').value.trim())) $('starter-folder').value = defaultFolder(language());
    });
  }
  $('starter-folder').addEventListener('input', () => setFieldError($('starter-folder'), null));
  $('create-starter').addEventListener('click', app.handle(async () => {
    const folder = $('starter-folder').value.trim();
    if (!folder) {
      setFieldError($('starter-folder'), 'Enter the folder to create the starter project in.');
      $('starter-folder').focus();
      return;
    }
    $('starter-result').hidden = true;
    // One project per click: a double-click must not race two writers into one folder.
    $('create-starter').disabled = true;
    let failure = null;
    const written = await app.busy('Writing the starter project', () => call('create_starter', { language: language(), folder }).catch((error) => {
      failure = error;
      return undefined;
    }));
    $('create-starter').disabled = false;
    if (!written) {
      // A folder problem belongs to the field; anything else to the error panel.
      if (failure?.kind === 'invalid-input' || failure?.kind === 'starter') {
        setFieldError($('starter-folder'), `${failure.message[0].toUpperCase()}${failure.message.slice(1)}. ${failure.hint ?? ''}`.trim());
        $('starter-folder').focus();
      } else if (failure) app.showError(failure);
      return;
    }
    $('starter-written').textContent = `Starter project written to ${written.folder}: ${written.files.join(', ')}. Set DXTRA_PAT in your terminal, then:`;
    $('starter-next').textContent = written.next;
    $('starter-result').hidden = false;
    app.announce(`Starter project created in ${written.folder}.`);
  }));
  $('copy-starter-next').addEventListener('click', () => app.copy($('starter-next').textContent, 'Command copied.'));
}
