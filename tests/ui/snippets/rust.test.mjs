// The Rust snippets as text: string literals Rust reads back as written, the program growing
// with the steps, the console operation. (tests/ui/snippets.test.mjs compiles and runs them.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { RUST_HELPERS, rustOperation, rustProgram, rustRaw, rustString } from '../../../ui/lib/snippets/rust.js';

const ctx = { authUrl: 'https://auth.example', graphqlUrl: 'https://api.example/v1/graphql', controllerId: 'c-1' };

test('a raw string literal has one # more than any "# run in the text', () => {
  const cases = [
    { input: '{"a": 1}', expected: 'r#"{"a": 1}"#' },
    { input: 'no quotes', expected: 'r#"no quotes"#' },
    { input: 'ends "# here', expected: 'r##"ends "# here"##' },
    { input: 'a "### b "# c', expected: 'r####"a "### b "# c"####' },
  ];
  for (const { input, expected } of cases) assert.equal(rustRaw(input), expected);
});

test("a string literal uses JSON's escapes, \\u{…} as Rust spells them", () => {
  const cases = [
    { input: 'plain', expected: '"plain"' },
    { input: 'say "hi"\n', expected: '"say \\"hi\\"\\n"' },
    { input: 'bell\u0007', expected: '"bell\\u{0007}"' },
    { input: 'Ünïcode', expected: '"Ünïcode"' },
  ];
  for (const { input, expected } of cases) assert.equal(rustString(input), expected);
});

test('the program up to each step has what that step needs, and nothing of later ones', () => {
  const cases = [
    { step: 1, has: ['let controller_id', 'fn main()'], lacks: ['fn sign_in', 'fn graphql', 'use serde_json', 'Step 2'] },
    { step: 2, has: ['fn sign_in', 'use serde_json::{json, Value};', 'reqwest = { version = "0.12"', 'Step 2 · authenticate'], lacks: ['fn graphql', 'Step 3'] },
    { step: 3, has: ['fn graphql', '"https://api.example/v1/graphql"', 'Step 3 · make API calls'], lacks: ['Step 4'] },
    { step: 4, has: ['Step 4 · verify', '.unwrap_or_else(|_| "c-1".to_owned())'], lacks: [] },
  ];
  for (const { step, has, lacks } of cases) {
    const program = rustProgram(ctx, step);
    for (const text of has) assert.ok(program.includes(text), `step ${step} lacks ${text}`);
    for (const text of lacks) assert.ok(!program.includes(text), `step ${step} has ${text}`);
  }
  assert.ok(RUST_HELPERS(ctx, 2).includes('"https://auth.example/v1/signin/pat"'));
});

test('the operation: variables parsed from a raw string, the query as a Rust string', () => {
  const op = rustOperation(ctx, { query: 'query "#Q" { x }', variables: { note: 'ends "#' }, label: 'Q' });
  assert.ok(op.startsWith('// Runs Q from the console.'));
  assert.ok(op.includes(`serde_json::from_str(${rustRaw(JSON.stringify({ note: 'ends "#' }, null, 2))})?`));
  assert.ok(op.includes('graphql(&mut jwt, &pat, "query \\"#Q\\" { x }", variables)?'));
  assert.ok(op.includes(RUST_HELPERS(ctx, 3)));
});
