// "Create a starter project" (in step 4, after verifying): the language, a new or empty folder,
// and the app writes the project there (filled with this environment's URLs and controller ID, no
// secrets), then shows the command that runs its test. The folder rules are lib/starter.js; the
// project's files are the app's (`create_starter`).

import { call } from '../ipc.js';
import { $, setFieldError } from '../dom.js';
import { defaultFolder, isDefaultFolder } from '../lib/starter.js';

const IDS = Object.freeze({
  folder: 'starter-folder',
  create: 'create-starter',
  result: 'starter-result',
  written: 'starter-written',
  next: 'starter-next',
  copyNext: 'copy-starter-next',
});
const language = () => document.querySelector('input[name="starter-language"]:checked')?.value ?? 'node';

export function mountStarter(app) {
  // The folder follows the language until the user types their own.
  for (const radio of document.querySelectorAll('input[name="starter-language"]')) {
    radio.addEventListener('change', () => {
      if (isDefaultFolder($(IDS.folder).value)) $(IDS.folder).value = defaultFolder(language());
    });
  }
  $(IDS.folder).addEventListener('input', () => setFieldError($(IDS.folder), null));
  $(IDS.create).addEventListener('click', app.handle(async () => {
    const folder = $(IDS.folder).value.trim();
    if (!folder) {
      setFieldError($(IDS.folder), 'Enter the folder to create the starter project in.');
      $(IDS.folder).focus();
      return;
    }
    $(IDS.result).hidden = true;
    // One project per click: a double-click must not race two writers into one folder.
    $(IDS.create).disabled = true;
    let failure = null;
    const written = await app.busy('Writing the starter project', () => call('create_starter', { language: language(), folder }).catch((error) => {
      failure = error;
      return undefined;
    }));
    $(IDS.create).disabled = false;
    if (!written) {
      // A folder problem belongs to the field; anything else to the error panel.
      if (failure?.kind === 'invalid-input' || failure?.kind === 'starter') {
        setFieldError($(IDS.folder), `${failure.message[0].toUpperCase()}${failure.message.slice(1)}. ${failure.hint ?? ''}`.trim());
        $(IDS.folder).focus();
      } else if (failure) app.showError(failure);
      return;
    }
    // In the Sandbox the command carries its practice PAT (public): the test runs with one paste.
    const then = app.status?.practicePat
      ? "The command carries the Sandbox's practice PAT (it is public), so it runs as pasted:"
      : 'Set DXTRA_PAT in your terminal, then:';
    $(IDS.written).textContent = `Starter project written to ${written.folder}: ${written.files.join(', ')}. ${then}`;
    $(IDS.next).textContent = written.next;
    $(IDS.result).hidden = false;
    app.announce(`Starter project created in ${written.folder}.`, { onPage: true });
  }));
  $(IDS.copyNext).addEventListener('click', () => app.copy($(IDS.next).textContent, 'Command copied.', { button: $(IDS.copyNext) }));
}
