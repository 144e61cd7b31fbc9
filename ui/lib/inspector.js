// The Inspector's entries as plain rules: the list kept (newest first, bounded like the
// Sandbox's record), which entries a search finds, one line per entry, the request and the
// answer as text, and each explanation's fix as code in the language the client looks like. The entries arrive with every secret already described (the app never sends a
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

/** The snippet language a client's code is in (the Inspector's fix is shown in it). */
export function languageOf(client) {
  return { curl: 'curl', Node: 'javascript', Python: 'python', Rust: 'rust' }[client] ?? 'curl';
}

/** What each kind of fix looks like in code, by language: the lines that make the request right. */
const FIXES = Object.freeze({
  jwt: {
    curl: (u) => `curl -sS -X POST '${u.graphql}' \\\n  -H "Authorization: Bearer $JWT_TOKEN" \\\n  -H 'X-Hasura-Role: user' -H 'Content-Type: application/json' \\\n  --data '{"query": "{ dataControllers { id } }"}'`,
    javascript: (u) => `await fetch('${u.graphql}', {\n  method: 'POST',\n  headers: { Authorization: \`Bearer \${accessToken}\`, 'X-Hasura-Role': 'user', 'Content-Type': 'application/json' },\n  body: JSON.stringify({ query: '{ dataControllers { id } }' }),\n});`,
    python: (u) => `urllib.request.Request('${u.graphql}', method='POST',\n    headers={'Authorization': f'Bearer {access_token}', 'X-Hasura-Role': 'user', 'Content-Type': 'application/json'},\n    data=json.dumps({'query': '{ dataControllers { id } }'}).encode())`,
    rust: (u) => `client.post("${u.graphql}")\n    .bearer_auth(&access_token)\n    .header("X-Hasura-Role", "user")\n    .json(&serde_json::json!({ "query": "{ dataControllers { id } }" }))`,
  },
  signIn: {
    curl: (u) => `curl -sS -X POST '${u.signin}' -H 'Content-Type: application/json' \\\n  --data-binary @- <<<"{\\"personalAccessToken\\": \\"$DXTRA_PAT\\"}"`,
    javascript: (u) => `const { session } = await (await fetch('${u.signin}', {\n  method: 'POST', headers: { 'Content-Type': 'application/json' },\n  body: JSON.stringify({ personalAccessToken: process.env.DXTRA_PAT }),\n})).json();\nconst accessToken = session.accessToken; // renew before session.accessTokenExpiresIn runs out`,
    python: (u) => `session = json.load(urllib.request.urlopen(urllib.request.Request('${u.signin}', method='POST',\n    headers={'Content-Type': 'application/json'},\n    data=json.dumps({'personalAccessToken': os.environ['DXTRA_PAT']}).encode())))['session']\naccess_token = session['accessToken']  # renew before accessTokenExpiresIn runs out`,
    rust: (u) => `let session: serde_json::Value = client.post("${u.signin}")\n    .json(&serde_json::json!({ "personalAccessToken": std::env::var("DXTRA_PAT")? }))\n    .send().await?.json().await?;\nlet access_token = session["session"]["accessToken"].as_str().unwrap_or_default().to_owned();`,
  },
  variables: {
    curl: (u) => `curl -sS -X POST '${u.graphql}' \\\n  -H "Authorization: Bearer $JWT_TOKEN" -H 'Content-Type: application/json' \\\n  --data '{"query": "query ($id: uuid!) { dataSubjects(where: {id: {_eq: $id}}) { id } }", "variables": {"id": "'"$SUBJECT_ID"'"}}'`,
    javascript: (u) => `await fetch('${u.graphql}', {\n  method: 'POST',\n  headers: { Authorization: \`Bearer \${accessToken}\`, 'Content-Type': 'application/json' },\n  body: JSON.stringify({\n    query: 'query ($id: uuid!) { dataSubjects(where: {id: {_eq: $id}}) { id } }',\n    variables: { id: subjectId }, // every $name declared, sent under the same name\n  }),\n});`,
    python: (u) => `urllib.request.Request('${u.graphql}', method='POST',\n    headers={'Authorization': f'Bearer {access_token}', 'Content-Type': 'application/json'},\n    data=json.dumps({'query': 'query ($id: uuid!) { dataSubjects(where: {id: {_eq: $id}}) { id } }',\n                     'variables': {'id': subject_id}}).encode())  # every $name declared, sent under the same name`,
    rust: (u) => `client.post("${u.graphql}")\n    .bearer_auth(&access_token)\n    .json(&serde_json::json!({\n        "query": "query ($id: uuid!) { dataSubjects(where: {id: {_eq: $id}}) { id } }",\n        "variables": { "id": subject_id }, // every $name declared, sent under the same name\n    }))`,
  },
  refresh: {
    curl: (u) => `curl -sS -X POST '${u.token}' -H 'Content-Type: application/json' \\\n  --data "{\\"refreshToken\\": \\"$REFRESH_TOKEN\\"}"   # keep the new refreshToken it returns`,
    javascript: (u) => `const renewed = await (await fetch('${u.token}', {\n  method: 'POST', headers: { 'Content-Type': 'application/json' },\n  body: JSON.stringify({ refreshToken }),\n})).json();\nrefreshToken = renewed.refreshToken; // each works once: keep the new one`,
    python: (u) => `renewed = json.load(urllib.request.urlopen(urllib.request.Request('${u.token}', method='POST',\n    headers={'Content-Type': 'application/json'}, data=json.dumps({'refreshToken': refresh_token}).encode())))\nrefresh_token = renewed['refreshToken']  # each works once: keep the new one`,
    rust: (u) => `let renewed: serde_json::Value = client.post("${u.token}")\n    .json(&serde_json::json!({ "refreshToken": refresh_token }))\n    .send().await?.json().await?;\nrefresh_token = renewed["refreshToken"].as_str().unwrap_or_default().to_owned(); // each works once`,
  },
});

/** Which code fixes each rule (the rest are said in words only). */
const RULE_FIX = Object.freeze({
  'no-authorization': 'jwt', 'no-bearer': 'jwt', 'pat-as-jwt': 'signIn', 'foreign-jwt': 'signIn', 'expired-jwt': 'signIn',
  'role-not-allowed': 'jwt', 'not-post': 'jwt', 'content-type': 'jwt', 'body-not-json': 'jwt', 'no-query': 'jwt',
  'graphql-without-v1': 'jwt', 'auth-path-on-graphql-port': 'signIn', 'graphql-path-on-auth-port': 'jwt',
  'jwt-as-pat': 'signIn', 'refresh-reused': 'refresh', 'missing-variable': 'variables', 'undeclared-variable': 'variables',
});

/** The fix for `rule` as code in `lang`, with the environment's URLs, or null when words say it. */
export function fixCode(rule, lang, urls) {
  const fix = FIXES[RULE_FIX[rule]];
  return fix ? fix[lang](urls) : null;
}
