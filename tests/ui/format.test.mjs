// Formatting: the expiry countdown, the error table, the integration summary and environment
// names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ENVIRONMENT_NAMES, environmentLabel, formatCountdown, formatLifetime, formatRemaining, integrationSummary, nextChangeMs, pretty, secondsLeft, verificationOutcome } from '../../ui/lib/format.js';
import { rowForKind } from '../../ui/lib/errors.js';

test('countdown', () => {
  assert.equal(formatCountdown(3599), '59:59');
  assert.equal(formatCountdown(65), '1:05');
  assert.equal(formatCountdown(3725), '1:02:05');
  assert.equal(formatCountdown(0), 'expired');
  assert.equal(secondsLeft(1000, 990_000), 10);
  assert.equal(secondsLeft(1000, 2_000_000), 0);
});

test('a token lifetime in words, seconds under a minute', () => {
  const table = [
    [15, '15 seconds'],
    [1, '1 second'],
    [0, '0 seconds'],
    [59.6, '1 minute'],
    [60, '1 minute'],
    [90, '1 minute 30 seconds'],
    [599, '9 minutes 59 seconds'],
    [900, '15 minutes'],
    [3600, '60 minutes'],
    [7200, '2 hours'],
    [86_400, '24 hours'],
    [Number.NaN, '0 seconds'],
  ];
  for (const [secs, words] of table) assert.equal(formatLifetime(secs), words, String(secs));
});

test('each common error kind has its row and fix', () => {
  assert.equal(rowForKind('invalid-jwt').error, '401 Unauthorized');
  assert.equal(rowForKind('invalid-jwt').fix.action, 'reauthenticate');
  assert.equal(rowForKind('access-denied').solution, 'Add X-Hasura-Role: user header');
  assert.equal(rowForKind('foreign-key-violation').fix.action, 'pick-controller');
  assert.equal(rowForKind('invalid-pat').fix.action, 'edit-pat');
  assert.equal(rowForKind('timeout'), undefined);
});

test('the summary lists the checks and holds no secret', () => {
  const text = integrationSummary({
    environment: 'sandbox', authUrl: 'http://127.0.0.1:1', graphqlUrl: 'http://127.0.0.1:2/v1/graphql',
    controllerId: 'c-1', session: { userId: 'u', displayName: 'Dev', roles: ['user', 'me'] },
    created: { dataSubjectId: 's-1', message: 'Data subject created', event: 'signup' },
    verification: { checks: [
      { title: 'Dashboard', confirmed: true, detail: 'read back', dashboardUrl: 'https://app.dxtra.ai' },
      { title: 'Assurance', confirmed: false, detail: 'open it', dashboardUrl: 'https://app.dxtra.ai/x' },
    ] },
    now: new Date('2026-11-27T00:00:00Z'),
  });
  assert.match(text, /Data Controller ID: c-1/);
  assert.match(text, /- \[x\] Dashboard: read back\n/);
  assert.match(text, /- \[ \] Assurance: open it \(https:\/\/app\.dxtra\.ai\/x\)/);
  assert.doesNotMatch(text, /eyJ|refreshToken|personalAccessToken/);
});

test('checks have three states, and the summary says which the API confirmed', () => {
  const checks = [
    { title: 'Subject', state: 'confirmed', confirmed: true, detail: 'read back', dashboardUrl: 'https://app.dxtra.ai' },
    { title: 'Activity', state: 'failed', confirmed: false, detail: 'read failed', dashboardUrl: 'https://app.dxtra.ai' },
    { title: 'Score', state: 'dashboard', confirmed: false, detail: 'dashboard only', dashboardUrl: 'https://app.dxtra.ai/a' },
  ];
  const text = integrationSummary({ environment: 'production', authUrl: 'a', graphqlUrl: 'g', controllerId: 'c', created: { dataSubjectId: 's', message: null, event: 'signup' }, verification: { checks } });
  assert.match(text, /Data subject: s \(event "signup"\)/, 'a null message is left out');
  assert.match(text, /- \[x\] Subject: read back\n/);
  assert.match(text, /- \[!\] Activity: read failed \(https:/);
  assert.match(text, /- \[ \] Score: dashboard only \(https:\/\/app\.dxtra\.ai\/a\)/);

  const failed = verificationOutcome({ checks });
  assert.equal(failed.finished, false);
  assert.match(failed.headline, /1 check failed/);
  const done = verificationOutcome({ checks: [checks[0], checks[2]] });
  assert.equal(done.finished, true);
  assert.match(done.headline, /Done/);
  assert.match(done.detail, /API confirmed 1 check; 1 check can only be confirmed in the Dxtra dashboard/);
  assert.match(done.detail, /What next is below/, 'it points at the choices, not at a panel elsewhere');
});

test('the countdown changes its text as rarely as it can', () => {
  assert.equal(formatRemaining(3599), '59 min');
  assert.equal(formatRemaining(120), '2 min');
  assert.equal(formatRemaining(119), '1:59');
  assert.equal(formatRemaining(0), 'expired');
  assert.equal(nextChangeMs(3599), 59_050, 'just past the next minute boundary');
  assert.equal(nextChangeMs(3600), 60_050);
  assert.equal(formatRemaining(3599 - 59.05), '58 min', 'by then the text has changed');
  assert.equal(nextChangeMs(90), 1000, 'each second in the last two minutes');
  assert.equal(nextChangeMs(0), null);
});

test('the page names exactly the environments the app has (EnvChoice::id in progress.rs)', () => {
  const rust = readFileSync(new URL('../../src-tauri/src/progress.rs', import.meta.url), 'utf8');
  const body = rust.slice(rust.indexOf('pub fn id(self)'), rust.indexOf('}', rust.indexOf('pub fn id(self)') + 200));
  const ids = [...body.matchAll(/EnvChoice::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 4, body);
  assert.deepEqual(Object.keys(ENVIRONMENT_NAMES).sort(), ids.sort());
});

test("an environment's short name, with a Custom origin after it", () => {
  const cases = [
    { environment: 'sandbox', origin: null, expected: 'Sandbox' },
    { environment: 'production', origin: undefined, expected: 'Production' },
    { environment: 'local-dev', origin: '', expected: 'Local Dev' },
    { environment: 'custom', origin: 'https://auth.example', expected: 'Custom (https://auth.example)' },
    { environment: 'staging (old)', origin: null, expected: 'staging' },
  ];
  for (const { environment, origin, expected } of cases) assert.equal(environmentLabel(environment, origin), expected);
});

test('values shown as indented JSON', () => {
  const cases = [{ input: { a: [1] }, expected: '{\n  "a": [\n    1\n  ]\n}' }, { input: null, expected: 'null' }, { input: 'x', expected: '"x"' }];
  for (const { input, expected } of cases) assert.equal(pretty(input), expected);
});
