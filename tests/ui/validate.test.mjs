// Front-end validation: what the user is told before anything is sent. (The Rust side's equal
// messages are checked by src-tauri/tests/bad_input.rs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  validateCountry, validateEmail, validateEvent, validatePat, validateSubjectForm, validateUrl, validateUuid, subjectInput,
} from '../../ui/lib/validate.js';

test('email', () => {
  assert.equal(validateEmail('test@example.com'), null);
  assert.equal(validateEmail('  test@example.com '), null);
  assert.match(validateEmail(''), /required/);
  assert.match(validateEmail('test'), /email address/);
  assert.match(validateEmail('a@b@c.com'), /email address/);
  assert.match(validateEmail('a b@c.com'), /email address/);
  assert.match(validateEmail('a@localhost'), /domain/);
});

test('country must be an ISO 3166-1 alpha-2 code from the list, or empty', () => {
  assert.equal(validateCountry('US'), null);
  assert.equal(validateCountry('DE'), null);
  assert.equal(validateCountry(''), null);
  assert.match(validateCountry('us'), /ISO 3166-1/);
  assert.match(validateCountry('XX'), /ISO 3166-1/);
  assert.match(validateCountry('USA'), /ISO 3166-1/);
});

test('controller id must be the UUID, and a DID is called out', () => {
  assert.equal(validateUuid('0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db'), null);
  assert.match(validateUuid('did:dep:abc'), /not its DID/);
  assert.match(validateUuid('YOUR_CONTROLLER_ID'), /must be a UUID/);
  assert.match(validateUuid(''), /required/);
});

test('PAT: any form is accepted but inner whitespace is refused', () => {
  assert.equal(validatePat(' dxtra_pat_abc \n'), null);
  assert.equal(validatePat('5a1db0c5-0000-4000-8000-d7a5a2db0c51'), null);
  assert.match(validatePat('  '), /Paste/);
  assert.match(validatePat('abc def'), /spaces or line breaks/);
});

test('event names', () => {
  assert.equal(validateEvent('signup'), null);
  assert.equal(validateEvent('consent_given'), null);
  assert.match(validateEvent('Sign Up'), /lowercase/);
  assert.match(validateEvent(''), /required/);
});

test('custom URLs: https, or http on loopback; the right paths', () => {
  assert.equal(validateUrl('https://auth.example.com'), null);
  assert.equal(validateUrl('http://127.0.0.1:4000'), null);
  assert.equal(validateUrl('http://localhost:4000'), null);
  assert.match(validateUrl('http://auth.example.com'), /https/);
  assert.match(validateUrl('auth.example.com'), /full URL starting with https:\/\/ \(or http:\/\/ for this computer/);
  assert.match(validateUrl('javascript:alert(1)'), /full URL/);
  assert.match(validateUrl('file:///etc/passwd'), /full URL/);
  // Every form the guide or a server's docs write is accepted: the app normalises it.
  for (const url of ['https://auth.example.com/v1', 'https://auth.example.com/v1/signin/pat', 'https://api.example.com', 'https://api.example.com/v1/graphql']) {
    assert.equal(validateUrl(url), null, url);
  }
});

test('the subject form reports every bad field at once and builds the guide input', () => {
  const bad = validateSubjectForm({ controllerId: 'x', event: '', displayName: '', email: 'no', country: 'ZZ' });
  assert.equal(bad.ok, false);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['controllerId', 'country', 'email', 'event']);
  const form = { controllerId: ' 0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db ', event: 'signup', displayName: 'Test User', email: ' test@example.com', country: 'US' };
  assert.equal(validateSubjectForm(form).ok, true);
  assert.deepEqual(subjectInput(form), {
    event: 'signup',
    dataControllerId: '0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db',
    payload: { email: 'test@example.com', displayName: 'Test User', country: 'US' },
  });
  assert.deepEqual(subjectInput({ ...form, displayName: ' ', country: '' }).payload, { email: 'test@example.com' });
});
