// The Inspector's entries as plain rules: the list kept (newest first, bounded like the
// Sandbox's record), which entries a search finds, one line per entry, and the request and the
// answer as text. The entries arrive with every secret already described (the app never sends a
// value); drawing them is steps/inspector.js's.

/** Entries kept by the page, as the Sandbox keeps them (`dxtra_sandbox::MAX_EXCHANGES`). */
export const MAX_ENTRIES = 500;

/** `list` with `entry` first, without an older copy of it, at most MAX_ENTRIES long. */
export function withEntry(list, entry) {
  return [entry, ...list.filter((e) => e.requestId !== entry.requestId)].slice(0, MAX_ENTRIES);
}

/** Whether a search (X-Request-Id, path, client, status or an explanation's words) finds it. */
export function matches(entry, search) {
  const words = search.trim().toLowerCase();
  if (!words) return true;
  const said = (entry.explanations ?? []).map((e) => `${e.rule} ${e.what}`).join(' ');
  return [entry.requestId, entry.path, entry.client, String(entry.status), entry.method, said]
    .some((text) => String(text ?? '').toLowerCase().includes(words));
}

/** "14:03:27 · Node · POST /v1/graphql · 200 · 12 ms". */
export function entryLine(entry, timeZone) {
  const at = new Date(entry.atMs).toLocaleTimeString('en-GB', { hour12: false, timeZone });
  return `${at} · ${entry.client} · ${entry.method} ${entry.path} · ${entry.status} · ${entry.durationMs} ms`;
}

/** The request as on the wire: request line, headers, blank line, body. */
export function requestText(entry) {
  const headers = entry.requestHeaders.map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${entry.method} ${entry.path}\n${headers}${entry.requestBody ? `\n\n${entry.requestBody}` : ''}`;
}

/** The answer as on the wire: status, headers, blank line, body. */
export function responseText(entry) {
  const headers = entry.responseHeaders.map(([name, value]) => `${name}: ${value}`).join('\n');
  return `HTTP ${entry.status}\n${headers}${entry.responseBody ? `\n\n${entry.responseBody}` : ''}`;
}
