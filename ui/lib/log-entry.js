// How one entry of the app's request log reads (`request_log`: url, headers, request, status,
// contentType, received, response, ok, operation, durationMs): its one-line headline, the
// exchange as it was on the wire, and step 3's "request sent" and "response" views. Text only:
// drawing the log is frame/request-log.js's, redacting secrets the app's.

/** "createDataSubject · HTTP 200 · ok · 12 ms" (or "no answer", and the error's kind). */
export function headline(entry) {
  const status = entry.status ? `HTTP ${entry.status}` : 'no answer';
  return `${entry.operation} · ${status} · ${entry.ok ? 'ok' : entry.response?.kind ?? 'failed'} · ${entry.durationMs} ms`;
}

/** The request as sent: request line, headers, and the JSON body. */
export function requestText(entry) {
  return `POST ${entry.url}\n${entry.headers.join('\n')}\n\n${JSON.stringify(entry.request, null, 2)}`;
}

/** One exchange as it was on the wire: request line, headers and body sent; status and body received. */
export function wireText(entry) {
  const sent = requestText(entry);
  const received = entry.status
    ? `HTTP ${entry.status}${entry.contentType ? `\nContent-Type: ${entry.contentType}` : ''}\n\n${typeof entry.received?.text === 'string' && Object.keys(entry.received).length === 1 ? entry.received.text : JSON.stringify(entry.received, null, 2)}`
    : `No answer: ${entry.response?.message ?? 'the request failed'}`;
  const reading = entry.ok ? '' : `\n\n# The app's reading: ${entry.response?.kind}: ${entry.response?.message}`;
  return `${sent}\n\n← ${received}${reading}`;
}

/** The last entry of `operation` in `entries` (oldest first), or undefined. */
export function latestOf(entries, operation) {
  return entries.filter((e) => e.operation === operation).at(-1);
}

/** Step 3's view of the answer: the operation's data as GraphQL returns it, or the app's error. */
export function responseText(entry, operation) {
  return JSON.stringify(entry.ok ? { data: { [operation]: entry.response[operation] ?? entry.response } } : { error: entry.response }, null, 2);
}
