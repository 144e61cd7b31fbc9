// The console docs' rules: the root sections, what a type shows, where a click leads, the summary.
// The schema is a stand-in with graphql-js's methods (getQueryType, getType, getFields, …).
import test from 'node:test';
import assert from 'node:assert/strict';
import { enumValueText, nextPath, pathTo, rootSections, scalarText, schemaSummary, typeKind } from '../../ui/lib/docs.js';

const objectType = (name, fields) => ({ name, getFields: () => Object.fromEntries(fields.map((f) => [f, { name: f }])) });
const schemaOf = ({ query, mutation, types = {} }) => ({ getQueryType: () => query, getMutationType: () => mutation, getType: (name) => types[name] });
const query = objectType('query_root', ['dataControllers', 'dataSubject']);
const mutation = objectType('mutation_root', ['createDataSubject']);

test('the roots: queries, then mutations, each only where the schema has it', () => {
  const cases = [
    { schema: schemaOf({ query, mutation }), expected: [['Queries (query_root)', ['dataControllers', 'dataSubject']], ['Mutations (mutation_root)', ['createDataSubject']]] },
    { schema: schemaOf({ query, mutation: null }), expected: [['Queries (query_root)', ['dataControllers', 'dataSubject']]] },
    { schema: schemaOf({ query: undefined, mutation }), expected: [['Mutations (mutation_root)', ['createDataSubject']]] },
    { schema: schemaOf({}), expected: [] },
  ];
  for (const { schema, expected } of cases) {
    assert.deepEqual(rootSections(schema).map(({ title, fields }) => [title, fields.map((f) => f.name)]), expected);
  }
});

test('a type shows its fields, its enum values, or a scalar note', () => {
  const cases = [
    { input: { getFields: () => ({}) }, expected: 'fields' },
    { input: { getFields: () => ({}), getValues: () => [] }, expected: 'fields' },
    { input: { getValues: () => [] }, expected: 'values' },
    { input: { name: 'uuid' }, expected: 'scalar' },
  ];
  for (const { input, expected } of cases) assert.equal(typeKind(input), expected);
});

test("a scalar's note says how the variables write it", () => {
  const cases = [
    { input: 'Int', expected: 'A scalar: written as a number in variables.' },
    { input: 'Float', expected: 'A scalar: written as a number in variables.' },
    { input: 'Boolean', expected: 'A scalar: written as a true or false in variables.' },
    { input: 'String', expected: 'A scalar: written as a string in variables.' },
    { input: 'uuid', expected: 'A scalar: written as a string in variables.' },
    { input: 'timestamptz', expected: 'A scalar: written as a string in variables.' },
  ];
  for (const { input, expected } of cases) assert.equal(scalarText(input), expected);
});

test('an enum value is listed with its description when it has one', () => {
  const cases = [
    { input: { name: 'asc', description: 'in ascending order' }, expected: 'asc: in ascending order' },
    { input: { name: 'desc', description: null }, expected: 'desc' },
    { input: { name: 'none', description: '' }, expected: 'none' },
  ];
  for (const { input, expected } of cases) assert.equal(enumValueText(input), expected);
});

test('a click leads back to the roots, back along the trail, or one type further', () => {
  const cases = [
    { path: ['A', 'B'], click: { root: true }, expected: [] },
    { path: ['A'], click: { root: true, type: 'B' }, expected: [] },
    { path: [], click: { type: 'A' }, expected: ['A'] },
    { path: ['A'], click: { type: 'B' }, expected: ['A', 'B'] },
    { path: ['A', 'B', 'C'], click: { type: 'B' }, expected: ['A', 'B'] },
    { path: ['A', 'B'], click: { type: 'A' }, expected: ['A'] },
    { path: ['A', 'B'], click: { type: 'B' }, expected: ['A', 'B'] },
    { path: ['A'], click: {}, expected: ['A'] },
    { path: ['A'], click: { type: '' }, expected: ['A'] },
  ];
  for (const { path, click, expected } of cases) {
    const before = [...path];
    assert.deepEqual(nextPath(path, click), expected, JSON.stringify({ path, click }));
    assert.deepEqual(path, before, 'the old trail is left as it was');
  }
});

test('"show in docs" opens a type the schema has, else the roots', () => {
  const schema = schemaOf({ query, types: { DataController: objectType('DataController', ['id']) } });
  const cases = [
    { schema, name: 'DataController', expected: ['DataController'] },
    { schema, name: 'Missing', expected: [] },
    { schema, name: null, expected: [] },
    { schema: null, name: 'DataController', expected: [] },
  ];
  for (const { schema: s, name, expected } of cases) assert.deepEqual(pathTo(s, name), expected, String(name));
});

test('the summary counts the root queries and mutations', () => {
  const cases = [
    { schema: schemaOf({ query, mutation }), expected: 'Schema read from this environment: 2 queries, 1 mutation.' },
    { schema: schemaOf({ query, mutation: null }), expected: 'Schema read from this environment: 2 queries, 0 mutations.' },
    { schema: schemaOf({}), expected: 'Schema read from this environment: 0 queries, 0 mutations.' },
  ];
  for (const { schema, expected } of cases) assert.equal(schemaSummary(schema), expected);
});
