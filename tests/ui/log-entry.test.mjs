// How a request-log entry reads: its headline, the exchange as on the wire, step 3's views.
import test from 'node:test';
import assert from 'node:assert/strict';
import { headline, latestOf, requestText, responseText, wireText } from '../../ui/lib/log-entry.js';

const ok = {
  operation: 'createDataSubject', url: 'https://api.example/v1/graphql', headers: ['Authorization: Bearer [redacted]', 'X-Hasura-Role: user'],
  request: { query: 'mutation { x }' }, status: 200, contentType: 'application/json', received: { data: { x: 1 } },
  response: { createDataSubject: { dataSubjectId: 's-1' } }, ok: true, durationMs: 12,
};
const refused = { ...ok, status: 401, contentType: null, received: { text: 'Unauthorized' }, response: { kind: 'invalid-jwt', message: 'the token expired' }, ok: false, durationMs: 3 };
const unanswered = { ...ok, status: null, received: null, response: { kind: 'connection-refused', message: 'nothing listens there' }, ok: false, durationMs: 1 };

test('the headline says the operation, the status, the outcome and the time', () => {
  const cases = [
    { input: ok, expected: 'createDataSubject · HTTP 200 · ok · 12 ms' },
    { input: refused, expected: 'createDataSubject · HTTP 401 · invalid-jwt · 3 ms' },
    { input: unanswered, expected: 'createDataSubject · no answer · connection-refused · 1 ms' },
    { input: { ...unanswered, response: null }, expected: 'createDataSubject · no answer · failed · 1 ms' },
  ];
  for (const { input, expected } of cases) assert.equal(headline(input), expected);
});

test('the request reads as sent: request line, headers, a blank line, the JSON body', () => {
  assert.equal(requestText(ok), 'POST https://api.example/v1/graphql\nAuthorization: Bearer [redacted]\nX-Hasura-Role: user\n\n{\n  "query": "mutation { x }"\n}');
});

test('the exchange on the wire: what was sent, then what came back or why nothing did', () => {
  const cases = [
    { input: ok, expected: `${requestText(ok)}\n\n← HTTP 200\nContent-Type: application/json\n\n{\n  "data": {\n    "x": 1\n  }\n}` },
    { input: refused, expected: `${requestText(refused)}\n\n← HTTP 401\n\nUnauthorized\n\n# The app's reading: invalid-jwt: the token expired` },
    { input: unanswered, expected: `${requestText(unanswered)}\n\n← No answer: nothing listens there\n\n# The app's reading: connection-refused: nothing listens there` },
    { input: { ...unanswered, ok: true, response: {} }, expected: `${requestText(unanswered)}\n\n← No answer: the request failed` },
  ];
  for (const { input, expected } of cases) assert.equal(wireText(input), expected);
});

test('the latest entry of an operation is the last one logged', () => {
  const entries = [{ operation: 'a', n: 1 }, { operation: 'b', n: 2 }, { operation: 'a', n: 3 }];
  const cases = [{ input: 'a', expected: 3 }, { input: 'b', expected: 2 }, { input: 'c', expected: undefined }];
  for (const { input, expected } of cases) assert.equal(latestOf(entries, input)?.n, expected, input);
});

test("step 3's response view: the operation's data as GraphQL returns it, or the app's error", () => {
  const cases = [
    { entry: ok, operation: 'createDataSubject', expected: { data: { createDataSubject: { dataSubjectId: 's-1' } } } },
    { entry: { ...ok, response: [{ id: 'c' }] }, operation: 'dataControllers', expected: { data: { dataControllers: [{ id: 'c' }] } } },
    { entry: refused, operation: 'createDataSubject', expected: { error: { kind: 'invalid-jwt', message: 'the token expired' } } },
  ];
  for (const { entry, operation, expected } of cases) assert.equal(responseText(entry, operation), JSON.stringify(expected, null, 2));
});
