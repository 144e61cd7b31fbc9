// The Inspector's pure rules: the list kept, the search, the line and the wire text; and the
// Common Errors rows the Sandbox's explanations name exist on the page (a mirrored list).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_ENTRIES, entryLine, fixCode, languageOf, matches, requestText, responseText, withEntry } from '../../ui/lib/inspector.js';
import { COMMON_ERRORS } from '../../ui/lib/errors.js';

const entry = (over = {}) => ({
  requestId: 'sbx-1', atMs: Date.UTC(2026, 11, 4, 14, 3, 27), client: 'Node', method: 'POST', path: '/v1/graphql',
  status: 200, durationMs: 12, requestHeaders: [['authorization', 'Bearer ⟨a JWT⟩']], requestBody: '{"query": "{ x }"}',
  responseHeaders: [['content-type', 'application/json']], responseBody: '{"data": {}}',
  explanations: [{ rule: 'role-not-allowed', what: 'X-Hasura-Role: admin is not among the token\'s roles (user, me).', fix: 'Send X-Hasura-Role: user', row: 'forbidden' }],
  ...over,
});

test('the list is newest first, without repeats, bounded as the Sandbox bounds it', () => {
  let list = [];
  for (let i = 0; i < MAX_ENTRIES + 3; i += 1) list = withEntry(list, entry({ requestId: `sbx-${i}` }));
  assert.equal(list.length, MAX_ENTRIES);
  assert.equal(list[0].requestId, `sbx-${MAX_ENTRIES + 2}`);
  assert.equal(withEntry(list, entry({ requestId: list[3].requestId })).length, MAX_ENTRIES, 'a repeat replaces its copy');
});

test('a search finds an entry by its X-Request-Id, path, client, status or explanation', () => {
  const table = [
    ['', true], ['sbx-1', true], ['SBX-1', true], ['/v1/graphql', true], ['node', true], ['200', true],
    ['role-not-allowed', true], ['admin', true], ['sbx-2', false], ['python', false],
  ];
  for (const [search, found] of table) assert.equal(matches(entry(), search), found, search);
});

test('one line per entry, and the wire as text', () => {
  assert.equal(entryLine(entry(), 'UTC'), '14:03:27 · Node · POST /v1/graphql · 200 · 12 ms');
  assert.equal(requestText(entry()), 'POST /v1/graphql\nauthorization: Bearer ⟨a JWT⟩\n\n{"query": "{ x }"}');
  assert.equal(responseText(entry({ responseBody: '' })), 'HTTP 200\ncontent-type: application/json');
});

test('every Common Errors row the Sandbox explanations name is on the page', () => {
  const rust = ['mod.rs', 'document.rs']
    .map((file) => readFileSync(new URL(`../../src-tauri/crates/dxtra-sandbox/src/explain/${file}`, import.meta.url), 'utf8'))
    .join('\n');
  const named = [...new Set([...rust.matchAll(/Some\("([a-z-]+)"\)/g)].map((m) => m[1]))];
  assert.ok(named.length >= 3, named.join());
  for (const row of named) assert.ok(COMMON_ERRORS.some((r) => r.id === row), `no Common Errors row ${row}`);
});

test('each rule the Sandbox explains has its fix in code, in the language the client looks like', () => {
  const rust = ['mod.rs', 'document.rs']
    .map((file) => readFileSync(new URL(`../../src-tauri/crates/dxtra-sandbox/src/explain/${file}`, import.meta.url), 'utf8'))
    .join('\n');
  const rules = [...new Set([...rust.matchAll(/(?:said\(|rule: )\s*"([a-z-]+)"/g)].map((m) => m[1]))];
  assert.ok(rules.length >= 20 && rules.includes('unknown-field') && rules.includes('sign-out'), rules.join());
  // Said in words only: what to change is a value, not code.
  const wordsOnly = ['unknown-field', 'sign-in-per-request', 'duplicate-event', 'foreign-controller', 'input-refused', 'sign-out', 'sign-out-revokes-pat'];
  const urls = { signin: 'http://127.0.0.1:1/v1/signin/pat', token: 'http://127.0.0.1:1/v1/token', graphql: 'http://127.0.0.1:2/v1/graphql' };
  for (const rule of rules) {
    for (const lang of ['curl', 'javascript', 'python', 'rust']) {
      const code = fixCode(rule, lang, urls);
      if (wordsOnly.includes(rule)) assert.equal(code, null, rule);
      else assert.match(code, /http:\/\/127\.0\.0\.1:[12]\/v1\//, `${rule} in ${lang} names the environment's URL`);
    }
  }
  const table = [['curl', 'curl'], ['Node', 'javascript'], ['Python', 'python'], ['Rust', 'rust'], ['Go', 'curl'], ['a browser', 'curl']];
  for (const [client, lang] of table) assert.equal(languageOf(client), lang, client);
  assert.match(fixCode('pat-as-jwt', 'python', urls), /personalAccessToken/);
  assert.match(fixCode('role-not-allowed', 'rust', urls), /X-Hasura-Role", "user"/);
  assert.match(fixCode('refresh-reused', 'javascript', urls), /refreshToken = renewed.refreshToken/);
  assert.match(fixCode('missing-variable', 'python', urls), /'variables': \{'id': subject_id\}/);
});
