// The curl snippets: bash functions for sign-in (`dxtra_sign_in`) and one GraphQL call
// (`dxtra_graphql`, which re-authenticates once on an expired JWT), the guide's four steps as
// parts pasted in order into one bash, and the console's operation as a script. The PAT is read
// at the prompt or from $DXTRA_PAT, the JWT kept in $JWT_TOKEN. Only the text: no running it
// (tests/ui/snippets.test.mjs runs it against the Sandbox), no other language.

import { QUERIES, RUNTIMES, controllerOr, exampleInput, onThisComputer, practicePatNote, shellQuote, signinUrl } from './common.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The create call, the controller spliced in from $DXTRA_CONTROLLER_ID (step 1). */
function createCurl(ctx) {
  const body = JSON.stringify({ query: QUERIES.create, variables: { input: { ...exampleInput(ctx), dataControllerId: '@ID@' } } });
  const [head, tail] = body.split('@ID@');
  return `dxtra_graphql ${shellQuote(head)}"$DXTRA_CONTROLLER_ID"${shellQuote(tail)}`;
}

/** The shell function `dxtra_graphql BODY`: sets $answer, prints it, fails on any error. */
export const curlGraphql = (ctx) => `# One GraphQL call: prints the answer and fails on any error, even at HTTP 200. An expired
# JWT ("invalid-jwt", or a proxy's 401) signs in again once and the call is sent again.
dxtra_graphql() {
  local attempt status
  for attempt in 1 2; do
    answer=$(curl -sS -X POST ${shellQuote(ctx.graphqlUrl)} -w '\\n%{http_code}' \\
      -H @- \\
      -H "X-Hasura-Role: user" \\
      -H "Content-Type: application/json" \\
      -d "$1" <<<"Authorization: Bearer $JWT_TOKEN") || return
    status=\${answer##*$'\\n'}
    answer=\${answer%$'\\n'*}
    [[ $attempt == 1 && ( $status == 401 || $answer == *'"invalid-jwt"'* ) ]] || break
    dxtra_sign_in >/dev/null || return
  done
  echo "$answer"
  [[ $status == 200 && ( $answer == *'"data":{'* || $answer == *'"data": {'* ) && $answer != *'"errors"'* ]]
}
`;

/** The four steps (1 to 4), each a part that runs after the ones before it in the same bash. */
export const CURL = {
  1: (ctx) => `# Needs ${RUNTIMES.curl}. Paste each step into the same bash, or save all four as one script.${onThisComputer(ctx) ? `
# The service is on this computer: keep any proxy this shell sets away from it.
export NO_PROXY=127.0.0.1,localhost,::1` : ''}
export DXTRA_CONTROLLER_ID=${shellQuote(controllerOr(ctx))}${practicePatNote(ctx, '#')}
# Keep the PAT out of files and history: typed at the prompt (unless already exported).
[[ -n \${DXTRA_PAT:-} ]] || { read -rsp 'Personal Access Token: ' DXTRA_PAT && echo; }
export DXTRA_PAT`,
  2: (ctx) => `# Exchange the PAT for a JWT (sent on stdin, out of the process list); on failure, say what
# the server said and fail.
dxtra_sign_in() {
  local answer
  answer=$(curl -sS -X POST ${shellQuote(signinUrl(ctx))} \\
    -H "Content-Type: application/json" \\
    --data-binary @- <<<"{\\"personalAccessToken\\": \\"$DXTRA_PAT\\"}") || true
  JWT_TOKEN=$(printf '%s' "$answer" | sed -n 's/.*"accessToken": *"\\([^"]*\\)".*/\\1/p')
  if [[ -z $JWT_TOKEN ]]; then echo "Sign-in failed: \${answer:-no answer}" >&2; return 1; fi
  export JWT_TOKEN
  echo "JWT obtained: \${JWT_TOKEN:0:12}..."
}
dxtra_sign_in`,
  3: (ctx) => `${curlGraphql(ctx)}

# Query data controllers
dxtra_graphql ${shellQuote(JSON.stringify({ query: QUERIES.controllers }))}

# Create a data subject
${createCurl(ctx)}
DATA_SUBJECT_ID=$(printf '%s' "$answer" | sed -n 's/.*"dataSubjectId": *"\\([^"]*\\)".*/\\1/p')
[[ -n $DATA_SUBJECT_ID ]] || { echo "No data subject was created" >&2; false; }`,
  4: (ctx) => {
    const [head, tail] = JSON.stringify({ query: QUERIES.subject, variables: { id: '@ID@' } }).split('@ID@');
    const appSubject = UUID.test(ctx.subjectId ?? '') ? ctx.subjectId : null;
    return `# Read the data subject back: the one step 3 created${appSubject ? ` (without step 3: the app's)
[[ -v DATA_SUBJECT_ID ]] || DATA_SUBJECT_ID=${shellQuote(appSubject)}` : ''}
dxtra_graphql ${shellQuote(head)}"$DATA_SUBJECT_ID"${shellQuote(tail)}
[[ $answer != *'"dataSubject":null'* && $answer != *'"dataSubject": null'* ]] || { echo "Data subject $DATA_SUBJECT_ID is not recorded" >&2; false; }`;
  },
};

/** The console's operation `op` ({query, variables, label}, variables an object) as a bash script. */
export function curlOperation(ctx, { query, variables, label }) {
  return `#!/usr/bin/env bash
# Runs ${label} from the console. Needs ${RUNTIMES.curl}; save as dxtra-op.sh, run \`bash dxtra-op.sh\`.${practicePatNote(ctx, '#')}
set -euo pipefail
[[ -n \${DXTRA_PAT:-} ]] || { read -rsp 'Personal Access Token: ' DXTRA_PAT && echo; }
${CURL[2](ctx)}

${curlGraphql(ctx)}

dxtra_graphql ${shellQuote(JSON.stringify({ query, variables }))}
`;
}
