// The JavaScript snippets as text: valid ES modules for node, the real values in place, the
// controller from the environment variable's fallback, no package needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { JS, javascriptOperation, jsGraphql } from '../../../ui/lib/snippets/javascript.js';

const ctx = { authUrl: 'https://auth.example', graphqlUrl: 'https://api.example/v1/graphql', controllerId: 'c-1', subject: { displayName: 'Ann "A"', country: '' } };
const nodeAccepts = (source) => spawnSync(process.execPath, ['--input-type=module', '--check'], { input: source });

test('the steps appended in order, and the console operation, are valid ES modules', () => {
  const cases = [
    ...[1, 2, 3, 4].map((n) => ({ what: `steps 1 to ${n}`, source: [1, 2, 3, 4].slice(0, n).map((s) => JS[s](ctx)).join('\n\n') })),
    { what: 'the operation', source: javascriptOperation(ctx, { query: 'query Q { x(s: "`${y}`") }', variables: { a: [1, { b: null }] }, label: 'Q' }) },
  ];
  for (const { what, source } of cases) {
    const check = nodeAccepts(source);
    assert.equal(check.status, 0, `${what}: ${check.stderr}`);
    assert.doesNotMatch(source, /\brequire\(|^import\b/m, what);
  }
});

test('the real values are in place, as JavaScript strings', () => {
  const cases = [
    { step: 1, includes: 'process.env.DXTRA_CONTROLLER_ID ?? "c-1"' },
    { step: 2, includes: 'await post("https://auth.example/v1/signin/pat", { personalAccessToken: pat })' },
    { step: 3, includes: 'await post("https://api.example/v1/graphql", { query, variables }' },
    { step: 3, includes: '"dataControllerId": controllerId' },
    { step: 3, includes: '"displayName": "Ann \\"A\\""' },
    { step: 4, includes: '{ id: created.dataSubjectId }' },
  ];
  for (const { step, includes } of cases) assert.ok(JS[step](ctx).includes(includes), `step ${step} lacks ${includes}`);
  assert.doesNotMatch(JS[3](ctx), /"country"/, 'no country chosen, none sent');
});

test('the operation: the query and variables as written, printed as JSON', () => {
  const op = javascriptOperation(ctx, { query: '{ x }', variables: { id: 'i' }, label: 'Mine' });
  assert.ok(op.startsWith('// Runs Mine from the console.'));
  assert.ok(op.includes('const data = await graphql("{ x }", {\n  "id": "i"\n});'));
  assert.ok(op.includes(JS[2](ctx)) && op.includes(jsGraphql(ctx)));
});
