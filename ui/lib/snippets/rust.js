// The Rust snippets (reqwest blocking + serde_json): the helpers `post`, `message`, `sign_in` and
// `graphql` (which renews an expired JWT once), the whole program up to a step (Rust cannot be
// pasted piece by piece), the console's operation as a program, and Rust's string literals (raw
// and escaped). The PAT only from $DXTRA_PAT. Only the text: no compiling it, no other language.

import { QUERIES, RUNTIMES, controllerOr, exampleInput, jsonAt, noProxyNote, practicePatNote, signinUrl } from './common.js';

/** The helpers the program up to `step` needs: `post`, `message` and `sign_in` from step 2, `graphql` from 3. */
export const RUST_HELPERS = (ctx, step) => `${step >= 2 ? `use serde_json::{json, Value};

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

/** The whole program up to `step` (1 to 4). */
export function rustProgram(ctx, step) {
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
  return `${cargo}${noProxyNote(ctx, '//')}${practicePatNote(ctx, '//')}
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

/** A Rust raw string literal of `text`, with enough #s that nothing in it ends it early. */
export function rustRaw(text) {
  const longest = Math.max(0, ...[...text.matchAll(/"(#*)/g)].map((m) => m[1].length));
  const hashes = '#'.repeat(longest + 1);
  return `r${hashes}"${text}"${hashes}`;
}

/** A Rust string literal of `text` (JSON's escapes, with \uXXXX as Rust spells it). */
export const rustString = (text) => JSON.stringify(text).replace(/\\u([0-9a-fA-F]{4})/g, '\\u{$1}');

/** The console's operation `op` ({query, variables, label}, variables an object) as src/main.rs. */
export function rustOperation(ctx, { query, variables, label }) {
  return `// Runs ${label} from the console. Needs ${RUNTIMES.rust}: \`cargo new dxtra-op\`, this as
// src/main.rs, and in Cargo.toml:
//   [dependencies]
//   reqwest = { version = "0.12", features = ["blocking", "json"] }
//   serde_json = "1"
// Then \`cargo run\` with DXTRA_PAT set.${practicePatNote(ctx, '//')}
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
    let data = graphql(&mut jwt, &pat, ${rustString(query)}, variables)?;
    println!("{data:#}");
    Ok(())
}
`;
}
