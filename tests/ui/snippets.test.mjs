// Code snippets: filled with real non-secret values, secrets only as environment variables, and
// every step of every language run as shown against the sandbox binary: step by step (each
// prefix of the four steps is a program that succeeds), with a wrong PAT (the server's message,
// a non-zero exit), and against a sandbox whose short-lived tokens expire between steps 2 and 3
// with a proxy's 401 (the snippets' own re-authentication). Rust is compiled and run.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, RUNTIMES, operationSnippets, renderSnippets, shellQuote, wholeProgram } from '../../ui/lib/snippets/index.js';

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
    assert.ok(code.includes('ob@example.com'), code);
    assert.ok(code.includes("O'Brien") || code.includes(`O'\\''Brien`), code);
  }
  for (const lang of LANGUAGES) assert.ok(wholeProgram(lang, ctx).includes(ctx.controllerId), lang);
  assert.ok(renderSnippets(2, ctx).curl.includes('https://auth.dxtra.ai/v1/signin/pat'));
  assert.ok(renderSnippets(4, ctx).curl.includes(ctx.subjectId), 'the app-created subject is the fallback');
  // Each language says what it needs where it starts.
  for (const lang of LANGUAGES) assert.ok(renderSnippets(1, ctx)[lang].includes(RUNTIMES[lang].split(';')[0]), lang);
});

test('secrets appear only as environment variables', () => {
  for (const step of [1, 2, 3, 4]) {
    const { curl, javascript, python, rust } = renderSnippets(step, ctx);
    assert.doesNotMatch(curl + javascript + python + rust, /eyJ[A-Za-z0-9_-]{10,}|YOUR_PAT/);
  }
  assert.match(renderSnippets(1, ctx).curl, /read -rsp/);
  assert.match(renderSnippets(2, ctx).curl, /\$DXTRA_PAT/);
  assert.match(renderSnippets(3, ctx).curl, /\$JWT_TOKEN/);
  assert.match(renderSnippets(1, ctx).python, /os\.environ\.get\("DXTRA_PAT"/);
});

test('in the Sandbox each language names the practice PAT in a comment (one paste runs it); elsewhere no PAT at all', () => {
  const pat = '5a1db0c5-0000-4000-8000-d7a5a2db0c51';
  const sandbox = { ...ctx, practicePat: pat };
  const op = { query: '{ dataControllers { id } }', variables: {}, label: 'Controllers' };
  const comment = { curl: '#', javascript: '//', python: '#', rust: '//' };
  const table = LANGUAGES.flatMap((lang) => [
    [`${lang}, step 1`, lang, (c) => renderSnippets(1, c)[lang]],
    [`${lang}, the whole program`, lang, (c) => wholeProgram(lang, c)],
    [`${lang}, the console's operation`, lang, (c) => operationSnippets(c, op)[lang]],
  ]);
  for (const [what, lang, code] of table) {
    const lines = code(sandbox).split('\n').filter((line) => line.includes(pat));
    assert.deepEqual(lines, [`${comment[lang]} export DXTRA_PAT=${pat}`], what);
    assert.ok(!code(ctx).includes(pat) && !code({ ...ctx, practicePat: null }).includes('practice PAT'), what);
  }
});

test('shell quoting survives quotes in user values', () => {
  assert.equal(shellQuote("O'Brien"), `'O'\\''Brien'`);
  const out = execFileSync('bash', ['-c', `printf %s ${shellQuote(`it's "x" $HOME`)}`]).toString();
  assert.equal(out, `it's "x" $HOME`);
});

test('the Python is Python 3.8 and the JavaScript needs no packages', () => {
  const python = wholeProgram('python', ctx);
  const check = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read(), feature_version=(3, 8))'], { input: python });
  assert.equal(check.status, 0, check.stderr.toString());
  assert.doesNotMatch(python, /\| None|:=|\bmatch\b/);
  assert.doesNotMatch(wholeProgram('javascript', ctx), /\brequire\(|\bimport\b/);
});

const target = fileURLToPath(new URL('../../target/', import.meta.url));
const sandboxBin = join(target, 'debug/dxtra-sandbox');
const skip = !existsSync(sandboxBin) && 'build the workspace first (tests/run.sh does)';

/** Runs the sandbox binary with `args` until `body(info)` settles. */
async function withSandbox(args, body) {
  const child = spawn(sandboxBin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('error', reject);
    });
    const info = JSON.parse(line);
    return await body(info, { ...ctx, authUrl: info.authUrl, graphqlUrl: info.graphqlUrl, signinUrl: `${info.authUrl}/v1/signin/pat`, controllerId: info.dataControllerId, subjectId: null });
  } finally {
    child.kill();
  }
}

const work = mkdtempSync(join(tmpdir(), 'dxtra-snippets-'));

/** The Rust programs of `programs` ({name: source}) compiled in one Cargo project; returns their paths. */
function buildRust(programs) {
  const project = join(target, 'snippets-rust');
  mkdirSync(join(project, 'src/bin'), { recursive: true });
  // The dependencies exactly as the snippet's Cargo.toml comment names them.
  const deps = wholeProgram('rust', ctx).match(/^\/\/ {3}(\w+ = .*)$/gm).map((line) => line.replace(/^\/\/ {3}/, ''));
  assert.equal(deps.length, 2, 'reqwest and serde_json');
  writeFileSync(join(project, 'Cargo.toml'), `[package]\nname = "dxtra-snippets"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n${deps.join('\n')}\n\n[workspace]\n`);
  // Start from the project's lock, so the versions are the ones already built and reviewed.
  if (!existsSync(join(project, 'Cargo.lock'))) copyFileSync(new URL('../../Cargo.lock', import.meta.url), join(project, 'Cargo.lock'));
  for (const [name, source] of Object.entries(programs)) writeFileSync(join(project, `src/bin/${name}.rs`), source);
  const build = (extra) => spawnSync('cargo', ['build', '--quiet', ...extra], { cwd: project, stdio: ['ignore', 'inherit', 'pipe'] });
  let built = build(['--offline']);
  if (built.status !== 0) built = build([]);
  assert.equal(built.status, 0, `the Rust snippets do not compile:\n${built.stderr}`);
  return Object.fromEntries(Object.keys(programs).map((name) => [name, join(project, 'target/debug', name)]));
}

/** A file holding `source`, runnable by `runner`. */
function saved(name, source) {
  const file = join(work, name);
  writeFileSync(file, source);
  return file;
}

/** Runs one language's program; returns {status, out, err}. The PAT is typed at bash's prompt. */
function run(lang, source, pat, rustBin) {
  const env = { ...process.env, DXTRA_PAT: pat };
  delete env.DXTRA_CONTROLLER_ID; // the controller written into the code is used
  const [command, args] = {
    curl: ['bash', [saved('dxtra.sh', `set -euo pipefail\n${source}\n`)]],
    javascript: ['node', [saved('dxtra.mjs', source)]],
    python: ['python3', [saved('dxtra.py', source)]],
    rust: [rustBin, []],
  }[lang];
  if (lang === 'curl') delete env.DXTRA_PAT; // step 1 reads it from the prompt
  const result = spawnSync(command, args, { env, input: `${pat}\n`, timeout: 60_000 });
  return { status: result.status, out: result.stdout.toString(), err: result.stderr.toString() };
}

const QUERY_CREATE = 'mutation Make($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }';
const prefix = (lang, live, steps) => [1, 2, 3, 4].slice(0, steps).map((n) => renderSnippets(n, live)[lang]).join('\n\n');

test('every step of every language runs as shown against the sandbox, and a wrong PAT says why', { skip }, async () => {
  await withSandbox([], async (info, live) => {
    const rust = buildRust({ step1: renderSnippets(1, live).rust, step2: renderSnippets(2, live).rust, step3: renderSnippets(3, live).rust, step4: renderSnippets(4, live).rust });
    for (const lang of LANGUAGES) {
      for (const steps of [1, 2, 3, 4]) {
        const source = lang === 'rust' ? '' : prefix(lang, live, steps);
        const { status, out, err } = run(lang, source, info.personalAccessToken, rust[`step${steps}`]);
        assert.equal(status, 0, `${lang}, steps 1 to ${steps}:\n${out}\n${err}`);
        if (steps >= 2) assert.match(out, /JWT obtained: eyJ/, `${lang} ${steps}`);
        if (steps >= 3) assert.match(out, /dataSubjectId/, `${lang} ${steps}`);
        if (steps === 4) assert.match(out, /Recorded|"dataSubject":\{/, `${lang}: ${out}`);
        assert.doesNotMatch(out + err, new RegExp(info.personalAccessToken), `${lang} prints the PAT`);
      }
      // The whole program, as saved by "Copy all four steps", runs too.
      if (lang !== 'rust') {
        const whole = wholeProgram(lang, live).replace(/^#!.*\nset -euo pipefail\n/, '');
        assert.equal(run(lang, whole, info.personalAccessToken).status, 0, lang);
      }
      // A wrong PAT: the server's own message, a non-zero exit, nothing claimed.
      const wrong = run(lang, lang === 'rust' ? '' : prefix(lang, live, 4), '00000000-0000-4000-8000-000000000000', rust.step4);
      assert.notEqual(wrong.status, 0, `${lang} exits 0 after a refused sign-in`);
      assert.match(wrong.err, /Invalid or expired personal access token/, `${lang}: ${wrong.err}`);
      assert.doesNotMatch(wrong.out, /JWT obtained|Created|Recorded/, lang);
      assert.doesNotMatch(wrong.err, /Traceback|KeyError|undefined/, lang);
    }
  });
});

test('the console\'s operation runs as shown in every language: variables, a mutation, and the server\'s refusal', { skip }, async () => {
  await withSandbox([], async (info, live) => {
    // Text a console user may well write: a name, variables, a quote, a block string, non-ASCII.
    // Variables a macro could not take (200 values) and text that would end a naive raw string.
    const many = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const read = { label: 'Mine', query: 'query Mine($id: uuid!) {\n  dataSubjects(where: {dataControllerId: {_eq: $id}}) { id }\n  dataControllers { title } # "Ünïcode" \'quoted\'\n}', variables: { id: info.dataControllerId } };
    const write = { label: 'Make', query: QUERY_CREATE, variables: { input: { event: 'signup', dataControllerId: info.dataControllerId, payload: { displayName: `O'Brien "# and "## end here`, email: 'console@example.com', country: null } } } };
    const wrong = { label: 'query', query: '{ dataControllers { nope } }', variables: {} };
    const programs = Object.fromEntries(Object.entries({ read, write, wrong }).map(([name, op]) => [name, operationSnippets(live, op)]));
    // Compiled only: 200 values that a json! literal could not take (the macro's recursion limit).
    const big = operationSnippets(live, { label: 'Big', query: 'query Big($ids: [uuid!]) { dataControllers { id } }', variables: { ids: many } }).rust;
    const rust = buildRust({ ...Object.fromEntries(Object.entries(programs).map(([name, p]) => [`op_${name}`, p.rust])), op_big: big });
    for (const lang of LANGUAGES) {
      const runOp = (name) => run(lang, programs[name][lang].replace(/^#!.*\nset -euo pipefail\n/, ''), info.personalAccessToken, rust[`op_${name}`]);
      const got = runOp('read');
      assert.equal(got.status, 0, `${lang} read:\n${got.out}\n${got.err}`);
      assert.ok(got.out.includes(info.dataControllerId) || /"title"/.test(got.out), `${lang}: ${got.out}`);
      assert.match(got.out, /"dataSubjects"/, lang);
      const made = runOp('write');
      assert.equal(made.status, 0, `${lang} mutation:\n${made.out}\n${made.err}`);
      assert.match(made.out, /"dataSubjectId"/, lang);
      const refused = runOp('wrong');
      assert.notEqual(refused.status, 0, `${lang} exits 0 on a refused query`);
      assert.match(refused.err + refused.out, /field 'nope' not found/, `${lang}: ${refused.err}`);
      assert.doesNotMatch(refused.out + refused.err + got.out, new RegExp(info.personalAccessToken), `${lang} prints the PAT`);
    }
  });
});

for (const [style, args] of [['a proxy\'s 401', ['--expired-jwt-status', '401']], ['Hasura\'s invalid-jwt at HTTP 200', []]]) {
  test(`with tokens expiring between the steps (${style}), every language signs in again by itself`, { skip }, async () => {
    await withSandbox([...args, '--token-lifetime', '1'], async (info, live) => {
      // A person who pauses between step 2 and step 3: the token has expired by then.
      const pause = { curl: 'sleep 2.5', javascript: 'await new Promise((resolve) => setTimeout(resolve, 2500));', python: 'import time; time.sleep(2.5)' };
      const paused = (lang) => `${prefix(lang, live, 2)}\n\n${pause[lang]}\n\n${renderSnippets(3, live)[lang]}\n\n${renderSnippets(4, live)[lang]}`;
      const rustSource = renderSnippets(4, live).rust.replace('    // Step 3', '    std::thread::sleep(std::time::Duration::from_millis(2500));\n    // Step 3');
      const rust = buildRust({ paused: rustSource });
      for (const lang of LANGUAGES) {
        const { status, out, err } = run(lang, lang === 'rust' ? '' : paused(lang), info.personalAccessToken, rust.paused);
        assert.equal(status, 0, `${lang} did not recover from an expired token:\n${out}\n${err}`);
        assert.match(out, /Recorded|"dataSubject":\{/, lang);
      }
    });
  });
}

test('pasted step by step into bash and python3, the parts work as they are shown (node: appended to one .mjs, tested above)', { skip }, async () => {
  await withSandbox([], async (info, live) => {
    const env = { ...process.env, DXTRA_PAT: info.personalAccessToken };
    const parts = (lang) => [1, 2, 3, 4].map((n) => renderSnippets(n, live)[lang]);
    // Interactive shells read line by line, with no `set -e`: each part as typed.
    const shells = {
      curl: ['bash', ['-i'], `${parts('curl').join('\n')}\necho "exit:$?"\n`],
      python: ['python3', ['-i', '-q'], `${parts('python').join('\n')}\n\n`],
    };
    for (const [lang, [command, args, input]] of Object.entries(shells)) {
      const result = spawnSync(command, args, { env, input, timeout: 60_000 });
      const out = result.stdout.toString() + result.stderr.toString();
      // (A shell echoes what is pasted: only what the code prints counts.)
      assert.match(out, lang === 'curl' ? /"dataSubject":\{[^]*exit:0/ : /Recorded: \{/, `${lang} pasted:\n${out}`);
      assert.doesNotMatch(out, /SyntaxError|Traceback|Uncaught/, `${lang} pasted:\n${out}`);
    }
  });
});

test('an answer that is not JSON, or Dxtra\'s error body at HTTP 200, still fails with the server\'s words', { skip }, async () => {
  const faults = [
    ['--fault', 'signin=html:502', /502|<html|Bad Gateway/i],
    ['--fault', 'graphql=json:200:{"status":"error","message":"Database unavailable","data":null}', /Database unavailable/],
  ];
  for (const [flag, fault, words] of faults) {
    await withSandbox([flag, fault], async (info, live) => {
      for (const lang of ['curl', 'javascript', 'python']) {
        const { status, out, err } = run(lang, prefix(lang, live, 4), info.personalAccessToken);
        assert.notEqual(status, 0, `${lang} exits 0 with ${fault}:\n${out}\n${err}`);
        assert.match(out + err, words, `${lang} with ${fault}:\n${out}\n${err}`);
        assert.doesNotMatch(out, /Recorded/, lang);
      }
    });
  }
});
