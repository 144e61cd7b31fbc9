// The front end's boundaries, checked on the source: ui/lib/ stays pure (no DOM, no window, no
// navigator, no calls to the app, no imports from outside ui/lib/), every view takes `$` from
// ui/dom.js instead of defining its own getElementById shortcut, ui/ipc.js is the only module
// that reaches Tauri, and every ui/lib module has its own test file here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = fileURLToPath(new URL('../../ui/', import.meta.url));
const LIB = join(UI, 'lib');
const HERE = fileURLToPath(new URL('./', import.meta.url));

/** Every .js file under `dir`, recursively (ui/vendor/ left out: it is generated). */
const modules = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const path = join(dir, entry.name);
  if (entry.isDirectory()) return path === join(UI, 'vendor') ? [] : modules(path);
  return entry.name.endsWith('.js') ? [path] : [];
});
const name = (path) => relative(UI, path).split(sep).join('/');

/** What ties code to a browser page or to the app, each with the words a failure uses. */
const IMPURE = [
  [/\bdocument\.[A-Za-z_$]|\bdocument\[/, 'document'],
  [/\bwindow\.[A-Za-z_$]/, 'window.'],
  [/\bnavigator\b/, 'navigator'],
  [/\binvoke\(/, 'invoke('],
  [/__TAURI/, '__TAURI_INTERNALS__'],
  [/\bglobalThis\b/, 'globalThis'],
  [/\bnew Option\(/, 'new Option('],
  [/\bHTML[A-Za-z]*Element\b/, 'an HTML element class'],
  [/\.(textContent|innerHTML|addEventListener|replaceChildren|getElementById|querySelector(All)?)\b/, 'a DOM node'],
];

/** The module specifiers `source` imports or re-exports, static and dynamic. */
function specifiers(source) {
  const found = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/gm)) found.push(m[2]);
  for (const m of source.matchAll(/^\s*import\s*(['"])([^'"]+)\1/gm)) found.push(m[2]);
  for (const m of source.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g)) found.push(m[2]);
  return found;
}

/** Why the module at `file` with `source` is not pure: a list of reasons, none when it is. */
function impurities(file, source) {
  const reasons = IMPURE.filter(([pattern]) => pattern.test(source)).map(([, what]) => `mentions ${what}`);
  for (const spec of specifiers(source)) {
    const target = spec.startsWith('./') || spec.startsWith('../') ? resolve(dirname(file), spec) : null;
    if (!target || !`${target}${sep}`.startsWith(`${LIB}${sep}`) || target === LIB) reasons.push(`imports ${spec} from outside ui/lib/`);
  }
  return reasons;
}

test('the purity check itself catches what it is meant to catch', () => {
  const file = join(LIB, 'example.js');
  const cases = [
    { source: "export const x = (id) => document.getElementById(id);", expected: ['mentions document', 'mentions a DOM node'] },
    { source: 'export const dark = () => window.matchMedia("(prefers-color-scheme: dark)");', expected: ['mentions window.'] },
    { source: 'export const copy = (t) => navigator.clipboard.writeText(t);', expected: ['mentions navigator'] },
    { source: "export const call = (c) => invoke(c, {});", expected: ['mentions invoke('] },
    { source: "export const option = (v) => new Option(v, v);", expected: ['mentions new Option('] },
    { source: "export const show = (el, t) => { el.textContent = t; };", expected: ['mentions a DOM node'] },
    { source: "import { call } from '../ipc.js';", expected: ['imports ../ipc.js from outside ui/lib/'] },
    { source: "import { $ } from '../dom.js';\nexport { $ };", expected: ['imports ../dom.js from outside ui/lib/'] },
    { source: "import { readFileSync } from 'node:fs';", expected: ['imports node:fs from outside ui/lib/'] },
    { source: "const cm = await import('../vendor/editor.js');", expected: ['imports ../vendor/editor.js from outside ui/lib/'] },
    // Pure: imports inside lib, and words that only look alike (a GraphQL document, Python's import).
    { source: "import { trim } from './validate.js';\nexport * from './snippets/common.js';\n// the document's operations, in document order.", expected: [] },
    { source: 'export const py = `import http.client, json, os, sys\\nfrom x import y`;', expected: [] },
  ];
  for (const { source, expected } of cases) assert.deepEqual(impurities(file, source), expected, source);
});

test('ui/lib/ is pure: no DOM, window, navigator or app call, and imports only from ui/lib/', () => {
  const files = modules(LIB);
  assert.ok(files.length >= 10, `found only ${files.map(name)}`);
  const impure = files.map((file) => [name(file), impurities(file, readFileSync(file, 'utf8'))]).filter(([, reasons]) => reasons.length);
  assert.deepEqual(impure, [], impure.map(([file, reasons]) => `${file}: ${reasons.join(', ')}`).join('\n'));
});

/** How a module fails the dom.js rule: its own getElementById shortcut, or `$` from elsewhere. */
function ownShortcut(source) {
  const reasons = [];
  if (/getElementById/.test(source)) reasons.push('calls getElementById itself');
  if (/(?:const|let|var)\s+\$\s*=|function\s+\$\s*\(/.test(source)) reasons.push('defines its own $');
  const usesDollar = /(?<![\w$.])\$\(/.test(source.replace(/`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, '""'));
  if (usesDollar && !/import\s*\{[^}]*(?<![\w$])\$(?![\w$])[^}]*\}\s*from\s*['"](?:\.\.?\/)+dom\.js['"]/.test(source)) reasons.push('uses $ without importing it from dom.js');
  return reasons;
}

test('the shortcut check itself catches a local getElementById shortcut', () => {
  const cases = [
    { source: "const $ = (id) => document.getElementById(id);\n$('x').hidden = true;", expected: ['calls getElementById itself', 'defines its own $', 'uses $ without importing it from dom.js'] },
    { source: "function $(id) { return byId(id); }", expected: ['defines its own $', 'uses $ without importing it from dom.js'] },
    { source: "const el = document.getElementById('x');", expected: ['calls getElementById itself'] },
    { source: "import { $ } from './lib/other.js';\n$('x').hidden = true;", expected: ['uses $ without importing it from dom.js'] },
    { source: "import { $, setFieldError } from '../../dom.js';\n$('x').hidden = true;", expected: [] },
    { source: "import { call } from './ipc.js';\nconst text = `cost: $(echo 1)`;", expected: [] },
  ];
  for (const { source, expected } of cases) assert.deepEqual(ownShortcut(source), expected, source);
});

test('every ui/ module takes $ from ui/dom.js instead of defining its own getElementById shortcut', () => {
  // dom.js is where the shortcut lives; boot.js is a classic script that runs before any module
  // (and when they fail to load), so it cannot import and looks its few elements up itself.
  const exempt = new Set(['dom.js', 'boot.js']);
  const own = modules(UI).filter((file) => !exempt.has(name(file)))
    .map((file) => [name(file), ownShortcut(readFileSync(file, 'utf8'))]).filter(([, reasons]) => reasons.length);
  assert.deepEqual(own, [], own.map(([file, reasons]) => `${file}: ${reasons.join(', ')}`).join('\n'));
  assert.match(readFileSync(join(UI, 'dom.js'), 'utf8'), /export const \$ = \(id\) => document\.getElementById\(id\)/);
});

test('ui/ipc.js is the one module that reaches Tauri', () => {
  const others = modules(UI).filter((file) => name(file) !== 'ipc.js' && /__TAURI|\binvoke\(/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(others.map(name), []);
});

/** The test file of a ui/lib module: lib/x.js → x.test.mjs, lib/d/y.js → d/y.test.mjs, lib/d/index.js → d.test.mjs. */
const testFileOf = (module) => relative(LIB, module).split(sep).join('/').replace(/\/index\.js$/, '.js').replace(/\.js$/, '.test.mjs');

test('every ui/lib module has its own test file in tests/ui/', () => {
  assert.deepEqual(
    ['format.js', 'snippets/curl.js', 'snippets/index.js'].map((m) => testFileOf(join(LIB, m))),
    ['format.test.mjs', 'snippets/curl.test.mjs', 'snippets.test.mjs'],
  );
  const missing = modules(LIB).map(testFileOf).filter((file) => !existsSync(join(HERE, file)));
  assert.deepEqual(missing, [], `ui/lib modules without a test: ${missing.map((f) => `tests/ui/${f}`).join(', ')}`);
});
