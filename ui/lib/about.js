// The About dialog: the app's, Tauri's, the web view's and the system's versions, the logs
// folder, "Copy diagnostics" (a report without secrets, made by the app) and "Open logs folder".

import { call } from '../ipc.js';

const $ = (id) => document.getElementById(id);

export function mountAbout(app) {
  let about = null;
  const open = app.handle(async () => {
    about = await app.busy('Reading versions', (signal) => call('about', {}, { signal }), { keepError: true });
    if (!about) return;
    $('about-version').textContent = about.appVersion;
    $('about-tauri').textContent = about.tauriVersion;
    $('about-webview').textContent = about.webviewVersion ?? 'unknown';
    $('about-os').textContent = about.os;
    $('about-logs').textContent = about.logFolder ?? 'unavailable';
    $('about').showModal();
  });
  $('open-about').addEventListener('click', open);
  $('close-about').addEventListener('click', () => $('about').close());
  $('copy-diagnostics').addEventListener('click', app.handle(async () => {
    // Fresh: the last errors may have changed since the dialog opened.
    const latest = await call('about').catch(() => about);
    await app.copy(latest.diagnostics, 'Diagnostics copied: paste them into your support request.');
  }));
  $('open-logs').addEventListener('click', app.handle(async () => {
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
