// The equivalent code of each step in curl, JavaScript, Python and Rust, filled with the user's
// real non-secret values (URLs, controller ID, form values). Secrets stay in environment
// variables: $DXTRA_PAT (and, in the shell, $JWT_TOKEN).
//
// In each language the four steps are one program: curl, JavaScript and Python show each step's
// part (pasted in order into bash, `node` or `python3`, or saved together and run whole); Rust,
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

const signinUrl = (ctx) => ctx.signinUrl ?? `${ctx.authUrl}/v1/signin/pat`;
const controllerOr = (ctx) => ctx.controllerId || 'YOUR_CONTROLLER_ID';
/** `value` as JSON, its lines after the first indented by `indent`. */
const jsonAt = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
/** A JSON value as a Python literal (JSON's null, true and false spelled as Python's). */
const pyAt = (value, indent) => JSON.stringify(value, null, 4)
  .replace(/: null\b/g, ': None').replace(/: true\b/g, ': True').replace(/: false\b/g, ': False')
  .replace(/\n/g, `\n${indent}`);

// ── curl ────────────────────────────────────────────────────────────────────────────────────────

/** The create call, the controller spliced in from $DXTRA_CONTROLLER_ID (step 1). */
function createCurl(ctx) {
  const body = JSON.stringify({ query: QUERIES.create, variables: { input: { ...exampleInput(ctx), dataControllerId: '@ID@' } } });
  const [head, tail] = body.split('@ID@');
  return `dxtra_graphql ${shellQuote(head)}"$DXTRA_CONTROLLER_ID"${shellQuote(tail)}`;
}

const CURL = {
  1: (ctx) => `# Needs ${RUNTIMES.curl}. Paste each step into the same bash, or save all four as one script.
# Keep the PAT out of files and history: type or paste it at the prompt.
read -rsp 'Personal Access Token: ' DXTRA_PAT && export DXTRA_PAT && echo
export DXTRA_CONTROLLER_ID=${shellQuote(controllerOr(ctx))}`,
  2: (ctx) => `# Exchange the PAT for a JWT; on failure, show what the server said.
answer=$(curl -sS -X POST ${shellQuote(signinUrl(ctx))} \\
  -H "Content-Type: application/json" \\
  -d "{\\"personalAccessToken\\": \\"$DXTRA_PAT\\"}") || true
JWT_TOKEN=$(printf '%s' "$answer" | sed -n 's/.*"accessToken": *"\\([^"]*\\)".*/\\1/p')
if [[ -n $JWT_TOKEN ]]; then export JWT_TOKEN; echo "JWT obtained: \${JWT_TOKEN:0:12}..."
else echo "Sign-in failed: \${answer:-no answer}" >&2; false; fi`,
  3: (ctx) => `# One GraphQL call: prints the answer, and fails on an error even at HTTP 200.
# An expired JWT (valid 1 hour) answers "invalid-jwt" or 401: run step 2 again.
dxtra_graphql() {
  answer=$(curl -sS -X POST ${shellQuote(ctx.graphqlUrl)} \\
    -H "Authorization: Bearer $JWT_TOKEN" \\
    -H "X-Hasura-Role: user" \\
    -H "Content-Type: application/json" \\
    -d "$1") || return
  echo "$answer"
  [[ $answer == *'"data"'* && $answer != *'"errors"'* ]]
}

# Query data controllers
dxtra_graphql ${shellQuote(JSON.stringify({ query: QUERIES.controllers }))}

# Create a data subject
${createCurl(ctx)}
DATA_SUBJECT_ID=$(printf '%s' "$answer" | sed -n 's/.*"dataSubjectId": *"\\([^"]*\\)".*/\\1/p')`,
  4: (ctx) => {
    const [head, tail] = JSON.stringify({ query: QUERIES.subject, variables: { id: '@ID@' } }).split('@ID@');
    return `# Read the data subject back: the one step 3 created${ctx.subjectId ? ' (else the app\'s)' : ''}
dxtra_graphql ${shellQuote(head)}"\${DATA_SUBJECT_ID:-${ctx.subjectId || 'DATA_SUBJECT_ID'}}"${shellQuote(tail)}
[[ $answer != *'"dataSubject":null'* && $answer != *'"dataSubject": null'* ]] || { echo "Not recorded" >&2; false; }`;
  },
};

// ── JavaScript ──────────────────────────────────────────────────────────────────────────────────

const JS = {
  1: (ctx) => `// Needs ${RUNTIMES.javascript}. Paste each step into \`node\`, or save all four
// as dxtra.mjs and run \`node dxtra.mjs\` (.mjs: the steps use top-level await).
const pat = process.env.DXTRA_PAT?.trim(); // never hard-code it
const controllerId = process.env.DXTRA_CONTROLLER_ID ?? ${JSON.stringify(controllerOr(ctx))};
if (!pat) throw new Error('Set DXTRA_PAT first');`,
  2: (ctx) => `// Exchange the PAT for a JWT (valid for session.accessTokenExpiresIn seconds).
async function signIn() {
  const response = await fetch(${JSON.stringify(signinUrl(ctx))}, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ personalAccessToken: pat }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.session) {
    throw new Error(\`Sign-in failed (HTTP \${response.status}): \${answer.message ?? answer.error ?? 'no session in the answer'}\`);
  }
  return answer.session.accessToken;
}
let jwt = await signIn();
console.log(\`JWT obtained: \${jwt.slice(0, 12)}...\`);`,
  3: (ctx) => `// One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt",
// or 401 from a proxy) is renewed once with the PAT and the call sent again.
async function graphql(query, variables = {}, renewed = false) {
  const response = await fetch(${JSON.stringify(ctx.graphqlUrl)}, {
    method: 'POST',
    headers: {
      'Authorization': \`Bearer \${jwt}\`,
      'X-Hasura-Role': 'user',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ query, variables }),
  });
  const answer = await response.json().catch(() => ({}));
  const expired = response.status === 401 || (answer.errors ?? []).some((e) => e?.extensions?.code === 'invalid-jwt');
  if (expired && !renewed) {
    jwt = await signIn();
    return graphql(query, variables, true);
  }
  if (!response.ok || answer.errors || !answer.data) {
    throw new Error(\`GraphQL failed (HTTP \${response.status}): \${answer.errors?.[0]?.message ?? answer.message ?? 'no data'}\`);
  }
  return answer.data;
}

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

const PY = {
  1: (ctx) => `# Needs ${RUNTIMES.python}. Paste each step into python3, or save all four
# as dxtra.py and run \`python3 dxtra.py\`.
import json, os, sys, urllib.error, urllib.request

pat = os.environ.get("DXTRA_PAT", "").strip()  # never hard-code it
controller_id = os.environ.get("DXTRA_CONTROLLER_ID", ${JSON.stringify(controllerOr(ctx))})
if not pat:
    sys.exit("Set DXTRA_PAT first")`,
  2: (ctx) => `def post(url, body, headers=None):
    """POSTs JSON; returns the HTTP status and the answer (text that is not JSON as a message)."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    except urllib.error.URLError as error:
        sys.exit(f"{url} did not answer: {error.reason}")
    try:
        return status, json.loads(text) or {}
    except ValueError:
        return status, {"message": text[:300].decode(errors="replace")}

def sign_in():
    """Exchanges the PAT for a JWT (valid for session["accessTokenExpiresIn"] seconds)."""
    status, answer = post(${JSON.stringify(signinUrl(ctx))}, {"personalAccessToken": pat})
    if status != 200 or not answer.get("session"):
        sys.exit(f"Sign-in failed (HTTP {status}): {answer.get('message') or answer.get('error')}")
    return answer["session"]["accessToken"]

jwt = sign_in()
print("JWT obtained:", jwt[:12] + "...")`,
  3: (ctx) => `def graphql(query, variables=None, renewed=False):
    """One GraphQL call. HTTP 200 can still be an error; an expired JWT ("invalid-jwt", or 401
    from a proxy) is renewed once with the PAT and the call sent again."""
    global jwt
    status, answer = post(${JSON.stringify(ctx.graphqlUrl)}, {"query": query, "variables": variables or {}},
                          {"Authorization": f"Bearer {jwt}", "X-Hasura-Role": "user"})
    errors = answer.get("errors") or []
    expired = status == 401 or any((e.get("extensions") or {}).get("code") == "invalid-jwt" for e in errors)
    if expired and not renewed:
        jwt = sign_in()
        return graphql(query, variables, True)
    if status != 200 or errors or not answer.get("data"):
        sys.exit(f"GraphQL failed (HTTP {status}): {errors[0].get('message') if errors else answer.get('message')}")
    return answer["data"]

print("Data controllers:", graphql(${JSON.stringify(QUERIES.controllers)})["dataControllers"])

created = graphql(${JSON.stringify(QUERIES.create)}, {
    "input": ${pyAt({ ...exampleInput(ctx), dataControllerId: '@CONTROLLER@' }, '    ').replace('"@CONTROLLER@"', 'controller_id')},
})["createDataSubject"]
print("Created:", created)`,
  4: () => `subject = graphql(${JSON.stringify(QUERIES.subject)}, {"id": created["dataSubjectId"]})["dataSubject"]
if not subject:
    sys.exit(f"Data subject {created['dataSubjectId']} is not recorded")
print("Recorded:", subject)`,
};

// ── Rust: the whole program up to the step ──────────────────────────────────────────────────────

const RUST_HELPERS = (ctx, step) => `${step >= 2 ? `use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// POSTs JSON; the HTTP status and the answer (text that is not JSON as a message).
fn post(url: &str, body: &Value, jwt: Option<&str>) -> Result<(u16, Value)> {
    let mut request = reqwest::blocking::Client::new().post(url).json(body);
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
        eprintln!("{error}");
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
