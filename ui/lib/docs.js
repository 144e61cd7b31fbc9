// The console's docs as plain rules over a graphql-js schema: the root sections (queries,
// mutations), what a type shows (fields, enum values, or a scalar's note), where a click in the
// docs or their trail leads, and the schema's one-line summary. Drawing them is
// steps/console/docs-view.js's; reading the schema is the app's (`graphql_schema`).

/** The roots shown first: `{title, fields}` for the query type and the mutation type, where they exist. */
export function rootSections(schema) {
  const sections = [];
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) sections.push({ title: `Queries (${query.name})`, fields: Object.values(query.getFields()) });
  if (mutation) sections.push({ title: `Mutations (${mutation.name})`, fields: Object.values(mutation.getFields()) });
  return sections;
}

/** What a type shows: `fields` (objects, interfaces, inputs), `values` (enums) or `scalar`. */
export function typeKind(type) {
  if (typeof type.getFields === 'function') return 'fields';
  if (typeof type.getValues === 'function') return 'values';
  return 'scalar';
}

/** The note a scalar gets: how it is written in the variables. */
export const scalarText = (name) => `A scalar: written as a ${['Int', 'Float'].includes(name) ? 'number' : name === 'Boolean' ? 'true or false' : 'string'} in variables.`;

/** An enum value as listed: its name, and its description after a colon. */
export const enumValueText = (v) => (v.description ? `${v.name}: ${v.description}` : v.name);

/**
 * The trail after a click on a button marked `root` (back to the roots) or naming a `type`: back
 * to that type when it is on the trail already, else one step further. Anything else: unchanged.
 */
export function nextPath(path, { root = false, type } = {}) {
  if (root) return [];
  if (type) {
    const at = path.indexOf(type);
    return at >= 0 ? path.slice(0, at + 1) : [...path, type];
  }
  return path;
}

/** The trail that opens `name` from the editor ("show in docs"): that type alone, or the roots. */
export const pathTo = (schema, name) => (name && schema?.getType(name) ? [name] : []);

/** "Schema read from this environment: 12 queries, 1 mutation." */
export function schemaSummary(schema) {
  const count = (type, one, many) => {
    const n = Object.keys(type?.getFields() ?? {}).length;
    return `${n} ${n === 1 ? one : many}`;
  };
  return `Schema read from this environment: ${count(schema.getQueryType(), 'query', 'queries')}, ${count(schema.getMutationType(), 'mutation', 'mutations')}.`;
}
