// The error table, how an error's fix changes with the environment it happened in, and the
// page's own error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { adjustForEnvironment, pageError, rowForKind } from '../../ui/lib/errors.js';

const fixes = { 'use-demo': () => 'demo', 'practise-sandbox': () => 'sandbox' };

test('a wrong PAT in the Sandbox is fixed by its demo credentials, never by a dashboard it lacks', () => {
  for (const kind of ['invalid-pat', 'pat-not-uuid', 'missing-pat']) {
    const error = adjustForEnvironment({ kind, message: 'refused', hint: 'Create a new API key in Dashboard > API Keys' }, 'sandbox', fixes);
    assert.doesNotMatch(error.hint, /API Keys/);
    assert.match(error.hint, /demo/);
    assert.equal(error.fix.label, "Use the sandbox's demo credentials");
    assert.equal(error.fix.run(), 'demo');
    assert.equal(error.message, 'refused', 'the message itself is kept');
  }
});

test('a fix pressed where a sign-in failed says it signs in too', () => {
  const cases = [
    // [where the error came from, the fix's label]
    [{ signingIn: true }, 'Use the demo credentials and sign in'],
    [{ signingIn: false }, "Use the sandbox's demo credentials"],
    [{}, "Use the sandbox's demo credentials"],
  ];
  for (const [options, label] of cases) {
    const error = adjustForEnvironment({ kind: 'invalid-pat', message: 'refused' }, 'sandbox', fixes, options);
    assert.equal(error.fix.label, label, JSON.stringify(options));
  }
});

test('the same wrong PAT against Production keeps the dashboard fix', () => {
  const original = { kind: 'invalid-pat', message: 'refused', hint: 'Create a new API key in Dashboard > API Keys' };
  assert.deepEqual(adjustForEnvironment(original, 'production', fixes), original);
  assert.equal(rowForKind('invalid-pat').id, 'invalid-pat');
});

test('no network against a real service suggests checking it or practising in the Sandbox', () => {
  // A lost answer too (the connection broke after sending): the same advice as a broken connection.
  for (const kind of ['dns', 'connection-refused', 'connection', 'timeout', 'answer-lost']) {
    const error = adjustForEnvironment({ kind, message: 'auth.dxtra.ai could not be resolved', hint: 'Check the URL.' }, 'production', fixes);
    assert.match(error.hint, /^Check the URL\. Check your network/);
    assert.match(error.hint, /Sandbox/);
    assert.equal(error.fix.run(), 'sandbox');
  }
  // In the Sandbox itself, practising there is no advice.
  const local = { kind: 'connection-refused', message: 'refused', hint: '' };
  assert.deepEqual(adjustForEnvironment(local, 'sandbox', fixes), local);
});

test('advice fits the address, and a Custom server that does not answer is fixed by editing its URLs', () => {
  const withEdit = { ...fixes, 'edit-urls': () => 'edit' };
  const refused = { kind: 'connection-refused', message: 'refused', hint: 'Nothing listens there.' };
  const table = [
    ['Custom on this computer', 'custom', true, /on this computer: is the server running/, 'Edit the URLs', 'edit'],
    ['Custom elsewhere', 'custom', false, /Wi-Fi, VPN or proxy/, 'Edit the URLs', 'edit'],
    ['Local Dev on this computer', 'local-dev', true, /on this computer: is the server running/, 'Practise in the Sandbox', 'sandbox'],
    ['Production', 'production', false, /Wi-Fi, VPN or proxy/, 'Practise in the Sandbox', 'sandbox'],
  ];
  for (const [what, environment, onThisComputer, hint, label, ran] of table) {
    const error = adjustForEnvironment(refused, environment, withEdit, { onThisComputer });
    assert.match(error.hint, hint, what);
    if (onThisComputer) assert.doesNotMatch(error.hint, /Wi-Fi/, what);
    assert.equal(error.fix.label, label, what);
    assert.equal(error.fix.run(), ran, what);
  }
});

test('an auth service found elsewhere on the host is fixed by its corrected URL, in one click', () => {
  const used = [];
  const withFix = { ...fixes, 'use-auth-url': (url) => used.push(url) };
  const found = { kind: 'auth-elsewhere', message: 'Nothing answers at …/v1/healthz, but …', hint: 'Use the corrected auth URL', detail: 'https://auth.example/signin/pat' };
  const error = adjustForEnvironment(found, 'custom', withFix);
  assert.equal(error.fix.label, 'Use https://auth.example/signin/pat');
  error.fix.run();
  assert.deepEqual(used, ['https://auth.example/signin/pat']);
  assert.equal(error.message, found.message);
  // No corrected URL, or no page fix: the error as it came.
  assert.deepEqual(adjustForEnvironment({ ...found, detail: undefined }, 'custom', withFix), { ...found, detail: undefined });
  assert.deepEqual(adjustForEnvironment(found, 'custom', fixes), found);
});

test('a bug in the page is said as the page says it, whatever failed', () => {
  const cases = [
    { input: 'boom', expected: 'The page failed: boom' },
    { input: undefined, expected: 'The page failed: undefined' },
    { input: 42, expected: 'The page failed: 42' },
  ];
  for (const { input, expected } of cases) {
    assert.deepEqual(pageError(input), { kind: 'page-error', message: expected, hint: 'Please report this; restarting the app keeps your progress.' });
  }
});

test('a certificate or proxy error is fixed in Network settings, at its field, in any environment', () => {
  const opened = [];
  const fixes = { 'open-network': (field) => opened.push(field), 'practise-sandbox': () => {} };
  const cases = [
    ['tls-unknown-issuer', 'production', 'extra-certificates'],
    ['tls-expired', 'custom', 'extra-certificates'],
    ['proxy-unreachable', 'production', 'proxy-mode'],
    ['proxy-auth', 'custom', 'proxy-username'],
    ['proxy-refused-tunnel', 'sandbox', 'proxy-mode'],
  ];
  for (const [kind, environment, field] of cases) {
    const error = adjustForEnvironment({ kind, message: 'm', hint: 'h' }, environment, fixes);
    assert.equal(error.fix?.label, 'Open Network settings', kind);
    error.fix.run();
    assert.equal(opened.at(-1), field, kind);
  }
  const lost = adjustForEnvironment({ kind: 'answer-lost', message: 'm', hint: 'h' }, 'production', fixes);
  assert.notEqual(lost.fix?.label, 'Open Network settings');
});
