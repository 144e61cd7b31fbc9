// The equivalent code of each step in curl, JavaScript, Python and Rust, filled with the user's
// real non-secret values (URLs, controller ID, form values). Secrets stay in environment
// variables: $DXTRA_PAT and $JWT_TOKEN. Against the Sandbox the curl runs as shown.

export const LANGUAGES = Object.freeze(['curl', 'javascript', 'python', 'rust']);

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

function curlGraphql(ctx, body) {
  return [
    `curl -sS -w '\\n' -X POST ${shellQuote(ctx.graphqlUrl)} \\`,
    '  -H "Authorization: Bearer $JWT_TOKEN" \\',
    '  -H "X-Hasura-Role: user" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join('\n');
}

const JS_HELPER = (ctx) => `async function queryGraphQL(jwt, query, variables = {}) {
  const response = await fetch(${JSON.stringify(ctx.graphqlUrl)}, {
    method: 'POST',
    headers: {
      'Authorization': \`Bearer \${jwt}\`,
      'X-Hasura-Role': 'user',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(result.errors[0].message); // HTTP 200 can still be an error
  return result.data;
}`;

const PY_HELPER = (ctx) => `import os, requests

def graphql(jwt: str, query: str, variables: dict | None = None) -> dict:
    response = requests.post(
        ${JSON.stringify(ctx.graphqlUrl)},
        headers={"Authorization": f"Bearer {jwt}", "X-Hasura-Role": "user"},
        json={"query": query, "variables": variables or {}},
        timeout=60,
    )
    result = response.json()
    if "errors" in result:  # HTTP 200 can still be an error
        raise RuntimeError(result["errors"][0]["message"])
    return result["data"]`;

const RUST_HELPER = (ctx) => `// Cargo.toml: reqwest = { version = "0.12", features = ["blocking", "json"] }, serde_json = "1"
use serde_json::{json, Value};

fn graphql(jwt: &str, query: &str, variables: Value) -> Result<Value, Box<dyn std::error::Error>> {
    let result: Value = reqwest::blocking::Client::new()
        .post(${JSON.stringify(ctx.graphqlUrl)})
        .bearer_auth(jwt)
        .header("X-Hasura-Role", "user")
        .json(&json!({ "query": query, "variables": variables }))
        .send()?
        .json()?;
    if let Some(error) = result.pointer("/errors/0/message") {
        return Err(error.to_string().into()); // HTTP 200 can still be an error
    }
    Ok(result["data"].clone())
}`;

function step1(ctx) {
  return {
    curl: `# Keep the PAT out of files and history: type or paste it at the prompt.
read -rsp 'Personal Access Token: ' DXTRA_PAT && export DXTRA_PAT && echo
export DXTRA_CONTROLLER_ID=${shellQuote(ctx.controllerId || 'YOUR_CONTROLLER_ID')}`,
    javascript: `// Never hard-code the PAT: read it from the environment.
const pat = process.env.DXTRA_PAT;
const controllerId = process.env.DXTRA_CONTROLLER_ID ?? ${JSON.stringify(ctx.controllerId || 'YOUR_CONTROLLER_ID')};
if (!pat) throw new Error('Set DXTRA_PAT first');`,
    python: `import os

pat = os.environ["DXTRA_PAT"]  # never hard-code it
controller_id = os.environ.get("DXTRA_CONTROLLER_ID", ${JSON.stringify(ctx.controllerId || 'YOUR_CONTROLLER_ID')})`,
    rust: `let pat = std::env::var("DXTRA_PAT").expect("set DXTRA_PAT"); // never hard-code it
let controller_id = std::env::var("DXTRA_CONTROLLER_ID")
    .unwrap_or_else(|_| ${JSON.stringify(ctx.controllerId || 'YOUR_CONTROLLER_ID')}.to_string());`,
  };
}

function step2(ctx) {
  // The endpoint the app itself calls (normalised from what was pasted); the base + /v1 otherwise.
  const signin = ctx.signinUrl ?? `${ctx.authUrl}/v1/signin/pat`;
  return {
    curl: `export JWT_TOKEN=$(curl -sS -X POST ${shellQuote(signin)} \\
  -H "Content-Type: application/json" \\
  -d "{\\"personalAccessToken\\": \\"$DXTRA_PAT\\"}" \\
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["session"]["accessToken"])')
echo "JWT obtained: \${JWT_TOKEN:0:12}..."`,
    javascript: `async function getAccessToken(pat) {
  const response = await fetch(${JSON.stringify(signin)}, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ personalAccessToken: pat.trim() }),
  });
  if (!response.ok) throw new Error(\`Authentication failed: \${response.status}\`);
  const { session } = await response.json();
  return session; // accessToken, accessTokenExpiresIn (seconds), refreshToken
}
const session = await getAccessToken(process.env.DXTRA_PAT);`,
    python: `import os, requests

response = requests.post(${JSON.stringify(signin)},
                         json={"personalAccessToken": os.environ["DXTRA_PAT"].strip()}, timeout=30)
response.raise_for_status()
session = response.json()["session"]
jwt = session["accessToken"]  # valid for session["accessTokenExpiresIn"] seconds`,
    rust: `// Cargo.toml: reqwest = { version = "0.12", features = ["blocking", "json"] }, serde_json = "1"
let pat = std::env::var("DXTRA_PAT")?;
let answer: serde_json::Value = reqwest::blocking::Client::new()
    .post(${JSON.stringify(signin)})
    .json(&serde_json::json!({ "personalAccessToken": pat.trim() }))
    .send()?
    .error_for_status()?
    .json()?;
let jwt = answer["session"]["accessToken"].as_str().ok_or("no accessToken")?.to_string();`,
  };
}

function step3(ctx) {
  const input = exampleInput(ctx);
  const pyInput = JSON.stringify(input, null, 4).replace(/\n/g, '\n');
  return {
    curl: `# Query data controllers
${curlGraphql(ctx, { query: QUERIES.controllers })}

# Create a data subject
${curlGraphql(ctx, { query: QUERIES.create, variables: { input } })}`,
    javascript: `${JS_HELPER(ctx)}

const jwt = process.env.JWT_TOKEN;
const { dataControllers } = await queryGraphQL(jwt, ${JSON.stringify(QUERIES.controllers)});
console.log(dataControllers);

const result = await queryGraphQL(jwt, ${JSON.stringify(QUERIES.create)}, {
  input: ${JSON.stringify(input, null, 2).replace(/\n/g, '\n  ')},
});
console.log('Created:', result.createDataSubject);`,
    python: `${PY_HELPER(ctx)}

jwt = os.environ["JWT_TOKEN"]
print(graphql(jwt, ${JSON.stringify(QUERIES.controllers)})["dataControllers"])

result = graphql(jwt, ${JSON.stringify(QUERIES.create)}, {
    "input": ${pyInput.replace(/\n/g, '\n    ').replace(/: null/g, ': None')},
})
print("Created:", result["createDataSubject"])`,
    rust: `${RUST_HELPER(ctx)}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let jwt = std::env::var("JWT_TOKEN")?;
    println!("{}", graphql(&jwt, ${JSON.stringify(QUERIES.controllers)}, json!({}))?["dataControllers"]);
    let input = json!(${JSON.stringify(input, null, 4).replace(/\n/g, '\n    ')});
    let created = graphql(&jwt, ${JSON.stringify(QUERIES.create)}, json!({ "input": input }))?;
    println!("Created: {}", created["createDataSubject"]);
    Ok(())
}`,
  };
}

function step4(ctx) {
  const id = ctx.subjectId || 'DATA_SUBJECT_ID';
  return {
    curl: `# Read the data subject back
${curlGraphql(ctx, { query: QUERIES.subject, variables: { id } })}`,
    javascript: `${JS_HELPER(ctx)}

const { dataSubject } = await queryGraphQL(process.env.JWT_TOKEN, ${JSON.stringify(QUERIES.subject)}, { id: ${JSON.stringify(id)} });
console.log(dataSubject ? 'Recorded:' : 'Not found', dataSubject);`,
    python: `${PY_HELPER(ctx)}

subject = graphql(os.environ["JWT_TOKEN"], ${JSON.stringify(QUERIES.subject)}, {"id": ${JSON.stringify(id)}})["dataSubject"]
print("Recorded:" if subject else "Not found", subject)`,
    rust: `${RUST_HELPER(ctx)}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let jwt = std::env::var("JWT_TOKEN")?;
    let data = graphql(&jwt, ${JSON.stringify(QUERIES.subject)}, json!({ "id": ${JSON.stringify(id)} }))?;
    println!("{}", data["dataSubject"]);
    Ok(())
}`,
  };
}

/** The snippets of `step` (1 to 4) in every language. */
export function renderSnippets(step, ctx) {
  return [step1, step2, step3, step4][Math.min(Math.max(step, 1), 4) - 1](ctx);
}
