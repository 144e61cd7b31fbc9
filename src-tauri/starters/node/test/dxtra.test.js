// Runs against the service in the environment (the app's Sandbox works: it prints its URLs and
// demo PAT). `npm test` with DXTRA_PAT set.
import test from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv } from '../src/config.js';
import { DxtraClient, DxtraError } from '../src/dxtra.js';

// Recording a test subject is a real write: only against this computer (the Sandbox) unless
// DXTRA_ALLOW_WRITES=1 says the service is yours to write test data into.
const writes = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(configFromEnv().graphqlUrl).hostname) || process.env.DXTRA_ALLOW_WRITES === '1';

test('the guide\'s two operations, and a named error for an unknown controller', async (t) => {
  const config = configFromEnv();
  const client = new DxtraClient(config);
  const controllers = await client.dataControllers();
  assert.ok(controllers.some((c) => c.id === config.controllerId), `controller ${config.controllerId} is listed`);
  await assert.rejects(
    client.createDataSubject({ event: 'signup', dataControllerId: '11111111-2222-4333-8444-555555555555', payload: { email: 'x@example.com' } }),
    (error) => error instanceof DxtraError && error.kind === 'foreign-key-violation',
  );
  if (!writes) return t.skip('not recording a test subject outside the Sandbox (set DXTRA_ALLOW_WRITES=1)');
  const created = await client.createDataSubject({
    event: 'signup',
    dataControllerId: config.controllerId,
    payload: { email: `starter-${Date.now()}@example.com` },
  });
  assert.match(created.dataSubjectId, /^[0-9a-f-]{36}$/);
});

test('an expired token is renewed without the caller noticing', async () => {
  const client = new DxtraClient(configFromEnv());
  await client.dataControllers();
  client.session.expiresAt = 0; // as if the laptop slept past the expiry
  await client.dataControllers();
  client.session.accessToken = 'not-a-jwt'; // refused by the server: signs in again, once
  await client.dataControllers();
});

test('a wrong PAT is named', async () => {
  const client = new DxtraClient({ ...configFromEnv(), pat: '00000000-0000-4000-8000-000000000000' });
  await assert.rejects(client.dataControllers(), (error) => error.kind === 'invalid-pat' && /Invalid or expired/.test(error.message));
});
