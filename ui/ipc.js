// The one wrapper around Tauri's `invoke`: the closed list of the app's commands, and calls that
// a Cancel button can abandon. Errors arrive as `{kind, message, hint}`. The only module that
// reaches Tauri (tests/ui/lib-purity.test.mjs checks it); what a call means is the caller's.

export const COMMANDS = Object.freeze([
  'get_settings', 'save_settings', 'save_pat', 'forget_pat', 'start_sandbox', 'sign_in',
  'session_status', 'list_controllers', 'create_data_subject', 'verify', 'code_snippets', 'request_log',
  'preview_endpoints', 'check_connection', 'interactive', 'about', 'open_logs_folder',
  'create_starter', 'graphql_schema', 'run_graphql', 'console_history', 'clear_console_history',
  'network_settings', 'save_network_settings', 'inspector_entries', 'start_forwarder', 'stop_forwarder',
]);

export const CANCELLED = Object.freeze({ kind: 'cancelled', message: 'Cancelled.', hint: '' });

function invoke(command, args) {
  const internals = window.__TAURI_INTERNALS__;
  if (!internals) {
    return Promise.reject({ kind: 'no-app', message: 'This page only works inside the Dxtra First Integration app.', hint: '' });
  }
  return internals.invoke(command, args);
}

/** Calls one of the app's commands; with `signal`, an abort rejects at once with CANCELLED. */
export function call(command, args = {}, { signal } = {}) {
  if (!COMMANDS.includes(command)) return Promise.reject({ kind: 'unknown-command', message: `Unknown command ${command}`, hint: '' });
  const answer = invoke(command, args);
  if (!signal) return answer;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(CANCELLED);
    signal.addEventListener('abort', () => reject(CANCELLED), { once: true });
    answer.then(resolve, reject);
  });
}

/** Opens a Dxtra dashboard page in the system browser (allowed only for app.dxtra.ai). */
export function openExternal(url) {
  return invoke('plugin:opener|open_url', { url });
}
