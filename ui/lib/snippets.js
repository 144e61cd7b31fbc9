// The equivalent code of each step in curl, JavaScript, Python and Rust, filled with the user's
// real non-secret values (URLs, controller ID, form values). Secrets stay in environment
// variables: $DXTRA_PAT (and, in the shell, $JWT_TOKEN).
//
// In each language the four steps are one program: curl, JavaScript and Python show each step's
// part (pasted in order into bash or `python3`, appended to one .mjs for node, or saved together
// and run whole); Rust,
// which cannot be pasted piece by piece, shows the whole program up to the step. Every part runs
// as shown against the Sandbox (tests/ui/snippets.test.mjs runs them), re-authenticates once when
// the JWT has expired (`invalid-jwt` at HTTP 200, or a proxy's 401), and on failure prints the
// server's own message and exits non-zero.

export const LANGUAGES = Object.freeze(['curl', 'javascript', 'python', 'rust']);

/** What each language needs, said at the top of its first part. */
export const RUNTIMES = Object.freeze({
  curl: 'bash and curl',
  javascript: 'Node.js 18 or later (built-in fetch); no packages',
  python: 'Python 3.8 or later; standard library only',
  rust: 'Rust 1.70 or later; reqwest (blocking, json) and serde_json',
});

export const QUERIES = Object.freeze({
  controllers: 'query { dataControllers { id title did createdAt } }',
  create: 'mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }',
  subject: 'query DataSubject($id: uuid!) { dataSubject(id: $id) { id did createdAt updatedAt dataController { id title } } }',
});

/** Quotes a string for a POSIX shell. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

function exampleInput(ctx) {
  const s = ctx.subject ?? {};
  const payload = { displayName: s.displayName || 'Test User', email: s.email || 'test@example.com' };
  if (s.country !== '') payload.country = s.country || 'US';
  return { event: s.event || 'signup', dataControllerId: ctx.controllerId || 'YOUR_CONTROLLER_ID', payload };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const signinUrl = (ctx) => ctx.signinUrl ?? `${ctx.authUrl}/v1/signin/pat`;
const controllerOr = (ctx) => ctx.controllerId || 'YOUR_CONTROLLER_ID';
/** `value` as JSON, its lines after the first indented by `indent`. */
const jsonAt = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
/** A JSON value as a Python literal (None, True and False as Python spells them; strings as JSON's). */
function pyLiteral(value, indent) {
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

// ── curl ────────────────────────────────────────────────────────────────────────────────────────

/** The create call, the controller spliced in from $DXTRA_CONTROLLER_ID (step 1). */
function createCurl(ctx) {
  const body = JSON.stringify({ query: QUERIES.create, variables: { input: { ...exampleInput(ctx), dataControllerId: '@ID@' } } });
  const [head, tail] = body.split('@ID@');
  return `dxtra_graphql ${shellQuote(head)}"$DXTRA_CONTROLLER_ID"${shellQuote(tail)}`;
}

/** The shell function `dxtra_graphql BODY`: sets $answer, prints it, fails on any error. */
const curlGraphql = (ctx) => `# One GraphQL call: prints the answer and fails on any error, even at HTTP 200. An expired
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

const CURL = {
  1: (ctx) => `# Needs ${RUNTIMES.curl}. Paste each step into the same bash, or save all four as one script.
export DXTRA_CONTROLLER_ID=${shellQuote(controllerOr(ctx))}
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

// ── JavaScript ──────────────────────────────────────────────────────────────────────────────────

/** `async graphql(query, variables)`: the data, or a thrown error with the server's words. */
const jsGraphql = (ctx) => `// One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt",
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

const JS = {
  1: (ctx) => `// Needs ${RUNTIMES.javascript}. Paste each step, in order, into one file dxtra.mjs
// and run \`node dxtra.mjs\` after any of them (.mjs: the steps use top-level await, which
// node's interactive prompt does not handle reliably).
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

// ── Python ──────────────────────────────────────────────────────────────────────────────────────

/** `graphql(query, variables)`: the data, or exits with the server's words. */
const pyGraphql = (ctx) => `def graphql(query, variables=None, renewed=False):
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

const PY = {
  1: (ctx) => `# Needs ${RUNTIMES.python}. Paste each step into python3, or save all four
# as dxtra.py and run \`python3 dxtra.py\`.
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

// ── Rust: the whole program up to the step ──────────────────────────────────────────────────────

const RUST_HELPERS = (ctx, step) => `${step >= 2 ? `use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// POSTs JSON; the HTTP status and the answer (text that is not JSON as a message).
fn post(url: &str, body: &Value, jwt: Option<&str>) -> Result<(u16, Value)> {
    // Up to a minute: Dxtra's createDataSubject can take 30 to 60 s (reqwest's default is 30 s).
    let client = reqwest::blocking::Client::builder().timeout(std::time::Duration::from_secs(60)).build()?;
    let mut request = client.post(url).json(body);
    if let Some(jwt) = jwt {
        request = request.bearer_auth(jwt).header("X-Hasura-Role", "user");
    }
    let response = request.send()?;
    let status = response.status().as_u16();
    let text = response.text()?;
    let answer = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "message": text.chars().take(300).collect::<String>() }));
    Ok((status, answer))
}

/// The server's own words in an answer.
fn message(answer: &Value) -> String {
    [&answer["errors"][0]["message"], &answer["message"], &answer["error"]]
        .into_iter()
        .find_map(|m| m.as_str())
        .unwrap_or("no message")
        .to_owned()
}

/// Exchanges the PAT for a JWT (valid for session.accessTokenExpiresIn seconds).
fn sign_in(pat: &str) -> Result<String> {
    let (status, answer) = post(${JSON.stringify(signinUrl(ctx))}, &json!({ "personalAccessToken": pat }), None)?;
    match answer.pointer("/session/accessToken").and_then(Value::as_str) {
        Some(jwt) if status == 200 => Ok(jwt.to_owned()),
        _ => Err(format!("Sign-in failed (HTTP {status}): {}", message(&answer)).into()),
    }
}
` : `type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
`}${step >= 3 ? `
/// One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt", or 401 from
/// a proxy) is renewed once with the PAT and the call sent again.
fn graphql(jwt: &mut String, pat: &str, query: &str, variables: Value) -> Result<Value> {
    let body = json!({ "query": query, "variables": variables });
    let (mut status, mut answer) = post(${JSON.stringify(ctx.graphqlUrl)}, &body, Some(jwt.as_str()))?;
    let expired = |status: u16, answer: &Value| {
        status == 401 || answer["errors"].as_array().is_some_and(|errors| errors.iter().any(|e| e["extensions"]["code"] == "invalid-jwt"))
    };
    if expired(status, &answer) {
        *jwt = sign_in(pat)?;
        (status, answer) = post(${JSON.stringify(ctx.graphqlUrl)}, &body, Some(jwt.as_str()))?;
    }
    if status != 200 || !answer["errors"].is_null() || answer["data"].is_null() {
        return Err(format!("GraphQL failed (HTTP {status}): {}", message(&answer)).into());
    }
    Ok(answer["data"].take())
}
` : ''}`;

function rustProgram(ctx, step) {
  const input = jsonAt({ ...exampleInput(ctx), dataControllerId: '@CONTROLLER@' }, '        ').replace('"@CONTROLLER@"', 'controller_id');
  const body = [`    // Step 1 · credentials from the environment, never hard-coded.
    let pat = std::env::var("DXTRA_PAT").map_err(|_| "Set DXTRA_PAT first")?.trim().to_owned();
    let controller_id = std::env::var("DXTRA_CONTROLLER_ID").unwrap_or_else(|_| ${JSON.stringify(controllerOr(ctx))}.to_owned());
    println!("Data controller: {controller_id}");`,
  `    // Step 2 · authenticate.
    let mut jwt = sign_in(&pat)?;
    println!("JWT obtained: {}...", jwt.get(..12).unwrap_or(&jwt));`,
  `    // Step 3 · make API calls.
    let data = graphql(&mut jwt, &pat, ${JSON.stringify(QUERIES.controllers)}, json!({}))?;
    println!("Data controllers: {}", data["dataControllers"]);
    let input = json!(${input});
    let data = graphql(&mut jwt, &pat, ${JSON.stringify(QUERIES.create)}, json!({ "input": input }))?;
    let created = &data["createDataSubject"];
    println!("Created: {created}");`,
  `    // Step 4 · verify.
    let data = graphql(&mut jwt, &pat, ${JSON.stringify(QUERIES.subject)}, json!({ "id": created["dataSubjectId"] }))?;
    if data["dataSubject"].is_null() {
        return Err(format!("Data subject {} is not recorded", created["dataSubjectId"]).into());
    }
    println!("Recorded: {}", data["dataSubject"]);`].slice(0, step).join('\n\n');
  const cargo = step >= 2
    ? `// Needs ${RUNTIMES.rust}: \`cargo new dxtra\`, this as src/main.rs, and in Cargo.toml:
//   [dependencies]
//   reqwest = { version = "0.12", features = ["blocking", "json"] }
//   serde_json = "1"
// Then \`cargo run\`. Each step shows the whole program up to it.`
    : '// Needs Rust 1.70 or later: `cargo new dxtra`, this as src/main.rs, then `cargo run`.\n// Each step shows the whole program up to it.';
  return `${cargo}
${RUST_HELPERS(ctx, step)}
fn main() {
    if let Err(error) = run() {
        // The error and its causes ("error sending request: ... Connection refused").
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        eprintln!("{message}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
${body}
    Ok(())
}`;
}

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

// ── The console's current operation ─────────────────────────────────────────────────────────────

/** A Rust raw string literal of `text`, with enough #s that nothing in it ends it early. */
function rustRaw(text) {
  const longest = Math.max(0, ...[...text.matchAll(/"(#*)/g)].map((m) => m[1].length));
  const hashes = '#'.repeat(longest + 1);
  return `r${hashes}"${text}"${hashes}`;
}

/** A Rust string literal of `text` (JSON's escapes, with \uXXXX as Rust spells it). */
const rustString = (text) => JSON.stringify(text).replace(/\\u([0-9a-fA-F]{4})/g, '\\u{$1}');

/**
 * One program per language that signs in and runs `op` ({query, variables, label}: one operation's
 * text, its variables as an object) against the environment, printing the data as JSON; like the
 * steps' code it renews an expired JWT once and exits non-zero with the server's words.
 */
export function operationSnippets(ctx, op) {
  const variables = op.variables && typeof op.variables === 'object' ? op.variables : {};
  const label = op.label || 'operation';
  return {
    curl: `#!/usr/bin/env bash
# Runs ${label} from the console. Needs ${RUNTIMES.curl}; save as dxtra-op.sh, run \`bash dxtra-op.sh\`.
set -euo pipefail
[[ -n \${DXTRA_PAT:-} ]] || { read -rsp 'Personal Access Token: ' DXTRA_PAT && echo; }
${CURL[2](ctx)}

${curlGraphql(ctx)}

dxtra_graphql ${shellQuote(JSON.stringify({ query: op.query, variables }))}
`,
    javascript: `// Runs ${label} from the console. Needs ${RUNTIMES.javascript}.
// Save as dxtra-op.mjs and run \`node dxtra-op.mjs\` with DXTRA_PAT set.
const pat = process.env.DXTRA_PAT?.trim(); // never hard-code it
if (!pat) throw new Error('Set DXTRA_PAT first');
${JS[2](ctx)}

${jsGraphql(ctx)}

const data = await graphql(${JSON.stringify(op.query)}, ${jsonAt(variables, '')});
console.log(JSON.stringify(data, null, 2));
`,
    python: `# Runs ${label} from the console. Needs ${RUNTIMES.python}.
# Save as dxtra_op.py and run \`python3 dxtra_op.py\` with DXTRA_PAT set.
import http.client, json, os, sys, urllib.error, urllib.request

pat = os.environ.get("DXTRA_PAT", "").strip() or sys.exit("Set DXTRA_PAT first")  # never hard-code it
${PY[2](ctx)}

${pyGraphql(ctx)}

print(json.dumps(graphql(${JSON.stringify(op.query)}, ${pyLiteral(variables, '')}), indent=2))
`,
    rust: `// Runs ${label} from the console. Needs ${RUNTIMES.rust}: \`cargo new dxtra-op\`, this as
// src/main.rs, and in Cargo.toml:
//   [dependencies]
//   reqwest = { version = "0.12", features = ["blocking", "json"] }
//   serde_json = "1"
// Then \`cargo run\` with DXTRA_PAT set.
${RUST_HELPERS(ctx, 3)}
fn main() {
    if let Err(error) = run() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let pat = std::env::var("DXTRA_PAT").map_err(|_| "Set DXTRA_PAT first")?.trim().to_owned();
    let mut jwt = sign_in(&pat)?;
    let variables: Value = serde_json::from_str(${rustRaw(JSON.stringify(variables, null, 2))})?;
    let data = graphql(&mut jwt, &pat, ${rustString(op.query)}, variables)?;
    println!("{data:#}");
    Ok(())
}
`,
  };
}
