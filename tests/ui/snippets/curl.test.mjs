// The curl snippets as text: valid bash, the real values in place, the controller and subject
// taken from the shell's variables. (tests/ui/snippets.test.mjs runs them against the Sandbox.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CURL, curlGraphql, curlOperation } from '../../../ui/lib/snippets/curl.js';

const ctx = { authUrl: 'https://auth.example', graphqlUrl: 'https://api.example/v1/graphql', controllerId: '0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db', subject: { email: "o'b@example.com" }, subjectId: '11111111-2222-4333-8444-555555555555' };
const bashAccepts = (source) => spawnSync('bash', ['-n'], { input: source });

test('each step, and the console operation, is valid bash', () => {
  const cases = [
    ...[1, 2, 3, 4].map((n) => ({ what: `step ${n}`, source: CURL[n](ctx) })),
    { what: 'all four', source: [1, 2, 3, 4].map((n) => CURL[n](ctx)).join('\n\n') },
    { what: 'the operation', source: curlOperation(ctx, { query: "query Q { x(s: \"it's\") }", variables: { a: 1 }, label: 'Q' }) },
  ];
  for (const { what, source } of cases) {
    const check = bashAccepts(source);
    assert.equal(check.status, 0, `${what}: ${check.stderr}`);
  }
});

test('the real values are in place, quoted for the shell', () => {
  const cases = [
    { step: 1, includes: `export DXTRA_CONTROLLER_ID='${ctx.controllerId}'` },
    { step: 2, includes: "curl -sS -X POST 'https://auth.example/v1/signin/pat'" },
    { step: 3, includes: `curl -sS -X POST '${ctx.graphqlUrl}'` },
    { step: 3, includes: `"$DXTRA_CONTROLLER_ID"` },
    { step: 3, includes: `o'\\''b@example.com` },
    { step: 4, includes: `DATA_SUBJECT_ID='${ctx.subjectId}'` },
  ];
  for (const { step, includes } of cases) assert.ok(CURL[step](ctx).includes(includes), `step ${step} lacks ${includes}`);
});

test("step 4 falls back to the app's subject only when it is a UUID", () => {
  const cases = [
    { subjectId: ctx.subjectId, fallback: true },
    { subjectId: null, fallback: false },
    { subjectId: 'not-a-uuid', fallback: false },
  ];
  for (const { subjectId, fallback } of cases) assert.equal(CURL[4]({ ...ctx, subjectId }).includes('[[ -v DATA_SUBJECT_ID ]]'), fallback, String(subjectId));
});

test('the GraphQL helper signs in again once, and the operation sends its query and variables', () => {
  assert.match(curlGraphql(ctx), /for attempt in 1 2; do[^]*dxtra_sign_in >\/dev\/null/);
  const op = curlOperation(ctx, { query: '{ x }', variables: { id: 'i' }, label: 'Mine' });
  assert.ok(op.startsWith('#!/usr/bin/env bash\n# Runs Mine from the console.'));
  assert.ok(op.endsWith(`dxtra_graphql '{"query":"{ x }","variables":{"id":"i"}}'\n`));
  assert.ok(op.includes(CURL[2](ctx)) && op.includes(curlGraphql(ctx)));
});
