// The console's GraphQL text as plain data: which operations a parsed document holds, the one to
// run and the fragments it uses (what is sent, and where problems count), what stops it from
// being sent, the variables field read as JSON, and the words for an answer and a history entry.
// No parser and no schema of its own: graphql-js's `parse` and `validate` (ui/vendor/editor.js)
// are handed in, so this runs in node as it does in the page. Nothing here draws anything.

/** The console's first text: a comment on its keys, then a query that runs as it is. */
export const FIRST_TEXT = `# Ctrl+Space completes from this environment's schema; Ctrl+Enter runs.
query Controllers {
  dataControllers { id title did createdAt }
}
`;

/** FIRST_TEXT without its comment line: the operation the code panel shows before the editor loads. */
export const FIRST_OPERATION = FIRST_TEXT.split('\n').slice(1).join('\n');

/** The fragments `operation` spreads, directly or through other fragments, in document order. */
export function usedFragments(operation, doc) {
  const byName = new Map(doc.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
  const used = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.kind === 'FragmentSpread' && byName.has(node.name.value) && !used.has(node.name.value)) {
      used.add(node.name.value);
      visit(byName.get(node.name.value).selectionSet);
    }
    for (const [field, value] of Object.entries(node)) if (field !== 'loc') visit(value);
  };
  visit(operation.selectionSet);
  return [...byName.values()].filter((d) => used.has(d.name.value));
}

/**
 * The editor's `text` read: its parsed form (or the parse error), its operations, the one chosen
 * (named `chosen` when there are several; else the first) and the parts sent with it. `parse` is
 * graphql-js's.
 */
export function readDocument(text, parse, chosen) {
  let doc = null;
  let parseError = null;
  try {
    doc = parse(text);
  } catch (error) {
    parseError = error;
  }
  const operations = doc ? doc.definitions.filter((d) => d.kind === 'OperationDefinition') : [];
  const picked = operations.length > 1 ? operations.find((o) => o.name?.value === chosen) ?? operations[0] : operations[0];
  // The chosen operation and the fragments it uses: what the code panel's programs send, and
  // the part of the document whose problems stop the run.
  const parts = picked ? [picked, ...usedFragments(picked, doc)] : [];
  return {
    text,
    doc,
    parseError,
    operations,
    parts,
    name: operations.length > 1 ? picked?.name?.value ?? null : null,
    label: picked?.name?.value ?? picked?.operation ?? 'operation',
    mutation: picked?.operation === 'mutation',
    only: parts.length ? parts.map((d) => text.slice(d.loc.start, d.loc.end)).join('\n\n') : text,
  };
}

/**
 * What stops the read document `c` from being sent: a syntax error, or what the schema says is
 * wrong in the parts sent (none without a schema). `validate` is graphql-js's.
 */
export function documentProblems(c, schema, validate) {
  if (!c.text.trim()) return [{ message: 'The editor is empty: write a query or a mutation.' }];
  if (c.parseError) return [{ message: c.parseError.message.replace(/^Syntax Error: /, 'Syntax error: '), line: c.parseError.locations?.[0]?.line }];
  if (!schema) return [];
  // Only what is sent counts: a problem in another operation of the document does not stop this one.
  const inParts = (offset) => c.parts.some((d) => offset >= d.loc.start && offset <= d.loc.end);
  return validate(schema, c.doc)
    .filter((e) => !e.positions?.length || e.positions.some(inParts))
    .map((e) => ({ message: e.message, line: e.locations?.[0]?.line }));
}

/** One problem as listed under the editor: "Line 3: …", or the message alone. */
export const problemText = (p) => (p.line ? `Line ${p.line}: ${p.message}` : p.message);

/** Why nothing was sent, for `count` problems. */
export const notSentText = (count) => `Not sent: ${count === 1 ? 'fix the problem' : `fix the ${count} problems`} listed above first.`;

/** The variables field as an object ({} when blank or null), or undefined when it is not one. */
export function parseVariables(text) {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (value === null) return {};
    return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The outcome line for a run's answer (`run_graphql`): its text and tone (ok, or bad with errors). */
export function answerOutcome(ran) {
  const errors = Array.isArray(ran.answer?.errors) ? ran.answer.errors : [];
  const what = `${ran.operation} · ${ran.elapsedMs} ms · `;
  if (errors.length) return { text: `${what}the server answered with ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${errors[0]?.message ?? ''}`, tone: 'bad' };
  return { text: `${what}ok`, tone: 'ok' };
}

/** A history entry's name: its operation's, or its first line that is neither blank nor a comment. */
export function historyName(entry) {
  const firstLine = entry.query.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#')) ?? '';
  return entry.operationName ?? firstLine.slice(0, 80);
}
