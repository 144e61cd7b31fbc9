// Code snippets: filled with real non-secret values, secrets only as environment variables,
// and the curl of steps 2 to 4 runs as shown against a real sandbox.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, renderSnippets, shellQuote } from '../../ui/lib/snippets.js';

const ctx = {
  authUrl: 'https://auth.dxtra.ai', graphqlUrl: 'https://api.dxtra.ai/v1/graphql',
  controllerId: '0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db',
  subject: { event: 'signup', displayName: "O'Brien", email: 'ob@example.com', country: 'IE' },
  subjectId: '11111111-2222-4333-8444-555555555555',
};

test('every step has every language, filled with the real values', () => {
  for (const step of [1, 2, 3, 4]) {
    const snippets = renderSnippets(step, ctx);
    assert.deepEqual(Object.keys(snippets), LANGUAGES);
    for (const code of Object.values(snippets)) assert.ok(code.length > 40);
  }
  const s3 = renderSnippets(3, ctx);
  for (const code of Object.values(s3)) {
    assert.ok(code.includes(ctx.graphqlUrl), code);
    assert.ok(code.includes(ctx.controllerId), code);
    assert.ok(code.includes('ob@example.com'), code);
  }
  assert.ok(renderSnippets(2, ctx).curl.includes('https://auth.dxtra.ai/v1/signin/pat'));
  assert.ok(renderSnippets(4, ctx).python.includes(ctx.subjectId));
});

test('secrets appear only as environment variables', () => {
  for (const step of [1, 2, 3, 4]) {
    const { curl, javascript, python, rust } = renderSnippets(step, ctx);
    assert.doesNotMatch(curl + javascript + python + rust, /eyJ[A-Za-z0-9_-]{10,}|YOUR_PAT/);
  }
  assert.match(renderSnippets(2, ctx).curl, /\$DXTRA_PAT/);
  assert.match(renderSnippets(3, ctx).curl, /\$JWT_TOKEN/);
  assert.match(renderSnippets(2, ctx).python, /os\.environ\["DXTRA_PAT"\]/);
});

test('shell quoting survives quotes in user values', () => {
  assert.equal(shellQuote("O'Brien"), `'O'\\''Brien'`);
  const out = execFileSync('bash', ['-c', `printf %s ${shellQuote(`it's "x" $HOME`)}`]).toString();
  assert.equal(out, `it's "x" $HOME`);
});

const sandboxBin = fileURLToPath(new URL('../../target/debug/dxtra-sandbox', import.meta.url));

test('against the sandbox, the curl of steps 2, 3 and 4 runs as shown', { skip: !existsSync(sandboxBin) && 'build the workspace first (tests/run.sh does)' }, async () => {
  const child = spawn(sandboxBin, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('error', reject);
    });
    const info = JSON.parse(line);
    const live = { ...ctx, authUrl: info.authUrl, graphqlUrl: info.graphqlUrl, controllerId: info.dataControllerId, subjectId: null };
    const env = { ...process.env, DXTRA_PAT: info.personalAccessToken };
    const script = `set -euo pipefail\n${renderSnippets(2, live).curl}\n${renderSnippets(3, live).curl}\n`;
    const out = execFileSync('bash', ['-c', script], { env }).toString();
    assert.match(out, /JWT obtained: eyJhbG/);
    assert.match(out, /"dataControllers":\[\{/);
    const created = JSON.parse(out.trim().split('\n').at(-1));
    const id = created.data.createDataSubject.dataSubjectId;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const read = execFileSync('bash', ['-c', `set -euo pipefail\n${renderSnippets(2, live).curl} >/dev/null\n${renderSnippets(4, { ...live, subjectId: id }).curl}`], { env }).toString();
    assert.equal(JSON.parse(read).data.dataSubject.id, id);
  } finally {
    child.kill();
  }
});
