// The JavaScript snippets (Node.js 18+, built-in fetch, no packages): `post`, `signIn` and
// `graphql` (which renews an expired JWT once), the guide's four steps as parts appended in order
// to one .mjs, and the console's operation as a program. The PAT only from $DXTRA_PAT. Only the
// text: no running it, no other language.

import { QUERIES, RUNTIMES, controllerOr, exampleInput, jsonAt, noProxyNote, practicePatNote, signinUrl } from './common.js';

/** `async graphql(query, variables)`: the data, or a thrown error with the server's words. */
export const jsGraphql = (ctx) => `// One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt",
// or 401 from a proxy) is renewed once with the PAT and the call sent again.
async function graphql(query, variables = {}, renewed = false) {
  const { status, answer } = await post(${JSON.stringify(ctx.graphqlUrl)}, { query, variables }, {
    'Authorization': \`Bearer \${jwt}\`,
    'X-Hasura-Role': 'user',
  });
  const errors = Array.isArray(answer.errors) ? answer.errors : [];
  const expired = status === 401 || errors.some((e) => e?.extensions?.code === 'invalid-jwt');
  if (expired && !renewed) {
    jwt = await signIn();
    return graphql(query, variables, true);
  }
  if (status !== 200 || errors.length || !answer.data) {
    throw new Error(\`GraphQL failed (HTTP \${status}): \${errors[0]?.message ?? answer.message ?? 'no data'}\`);
  }
  return answer.data;
}
`;

/** The four steps (1 to 4), each a part appended to the ones before it in one .mjs. */
export const JS = {
  1: (ctx) => `// Needs ${RUNTIMES.javascript}. Paste each step, in order, into one file dxtra.mjs
// and run \`node dxtra.mjs\` after any of them (.mjs: the steps use top-level await, which
// node's interactive prompt does not handle reliably).${noProxyNote(ctx, '//')}${practicePatNote(ctx, '//')}
const pat = process.env.DXTRA_PAT?.trim(); // never hard-code it
const controllerId = process.env.DXTRA_CONTROLLER_ID ?? ${JSON.stringify(controllerOr(ctx))};
if (!pat) throw new Error('Set DXTRA_PAT first');`,
  2: (ctx) => `// POSTs JSON; the HTTP status and the answer (text that is not JSON kept as its message).
async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).catch((error) => { throw new Error(\`\${url} did not answer: \${error.cause?.message ?? error.message}\`); });
  const text = await response.text();
  let answer;
  try { answer = JSON.parse(text); } catch { answer = { message: text.slice(0, 300) }; }
  return { status: response.status, answer: answer && typeof answer === 'object' ? answer : {} };
}

// Exchange the PAT for a JWT (valid for session.accessTokenExpiresIn seconds).
async function signIn() {
  const { status, answer } = await post(${JSON.stringify(signinUrl(ctx))}, { personalAccessToken: pat });
  if (status !== 200 || !answer.session?.accessToken) {
    throw new Error(\`Sign-in failed (HTTP \${status}): \${answer.message ?? answer.error ?? 'no session in the answer'}\`);
  }
  return answer.session.accessToken;
}
let jwt = await signIn();
console.log(\`JWT obtained: \${jwt.slice(0, 12)}...\`);`,
  3: (ctx) => `${jsGraphql(ctx)}
const { dataControllers } = await graphql(${JSON.stringify(QUERIES.controllers)});
console.log('Data controllers:', dataControllers);

const { createDataSubject: created } = await graphql(${JSON.stringify(QUERIES.create)}, {
  input: ${jsonAt({ ...exampleInput(ctx), dataControllerId: '@CONTROLLER@' }, '  ').replace('"@CONTROLLER@"', 'controllerId')},
});
console.log('Created:', created);`,
  4: () => `// Read the data subject back.
const { dataSubject } = await graphql(${JSON.stringify(QUERIES.subject)}, { id: created.dataSubjectId });
if (!dataSubject) throw new Error(\`Data subject \${created.dataSubjectId} is not recorded\`);
console.log('Recorded:', dataSubject);`,
};

/** The console's operation `op` ({query, variables, label}, variables an object) as a .mjs program. */
export function javascriptOperation(ctx, { query, variables, label }) {
  return `// Runs ${label} from the console. Needs ${RUNTIMES.javascript}.
// Save as dxtra-op.mjs and run \`node dxtra-op.mjs\` with DXTRA_PAT set.${practicePatNote(ctx, '//')}
const pat = process.env.DXTRA_PAT?.trim(); // never hard-code it
if (!pat) throw new Error('Set DXTRA_PAT first');
${JS[2](ctx)}

${jsGraphql(ctx)}

const data = await graphql(${JSON.stringify(query)}, ${jsonAt(variables, '')});
console.log(JSON.stringify(data, null, 2));
`;
}
