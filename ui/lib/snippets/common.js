// What every language's snippets share: the runtimes they need, the guide's three GraphQL
// operations, the example input filled from the form, and the quoting and JSON layout helpers
// (shell quoting and indented JSON). Each language's own code is in its module (curl.js,
// javascript.js, python.js, rust.js); index.js puts them together. No language-specific text here.

/** What each language needs, said at the top of its first part. */
export const RUNTIMES = Object.freeze({
  curl: 'bash and curl',
  javascript: 'Node.js 18 or later (built-in fetch); no packages',
  python: 'Python 3.8 or later; standard library only',
  rust: 'Rust 1.70 or later; reqwest (blocking, json) and serde_json',
});

/** The guide's operations: list the controllers, create a data subject, read it back. */
export const QUERIES = Object.freeze({
  controllers: 'query { dataControllers { id title did createdAt } }',
  create: 'mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }',
  subject: 'query DataSubject($id: uuid!) { dataSubject(id: $id) { id did createdAt updatedAt dataController { id title } } }',
});

/** Whether the environment's services are on this computer (the Sandbox, or a local server). */
export function onThisComputer(ctx) {
  return /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/i.test(ctx.graphqlUrl ?? '');
}

/** For a service on this computer: the line (in `comment` syntax) that keeps a shell's proxy away. */
export function noProxyNote(ctx, comment) {
  return onThisComputer(ctx)
    ? `\n${comment} On this computer: if your shell sets a proxy (HTTP_PROXY/HTTPS_PROXY), first run\n${comment} export NO_PROXY=127.0.0.1,localhost,::1`
    : '';
}

/**
 * In the Sandbox (`ctx.practicePat` set): the line (in `comment` syntax) that gives DXTRA_PAT the
 * Sandbox's practice PAT, which is public and works nowhere else, so a snippet runs with one paste.
 */
export function practicePatNote(ctx, comment) {
  return ctx.practicePat
    ? `\n${comment} In the Sandbox, DXTRA_PAT is its practice PAT (public; it works nowhere else):\n${comment} export DXTRA_PAT=${ctx.practicePat}`
    : '';
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** The createDataSubject input from the step-3 form (`ctx.subject`), the guide's example values where it is empty. */
export function exampleInput(ctx) {
  const s = ctx.subject ?? {};
  const payload = { displayName: s.displayName || 'Test User', email: s.email || 'test@example.com' };
  if (s.country !== '') payload.country = s.country || 'US';
  return { event: s.event || 'signup', dataControllerId: ctx.controllerId || 'YOUR_CONTROLLER_ID', payload };
}

/** The PAT sign-in endpoint: the app's own (`ctx.signinUrl`), or the guide's path under the auth URL. */
export const signinUrl = (ctx) => ctx.signinUrl ?? `${ctx.authUrl}/v1/signin/pat`;
/** The controller ID, or a placeholder that says what to put there. */
export const controllerOr = (ctx) => ctx.controllerId || 'YOUR_CONTROLLER_ID';
/** `value` as JSON, its lines after the first indented by `indent`. */
export const jsonAt = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
