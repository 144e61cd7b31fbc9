// The About dialog: the app's, Tauri's, the web view's and the system's versions, the logs
// folder, "Copy diagnostics" (a report without secrets, made by the app) and "Open logs folder".
// What the report holds is the app's (`about`); this only shows it and copies it.

import { call } from '../ipc.js';
import { $ } from '../dom.js';

const IDS = Object.freeze({
  dialog: 'about',
  open: 'open-about',
  close: 'close-about',
  version: 'about-version',
  tauri: 'about-tauri',
  webview: 'about-webview',
  os: 'about-os',
  logs: 'about-logs',
  copyDiagnostics: 'copy-diagnostics',
  openLogs: 'open-logs',
});

export function mountAbout(app) {
  let about = null;
  const open = app.handle(async () => {
    about = await app.busy('Reading versions', (signal) => call('about', {}, { signal }), { keepError: true });
    if (!about) return;
    $(IDS.version).textContent = about.appVersion;
    $(IDS.tauri).textContent = about.tauriVersion;
    $(IDS.webview).textContent = about.webviewVersion ?? 'unknown';
    $(IDS.os).textContent = about.os;
    $(IDS.logs).textContent = about.logFolder ?? 'unavailable';
    $(IDS.dialog).showModal();
  });
  $(IDS.open).addEventListener('click', open);
  $(IDS.close).addEventListener('click', () => $(IDS.dialog).close());
  $(IDS.copyDiagnostics).addEventListener('click', app.handle(async () => {
    // Fresh: the last errors may have changed since the dialog opened.
    const latest = await call('about').catch(() => about);
    await app.copy(latest.diagnostics, 'Diagnostics copied: paste them into your support request.', { button: $(IDS.copyDiagnostics) });
  }));
  $(IDS.openLogs).addEventListener('click', app.handle(async () => {
    try {
      await call('open_logs_folder');
      app.announce('Logs folder opened in your file manager.');
    } catch (error) {
      const path = about?.logFolder;
      if (path) await app.copy(path, `No file manager answered, so the logs folder's path is copied: ${path}`);
      else app.announce(error?.message ?? 'The logs folder could not be opened.', { tone: 'warn' });
    }
  }));
}
