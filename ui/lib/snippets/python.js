// The Python snippets (3.8+, standard library only): `post`, `sign_in` and `graphql` (which
// renews an expired JWT once), the guide's four steps as parts pasted in order into python3, the
// console's operation as a program, and `pyLiteral` (JSON values as Python spells them). The PAT
// only from $DXTRA_PAT. Only the text: no running it, no other language.

import { QUERIES, RUNTIMES, controllerOr, exampleInput, noProxyNote, practicePatNote, signinUrl } from './common.js';

/** A JSON value as a Python literal (None, True and False as Python spells them; strings as JSON's). */
export function pyLiteral(value, indent) {
  const inner = `${indent}    `;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => inner + pyLiteral(v, inner)).join(',\n')},\n${indent}]` : '[]';
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pyLiteral(v, inner)}`).join(',\n')},\n${indent}}` : '{}';
  }
  return JSON.stringify(value);
}

/** `graphql(query, variables)`: the data, or exits with the server's words. */
export const pyGraphql = (ctx) => `def graphql(query, variables=None, renewed=False):
    """One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt", or 401
    from a proxy) is renewed once with the PAT and the call sent again."""
    global jwt
    status, answer = post(${JSON.stringify(ctx.graphqlUrl)}, {"query": query, "variables": variables or {}},
                          {"Authorization": f"Bearer {jwt}", "X-Hasura-Role": "user"})
    errors = [e for e in answer.get("errors") or [] if isinstance(e, dict)]
    expired = status == 401 or any((e.get("extensions") or {}).get("code") == "invalid-jwt" for e in errors)
    if expired and not renewed:
        jwt = sign_in()
        return graphql(query, variables, True)
    if status != 200 or errors or not answer.get("data"):
        sys.exit(f"GraphQL failed (HTTP {status}): {errors[0].get('message') if errors else answer.get('message')}")
    return answer["data"]
`;

/** The four steps (1 to 4), each a part pasted after the ones before it into python3. */
export const PY = {
  1: (ctx) => `# Needs ${RUNTIMES.python}. Paste each step into python3, or save all four
# as dxtra.py and run \`python3 dxtra.py\`.${noProxyNote(ctx, '#')}${practicePatNote(ctx, '#')}
import http.client, json, os, sys, urllib.error, urllib.request

pat = os.environ.get("DXTRA_PAT", "").strip() or sys.exit("Set DXTRA_PAT first")  # never hard-code it
controller_id = os.environ.get("DXTRA_CONTROLLER_ID", ${JSON.stringify(controllerOr(ctx))})
`,
  2: (ctx) => `def post(url, body, headers=None):
    """POSTs JSON; returns the HTTP status and the answer (text that is not JSON as a message)."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    except (OSError, http.client.HTTPException) as error:  # refused, unresolved, timed out, cut off
        sys.exit(f"{url} did not answer: {getattr(error, 'reason', error)}")
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {"message": text[:300].decode(errors="replace")}
    return status, answer if isinstance(answer, dict) else {}


def sign_in():
    """Exchanges the PAT for a JWT (valid for session["accessTokenExpiresIn"] seconds)."""
    status, answer = post(${JSON.stringify(signinUrl(ctx))}, {"personalAccessToken": pat})
    if status != 200 or not answer.get("session"):
        sys.exit(f"Sign-in failed (HTTP {status}): {answer.get('message') or answer.get('error')}")
    return answer["session"]["accessToken"]

jwt = sign_in()
print("JWT obtained:", jwt[:12] + "...")`,
  3: (ctx) => `${pyGraphql(ctx)}
print("Data controllers:", graphql(${JSON.stringify(QUERIES.controllers)})["dataControllers"])

created = graphql(${JSON.stringify(QUERIES.create)}, {
    "input": ${pyLiteral({ ...exampleInput(ctx), dataControllerId: '@CONTROLLER@' }, '    ').replace('"@CONTROLLER@"', 'controller_id')},
})["createDataSubject"]
print("Created:", created)`,
  4: () => `subject = graphql(${JSON.stringify(QUERIES.subject)}, {"id": created["dataSubjectId"]})["dataSubject"] \\
    or sys.exit(f"Data subject {created['dataSubjectId']} is not recorded")
print("Recorded:", subject)
`,
};

/** The console's operation `op` ({query, variables, label}, variables an object) as a Python program. */
export function pythonOperation(ctx, { query, variables, label }) {
  return `# Runs ${label} from the console. Needs ${RUNTIMES.python}.
# Save as dxtra_op.py and run \`python3 dxtra_op.py\` with DXTRA_PAT set.${practicePatNote(ctx, '#')}
import http.client, json, os, sys, urllib.error, urllib.request

pat = os.environ.get("DXTRA_PAT", "").strip() or sys.exit("Set DXTRA_PAT first")  # never hard-code it
${PY[2](ctx)}

${pyGraphql(ctx)}

print(json.dumps(graphql(${JSON.stringify(query)}, ${pyLiteral(variables, '')}), indent=2))
`;
}
