// The console's document rules, with the real graphql-js parser (the one the page loads from
// ui/vendor/editor.js): the operation to run and the fragments sent with it, what stops a run,
// the variables field, and the words for an answer and a history entry.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../ui/vendor/editor.js';
import {
  FIRST_OPERATION, FIRST_TEXT, answerOutcome, documentProblems, historyName, notSentText, parseVariables, problemText, readDocument, usedFragments,
} from '../../ui/lib/graphql-document.js';

test('the first text is a comment, then a query that runs as it is; the code panel shows the query alone', () => {
  const doc = readDocument(FIRST_TEXT, parse, '');
  assert.equal(doc.parseError, null);
  assert.equal(doc.label, 'Controllers');
  assert.ok(FIRST_TEXT.startsWith('# Ctrl+Space'));
  assert.equal(FIRST_OPERATION, 'query Controllers {\n  dataControllers { id title did createdAt }\n}\n');
  assert.equal(`${FIRST_TEXT.split('\n')[0]}\n${FIRST_OPERATION}`, FIRST_TEXT);
});

test('the fragments an operation uses, directly or through others, in document order', () => {
  const cases = [
    { text: 'query A { x }', expected: [] },
    { text: 'query A { ...F } fragment F on T { y }', expected: ['F'] },
    { text: 'fragment G on T { z } query A { ...F } fragment F on T { ...G }', expected: ['G', 'F'] },
    { text: 'query A { a { ...F } } fragment Unused on T { u } fragment F on T { y }', expected: ['F'] },
    { text: 'query A { ...F } fragment F on T { ...G } fragment G on T { ...F }', expected: ['F', 'G'] },
    { text: 'query A { ... on T { ...F } } fragment F on T { y }', expected: ['F'] },
    { text: 'query A { ...Missing }', expected: [] },
  ];
  for (const { text, expected } of cases) {
    const doc = parse(text);
    const operation = doc.definitions.find((d) => d.kind === 'OperationDefinition');
    assert.deepEqual(usedFragments(operation, doc).map((d) => d.name.value), expected, text);
  }
});

test('the document read: the operation chosen, its name and label, and the text sent', () => {
  const two = 'query A { a ...F }\nquery B { b }\nfragment F on T { f }';
  const cases = [
    { text: 'query Mine { x }', chosen: '', expected: { operations: 1, name: null, label: 'Mine', mutation: false, only: 'query Mine { x }' } },
    { text: '{ x }', chosen: 'x', expected: { operations: 1, name: null, label: 'query', mutation: false, only: '{ x }' } },
    { text: 'mutation Make { m }', chosen: '', expected: { operations: 1, name: null, label: 'Make', mutation: true, only: 'mutation Make { m }' } },
    { text: two, chosen: 'B', expected: { operations: 2, name: 'B', label: 'B', mutation: false, only: 'query B { b }' } },
    { text: two, chosen: 'A', expected: { operations: 2, name: 'A', label: 'A', mutation: false, only: 'query A { a ...F }\n\nfragment F on T { f }' } },
    { text: two, chosen: 'Gone', expected: { operations: 2, name: 'A', label: 'A', mutation: false, only: 'query A { a ...F }\n\nfragment F on T { f }' } },
    { text: 'fragment F on T { f }', chosen: '', expected: { operations: 0, name: null, label: 'operation', mutation: false, only: 'fragment F on T { f }' } },
    { text: 'query {', chosen: '', expected: { operations: 0, name: null, label: 'operation', mutation: false, only: 'query {' } },
  ];
  for (const { text, chosen, expected } of cases) {
    const c = readDocument(text, parse, chosen);
    assert.deepEqual({ operations: c.operations.length, name: c.name, label: c.label, mutation: c.mutation, only: c.only }, expected, `${text} (${chosen})`);
    assert.equal(c.text, text);
    assert.equal(c.parseError === null, c.doc !== null);
  }
});

test('what stops a run: an empty editor, a syntax error, or a problem in what is sent', () => {
  const schema = { name: 'a schema' };
  // A stand-in for graphql-js's validate: one problem in each operation, and one with no position.
  const validate = (s, doc) => {
    assert.equal(s, schema);
    const at = (name) => doc.definitions.find((d) => d.name?.value === name).loc.start + 2;
    return [
      { message: 'in A', positions: [at('A')], locations: [{ line: 1 }] },
      { message: 'in B', positions: [at('B')], locations: [{ line: 2 }] },
      { message: 'anywhere' },
    ];
  };
  const cases = [
    { text: '  \n', schema, expected: [{ message: 'The editor is empty: write a query or a mutation.' }] },
    { text: 'query {', schema, expected: [{ message: 'Syntax error: Expected Name, found <EOF>.', line: 1 }] },
    { text: 'query A { a }\nquery B { b }', schema: null, expected: [] },
    { text: 'query A { a }\nquery B { b }', schema, chosen: 'A', expected: [{ message: 'in A', line: 1 }, { message: 'anywhere', line: undefined }] },
    { text: 'query A { a }\nquery B { b }', schema, chosen: 'B', expected: [{ message: 'in B', line: 2 }, { message: 'anywhere', line: undefined }] },
  ];
  for (const { text, schema: s, chosen = '', expected } of cases) {
    assert.deepEqual(documentProblems(readDocument(text, parse, chosen), s, validate), expected, text);
  }
});

test('problems and refusals in words', () => {
  const cases = [
    { got: problemText({ message: 'Cannot query field "nope".', line: 3 }), expected: 'Line 3: Cannot query field "nope".' },
    { got: problemText({ message: 'The editor is empty.' }), expected: 'The editor is empty.' },
    { got: notSentText(1), expected: 'Not sent: fix the problem listed above first.' },
    { got: notSentText(3), expected: 'Not sent: fix the 3 problems listed above first.' },
  ];
  for (const { got, expected } of cases) assert.equal(got, expected);
});

test('the variables field: an object, {} when blank or null, undefined when not an object', () => {
  const cases = [
    { input: '', expected: {} },
    { input: '  \n', expected: {} },
    { input: 'null', expected: {} },
    { input: '{"id": "x", "n": [1]}', expected: { id: 'x', n: [1] } },
    { input: '[1]', expected: undefined },
    { input: '"text"', expected: undefined },
    { input: '3', expected: undefined },
    { input: '{"id": ', expected: undefined },
  ];
  for (const { input, expected } of cases) assert.deepEqual(parseVariables(input), expected, input);
});

test("an answer's outcome line: ok, or the server's errors counted with the first one's words", () => {
  const cases = [
    { input: { operation: 'Mine', elapsedMs: 7, answer: { data: {} } }, expected: { text: 'Mine · 7 ms · ok', tone: 'ok' } },
    { input: { operation: 'Mine', elapsedMs: 7, answer: { data: {}, errors: 'not a list' } }, expected: { text: 'Mine · 7 ms · ok', tone: 'ok' } },
    { input: { operation: 'Mine', elapsedMs: 9, answer: { errors: [{ message: 'bad' }] } }, expected: { text: 'Mine · 9 ms · the server answered with an error: bad', tone: 'bad' } },
    { input: { operation: 'Op', elapsedMs: 1, answer: { errors: [{ message: 'one' }, {}] } }, expected: { text: 'Op · 1 ms · the server answered with 2 errors: one', tone: 'bad' } },
    { input: { operation: 'Op', elapsedMs: 1, answer: { errors: [{}] } }, expected: { text: 'Op · 1 ms · the server answered with an error: ', tone: 'bad' } },
  ];
  for (const { input, expected } of cases) assert.deepEqual(answerOutcome(input), expected);
});

test("a history entry's name: its operation's, else its first line that is not a comment", () => {
  const cases = [
    { input: { operationName: 'Mine', query: '# c\nquery Mine { x }' }, expected: 'Mine' },
    { input: { operationName: null, query: '# a comment\n\n   { dataControllers { id } }  \n' }, expected: '{ dataControllers { id } }' },
    { input: { operationName: null, query: `{ ${'x '.repeat(60)}}` }, expected: `{ ${'x '.repeat(60)}}`.slice(0, 80) },
    { input: { operationName: null, query: '# only a comment' }, expected: '' },
  ];
  for (const { input, expected } of cases) assert.equal(historyName(input), expected);
});
