// Step 1's texts and its origin rule: the endpoints line, the PAT status line, a connection
// check in words, and when typed Custom URLs lead to another server.
import test from 'node:test';
import assert from 'node:assert/strict';
import { connectionWords, describeEndpoints, endpointsText, originOf, originsMoved, patStatusText } from '../../ui/lib/credentials.js';

const endpoints = { signinUrl: 'https://a.example/v1/signin/pat', tokenUrl: 'https://a.example/v1/token', graphqlUrl: 'https://g.example/v1/graphql' };
const custom = { environment: 'custom', customAuthUrl: 'https://a.example', customGraphqlUrl: 'https://g.example/v1/graphql' };

test('the endpoints line: what the app will call, what to enter, or why there is nothing', () => {
  const described = 'Sign-in: https://a.example/v1/signin/pat\nRefresh: https://a.example/v1/token\nGraphQL: https://g.example/v1/graphql';
  assert.equal(describeEndpoints(endpoints), described);
  const cases = [
    { input: { settings: custom, endpoints }, expected: described },
    { input: { settings: { environment: 'custom', customAuthUrl: '', customGraphqlUrl: '' }, endpoints: null }, expected: 'Enter the two URLs of your Dxtra deployment.' },
    { input: { settings: { ...custom, customGraphqlUrl: '' }, endpoints: null, environmentError: { message: 'The GraphQL URL is missing.' } }, expected: 'The GraphQL URL is missing.' },
    { input: { settings: { environment: 'production' }, endpoints: null }, expected: '' },
  ];
  for (const { input, expected } of cases) assert.equal(endpointsText(input), expected);
});

test('the PAT status line', () => {
  const cases = [
    { input: { pending: true, saved: true }, expected: 'Checking the system keychain for a saved PAT (it may ask you to unlock it)…' },
    { input: { saved: true, store: 'the keychain', masked: 'abcd…wxyz' }, expected: 'A PAT is saved in the keychain: abcd…wxyz. Leave the field empty to keep it.' },
    { input: { saved: false, keychainError: 'it is locked' }, expected: 'The keychain could not be read: it is locked' },
    { input: { saved: false }, expected: 'No PAT saved for this environment yet.' },
  ];
  for (const { input, expected } of cases) assert.equal(patStatusText(input), expected);
});

test('a connection check in words', () => {
  const cases = [
    { input: 'ok', expected: 'reachable' },
    { input: 'wrong', expected: 'not right' },
    { input: 'unreachable', expected: 'unreachable' },
    { input: 'odd', expected: 'odd' },
  ];
  for (const { input, expected } of cases) assert.equal(connectionWords(input), expected);
});

test("a URL's origin, or the text itself when it is no URL", () => {
  const cases = [
    { input: ' https://a.example/v1/signin/pat ', expected: 'https://a.example' },
    { input: 'http://127.0.0.1:4000/x', expected: 'http://127.0.0.1:4000' },
    { input: ' not a url ', expected: 'not a url' },
    { input: '', expected: '' },
  ];
  for (const { input, expected } of cases) assert.equal(originOf(input), expected);
});

test('typed Custom URLs move to another server only when an origin differs from the saved one', () => {
  const typed = (authUrl, graphqlUrl, environment = 'custom') => ({ environment, authUrl, graphqlUrl });
  const cases = [
    { settings: custom, typed: typed('https://a.example/v1', 'https://g.example/other'), expected: false },
    { settings: custom, typed: typed('https://b.example', 'https://g.example/v1/graphql'), expected: true },
    { settings: custom, typed: typed('https://a.example', 'https://g.example:8443/v1/graphql'), expected: true },
    { settings: custom, typed: typed('https://b.example', 'https://h.example', 'sandbox'), expected: false },
    { settings: { environment: 'custom', customAuthUrl: '', customGraphqlUrl: '' }, typed: typed('https://b.example', 'https://h.example'), expected: false },
  ];
  for (const { settings, typed: t, expected } of cases) assert.equal(originsMoved(settings, t), expected, JSON.stringify(t));
});
