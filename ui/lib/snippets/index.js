// The equivalent code of each step in curl, JavaScript, Python and Rust, filled with the user's
// real non-secret values (URLs, controller ID, form values): what the code panel and the console
// import. Secrets stay in environment variables: $DXTRA_PAT (and, in the shell, $JWT_TOKEN).
//
// In each language the four steps are one program: curl, JavaScript and Python show each step's
// part (pasted in order into bash or `python3`, appended to one .mjs for node, or saved together
// and run whole); Rust, which cannot be pasted piece by piece, shows the whole program up to the
// step. Every part runs as shown against the Sandbox (tests/ui/snippets.test.mjs runs them),
// re-authenticates once when the JWT has expired (`invalid-jwt` at HTTP 200, or a proxy's 401),
// and on failure prints the server's own message and exits non-zero.
//
// This module only puts the languages together; each language's text is in its own module, what
// they share in common.js.

import { CURL, curlOperation } from './curl.js';
import { JS, javascriptOperation } from './javascript.js';
import { PY, pythonOperation } from './python.js';
import { rustOperation, rustProgram } from './rust.js';

export { QUERIES, RUNTIMES, shellQuote } from './common.js';

export const LANGUAGES = Object.freeze(['curl', 'javascript', 'python', 'rust']);

/** The snippets of `step` (1 to 4) in every language. */
export function renderSnippets(step, ctx) {
  const n = Math.min(Math.max(step, 1), 4);
  return { curl: CURL[n](ctx), javascript: JS[n](ctx), python: PY[n](ctx), rust: rustProgram(ctx, n) };
}

/** The four steps of `lang` as one program, to save and run whole. */
export function wholeProgram(lang, ctx) {
  if (lang === 'rust') return rustProgram(ctx, 4);
  const parts = { curl: CURL, javascript: JS, python: PY }[lang];
  const program = [1, 2, 3, 4].map((n) => parts[n](ctx)).join('\n\n');
  return lang === 'curl' ? `#!/usr/bin/env bash\nset -euo pipefail\n${program}\n` : `${program}\n`;
}

/**
 * One program per language that signs in and runs `op` ({query, variables, label}: one operation's
 * text, its variables as an object) against the environment, printing the data as JSON; like the
 * steps' code it renews an expired JWT once and exits non-zero with the server's words.
 */
export function operationSnippets(ctx, op) {
  const variables = op.variables && typeof op.variables === 'object' ? op.variables : {};
  const label = op.label || 'operation';
  const normalised = { query: op.query, variables, label };
  return {
    curl: curlOperation(ctx, normalised),
    javascript: javascriptOperation(ctx, normalised),
    python: pythonOperation(ctx, normalised),
    rust: rustOperation(ctx, normalised),
  };
}
