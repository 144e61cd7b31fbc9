// The Python snippets as text: JSON values as Python literals, valid Python 3.8, the real values
// in place.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PY, pyGraphql, pyLiteral, pythonOperation } from '../../../ui/lib/snippets/python.js';

const ctx = { authUrl: 'https://auth.example', graphqlUrl: 'https://api.example/v1/graphql', controllerId: 'c-1' };
const pythonAccepts = (source) => spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read(), feature_version=(3, 8))'], { input: source });

test('JSON values as Python spells them', () => {
  const cases = [
    { input: null, indent: '', expected: 'None' },
    { input: true, indent: '', expected: 'True' },
    { input: false, indent: '', expected: 'False' },
    { input: 3.5, indent: '', expected: '3.5' },
    { input: 'it\'s "x"', indent: '', expected: '"it\'s \\"x\\""' },
    { input: [], indent: '', expected: '[]' },
    { input: {}, indent: '', expected: '{}' },
    { input: [1, null], indent: '', expected: '[\n    1,\n    None,\n]' },
    { input: { a: { b: true } }, indent: '  ', expected: '{\n      "a": {\n          "b": True,\n      },\n  }' },
  ];
  for (const { input, indent, expected } of cases) assert.equal(pyLiteral(input, indent), expected, JSON.stringify(input));
});

test('the steps together, and the console operation, are valid Python 3.8', () => {
  const cases = [
    { what: 'all four', source: [1, 2, 3, 4].map((n) => PY[n](ctx)).join('\n\n') },
    { what: 'the operation', source: pythonOperation(ctx, { query: 'query Q { x }', variables: { a: [true, null], b: { c: 'd' } }, label: 'Q' }) },
  ];
  for (const { what, source } of cases) {
    const check = pythonAccepts(source);
    assert.equal(check.status, 0, `${what}: ${check.stderr}`);
  }
});

test('the real values are in place', () => {
  const cases = [
    { step: 1, includes: 'os.environ.get("DXTRA_CONTROLLER_ID", "c-1")' },
    { step: 2, includes: 'post("https://auth.example/v1/signin/pat", {"personalAccessToken": pat})' },
    { step: 3, includes: 'post("https://api.example/v1/graphql", {"query": query' },
    { step: 3, includes: '"dataControllerId": controller_id' },
    { step: 4, includes: '{"id": created["dataSubjectId"]}' },
  ];
  for (const { step, includes } of cases) assert.ok(PY[step](ctx).includes(includes), `step ${step} lacks ${includes}`);
  const op = pythonOperation(ctx, { query: '{ x }', variables: { id: null }, label: 'Mine' });
  assert.ok(op.includes('print(json.dumps(graphql("{ x }", {\n    "id": None,\n}), indent=2))'));
  assert.ok(op.includes(PY[2](ctx)) && op.includes(pyGraphql(ctx)));
});
