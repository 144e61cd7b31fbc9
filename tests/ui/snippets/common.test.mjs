// What the languages' snippets share: shell quoting, the example input, the sign-in URL, the
// controller placeholder and indented JSON.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { QUERIES, RUNTIMES, controllerOr, exampleInput, jsonAt, noProxyNote, onThisComputer, shellQuote, signinUrl } from '../../../ui/lib/snippets/common.js';

test('shell quoting: single quotes around, a single quote closed, escaped and reopened', () => {
  const cases = [
    { input: 'plain', expected: "'plain'" },
    { input: "O'Brien", expected: `'O'\\''Brien'` },
    { input: '', expected: "''" },
    { input: '$HOME "x" `y`', expected: `'$HOME "x" \`y\`'` },
    { input: 42, expected: "'42'" },
  ];
  for (const { input, expected } of cases) {
    assert.equal(shellQuote(input), expected);
    assert.equal(execFileSync('bash', ['-c', `printf %s ${shellQuote(input)}`]).toString(), String(input), 'bash reads it back as it was');
  }
});

test("the example input: the form's values, the guide's where they are empty, no country when none is chosen", () => {
  const cases = [
    { ctx: {}, expected: { event: 'signup', dataControllerId: 'YOUR_CONTROLLER_ID', payload: { displayName: 'Test User', email: 'test@example.com', country: 'US' } } },
    { ctx: { controllerId: 'c-1', subject: { event: 'login', displayName: 'Ann', email: 'a@b.c', country: 'IE' } }, expected: { event: 'login', dataControllerId: 'c-1', payload: { displayName: 'Ann', email: 'a@b.c', country: 'IE' } } },
    { ctx: { subject: { country: '' } }, expected: { event: 'signup', dataControllerId: 'YOUR_CONTROLLER_ID', payload: { displayName: 'Test User', email: 'test@example.com' } } },
    { ctx: { subject: { event: '', displayName: '', email: '' } }, expected: { event: 'signup', dataControllerId: 'YOUR_CONTROLLER_ID', payload: { displayName: 'Test User', email: 'test@example.com', country: 'US' } } },
  ];
  for (const { ctx, expected } of cases) assert.deepEqual(exampleInput(ctx), expected, JSON.stringify(ctx));
});

test("the sign-in URL is the app's when it gives one, else the guide's path under the auth URL", () => {
  const cases = [
    { input: { authUrl: 'https://auth.example' }, expected: 'https://auth.example/v1/signin/pat' },
    { input: { authUrl: 'https://auth.example', signinUrl: 'https://auth.example/custom/pat' }, expected: 'https://auth.example/custom/pat' },
  ];
  for (const { input, expected } of cases) assert.equal(signinUrl(input), expected);
});

test('the controller ID, or a placeholder that says what goes there', () => {
  const cases = [{ input: { controllerId: 'c-1' }, expected: 'c-1' }, { input: { controllerId: '' }, expected: 'YOUR_CONTROLLER_ID' }, { input: {}, expected: 'YOUR_CONTROLLER_ID' }];
  for (const { input, expected } of cases) assert.equal(controllerOr(input), expected);
});

test('JSON laid out at an indent: lines after the first moved right', () => {
  const cases = [
    { value: { a: 1 }, indent: '  ', expected: '{\n    "a": 1\n  }' },
    { value: { a: [1] }, indent: '', expected: '{\n  "a": [\n    1\n  ]\n}' },
    { value: 'x', indent: '    ', expected: '"x"' },
  ];
  for (const { value, indent, expected } of cases) assert.equal(jsonAt(value, indent), expected);
});

test('every language names its runtime; the three operations are the guide\'s', () => {
  assert.deepEqual(Object.keys(RUNTIMES), ['curl', 'javascript', 'python', 'rust']);
  assert.match(QUERIES.controllers, /^query \{ dataControllers \{/);
  assert.match(QUERIES.create, /^mutation CreateDataSubject\(\$input: CreateDataSubjectInput!\)/);
  assert.match(QUERIES.subject, /^query DataSubject\(\$id: uuid!\)/);
});

test('a service on this computer gets the line that keeps a shell\'s proxy away; others do not', () => {
  const cases = [
    ['http://127.0.0.1:4001/v1/graphql', true],
    ['http://localhost:4001/v1/graphql', true],
    ['http://[::1]:4001/v1/graphql', true],
    ['https://localhost/v1/graphql', true],
    ['https://api.dxtra.ai/v1/graphql', false],
    ['https://127.0.0.1.example.com/v1/graphql', false],
    ['https://localhost.example.com/v1/graphql', false],
    [undefined, false],
  ];
  for (const [graphqlUrl, local] of cases) {
    assert.equal(onThisComputer({ graphqlUrl }), local, graphqlUrl);
    const note = noProxyNote({ graphqlUrl }, '#');
    assert.equal(note.includes('export NO_PROXY=127.0.0.1,localhost,::1'), local, graphqlUrl);
    if (local) assert.ok(note.split('\n').slice(1).every((line) => line.startsWith('# ')), note);
  }
});
