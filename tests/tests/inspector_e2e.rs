//! End-to-end: the Inspector as a developer meets it, in the real window, with the app's own
//! Sandbox (tokens shortened to 5 s with `DXTRA_SANDBOX_TOKEN_LIFETIME`): a real Node script
//! that reuses its JWT after it expired, curl's usual mistakes (the PAT as Bearer, a typo,
//! another controller, a GET) and the starter project's own test. Each is found by its
//! `X-Request-Id`, says what was wrong with its Common Errors row lit and the fix in the
//! client's language; no token reaches the page, an IPC answer or a file.
//! Needs a desktop session: `tests/run.sh` runs it inside `tests/e2e/with-desktop.sh`.

mod desktop;

use std::process::Command;

use desktop::*;
use dxtra_tests::*;
use serde_json::{json, Value};

const CURL: &str = "curl/8.5.0";

/// Reuses its JWT after it expired: prints the two requests' ids, the second's code, and the JWT
/// (for the test's leak scan only).
const NODE_SCRIPT: &str = r#"
const [signin, graphql, pat] = process.argv.slice(2);
const signIn = await fetch(signin, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personalAccessToken: pat }) });
const { session } = await signIn.json();
const ask = async () => {
  const answer = await fetch(graphql, { method: 'POST', headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ dataControllers { id } }' }) });
  return { id: answer.headers.get('x-request-id'), body: await answer.json() };
};
const first = await ask();
await new Promise((resolve) => setTimeout(resolve, 6500));
const second = await ask();
console.log(JSON.stringify({ first: first.id, expired: second.id, code: second.body.errors?.[0]?.extensions?.code, jwt: session.accessToken }));
"#;

/// What one entry must show when found by its id: the explanation's words, the row, the fix.
struct Expect<'a> {
    id: String,
    what: &'a str,
    row: Option<&'a str>,
    fix_starts: Option<&'a str>,
}

async fn find_and_read(app: &App, expect: &Expect<'_>) {
    app.fill("#inspector-search", &expect.id).await;
    app.until(
        &format!("the search finds {} alone", expect.id),
        "return document.querySelectorAll('#inspector-list li').length === 1",
    )
    .await;
    app.click("#inspector-list summary").await;
    app.until(
        &format!("{}'s explanation shows", expect.id),
        &format!(
            "return [...document.querySelectorAll('#inspector-list .explanation')].some((p) => p.textContent.includes({}))",
            json!(expect.what)
        ),
    )
    .await;
    let shown = app.js("return document.querySelector('#inspector-list details').textContent").await;
    assert!(shown.as_str().unwrap_or_default().contains(&expect.id), "the entry shows its X-Request-Id");
    if let Some(row) = expect.row {
        assert_eq!(
            app.js("return document.querySelector('#errors-table tr.hit')?.dataset.id").await,
            json!(row)
        );
    }
    if let Some(start) = expect.fix_starts {
        let fix = app.text("#inspector-list pre.fix").await;
        assert!(fix.starts_with(start), "the fix in the client's language ({start}): {fix}");
    }
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn a_developers_own_programs_are_shown_explained_and_found_by_their_request_id() {
    clear_keychain();
    let home = temp_home("inspector");
    let app = App::launch_with(&home, &[("DXTRA_SANDBOX_TOKEN_LIFETIME", "5")]).await;
    app.step_shown(1).await;
    app.until(
        "the sandbox URLs show",
        "return document.getElementById('env-urls').textContent.includes('127.0.0.1')",
    )
    .await;
    let status = app.ipc("get_settings", json!({})).await["ok"].clone();
    let endpoint = |name: &str| {
        status["endpoints"][name].as_str().unwrap_or_else(|| panic!("the Sandbox runs: {status}")).to_owned()
    };
    let (signin, graphql) = (endpoint("signinUrl"), endpoint("graphqlUrl"));
    let pat = dxtra_sandbox::DEMO_PAT;
    let mut jwts = Vec::new();

    // A Node script that keeps its JWT past its expiry.
    let scratch_dir = dxtra_tests::network::scratch("inspector-node");
    let script = scratch_dir.join("reuse.mjs");
    std::fs::write(&script, NODE_SCRIPT).unwrap();
    let node = Command::new("node").arg(&script).args([&signin, &graphql, pat]).output().expect("node runs");
    assert!(node.status.success(), "{}", String::from_utf8_lossy(&node.stderr));
    let node: Value = serde_json::from_slice(&node.stdout).expect("the script's line");
    assert_eq!(node["code"], json!("invalid-jwt"), "the Sandbox refused the expired JWT: {node}");
    jwts.push(node["jwt"].as_str().unwrap().to_owned());

    // curl's usual mistakes, each with a fresh JWT.
    let curl = raw_http().user_agent(CURL).build().unwrap();
    let session: Value = curl
        .post(&signin)
        .header("content-type", "application/json")
        .body(json!({ "personalAccessToken": pat }).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwt = session["session"]["accessToken"].as_str().unwrap().to_owned();
    jwts.push(jwt.clone());
    let post = |bearer: &str, body: String| {
        curl.post(&graphql)
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {bearer}"))
            .body(body)
            .send()
    };
    let id = |answer: reqwest::Response| answer.headers()["x-request-id"].to_str().unwrap().to_owned();
    let as_bearer = id(post(pat, r#"{"query": "{ dataControllers { id } }"}"#.into()).await.unwrap());
    let typo = id(post(&jwt, r#"{"query": "{ dataControlers { id } }"}"#.into()).await.unwrap());
    let foreign = json!({
        "query": "mutation ($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId } }",
        "variables": { "input": { "event": "signup", "dataControllerId": "00000000-0000-4000-8000-000000000000", "payload": { "email": "someone@example.com" } } }
    });
    let foreign = id(post(&jwt, foreign.to_string()).await.unwrap());
    let get = id(curl.get(&graphql).header("authorization", format!("Bearer {jwt}")).send().await.unwrap());

    // The starter project's own test, as the app says to run it.
    let folder = scratch_dir.join("starter");
    let written = app
        .ipc("create_starter", json!({ "language": "python", "folder": folder.display().to_string() }))
        .await;
    let next = written["ok"]["next"].as_str().unwrap_or_else(|| panic!("the starter: {written}")).to_owned();
    let run =
        Command::new("bash").args(["-c", &next]).env("NO_PROXY", "127.0.0.1,localhost").output().unwrap();
    assert!(
        run.status.success(),
        "the starter's test passes as pasted: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );

    // In the window: each found by its id, explained, its row lit, the fix in its language.
    app.click("#nav-6").await;
    app.step_shown(6).await;
    let expired = node["expired"].as_str().unwrap().to_owned();
    let first = node["first"].as_str().unwrap().to_owned();
    app.until(
        "the Node script's requests are listed",
        "return document.getElementById('inspector-list').textContent.includes('Node · POST /v1/graphql')",
    )
    .await;
    for expect in [
        Expect {
            id: expired,
            what: "The JWT expired",
            row: Some("unauthorized"),
            fix_starts: Some("const { session }"),
        },
        Expect {
            id: as_bearer,
            what: "The Personal Access Token was sent where the JWT belongs",
            row: Some("unauthorized"),
            fix_starts: Some("curl "),
        },
        Expect {
            id: typo,
            what: "\"dataControlers\" the schema does not have. Did you mean `dataControllers`?",
            row: None,
            fix_starts: None,
        },
        Expect {
            id: foreign,
            what: "a controller this token cannot see",
            row: Some("foreign-key"),
            fix_starts: None,
        },
        Expect {
            id: get,
            what: "GET /v1/graphql: this endpoint takes POST",
            row: None,
            fix_starts: Some("curl "),
        },
    ] {
        find_and_read(&app, &expect).await;
    }
    // The Node script's first request was fine: nothing is said against it.
    app.fill("#inspector-search", &first).await;
    app.until(
        "the first request alone",
        "return document.querySelectorAll('#inspector-list li').length === 1",
    )
    .await;
    assert_eq!(app.js("return document.querySelector('#inspector-list li').className").await, json!("ok"));
    // The starter's test: Python, signing in and calling GraphQL, found by its client's name.
    app.fill("#inspector-search", "Python").await;
    app.until(
        "the starter's requests are listed",
        "return [...document.querySelectorAll('#inspector-list summary')].some((s) => s.textContent.includes('Python · POST /v1/graphql · 200'))",
    )
    .await;
    app.screenshot("inspector-programs").await;

    // No token on the page (the practice PAT only where it is offered), in IPC, or in a file.
    let page = app
        .js("const copy = document.documentElement.cloneNode(true); copy.querySelector('#inspector-pat').remove(); copy.querySelector('#code-text').remove(); return copy.outerHTML")
        .await
        .to_string();
    let entries = app.ipc("inspector_entries", json!({})).await.to_string();
    assert!(entries.contains("a JWT issued"), "the tokens are described");
    for secret in jwts.iter().map(String::as_str).chain([pat]) {
        assert!(!page.contains(secret), "a secret on the page");
        assert!(!entries.contains(secret), "a secret in the Inspector's IPC answer");
    }
    app.quit().await;
    for file in files_under(&home) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for jwt in &jwts {
            assert!(!contains(&bytes, jwt), "a JWT in {}", file.display());
        }
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn recording_a_programs_calls_elsewhere_is_started_shown_while_on_and_stopped() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let home = temp_home("recording");
    let app = App::launch(&home).await;
    app.save_custom(
        &info.auth_url,
        &info.graphql_url,
        &info.personal_access_token,
        Some(&info.data_controller_id),
    )
    .await;
    app.click("#nav-6").await;
    app.step_shown(6).await;
    assert_eq!(
        app.js("return document.getElementById('recording-badge').hidden").await,
        json!(true),
        "off by default"
    );
    app.click("#record-start").await;
    app.until("the indicator shows", "return !document.getElementById('recording-badge').hidden").await;
    assert_eq!(app.focused().await, "record-stop", "the focus moves to Stop");
    let status = app.ipc("get_settings", json!({})).await["ok"].clone();
    let (auth, graphql) = (
        status["forwarder"]["authUrl"].as_str().unwrap().to_owned(),
        status["forwarder"]["graphqlUrl"].as_str().unwrap().to_owned(),
    );
    assert!(app.text("#record-urls").await.contains(&graphql), "the page says where to point the program");

    // curl through the forwarder: answered by the environment, listed live, explained.
    let curl = raw_http().user_agent(CURL).build().unwrap();
    let session: Value = curl
        .post(format!("{auth}/signin/pat"))
        .header("content-type", "application/json")
        .body(json!({ "personalAccessToken": info.personal_access_token }).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwt = session["session"]["accessToken"].as_str().expect("signed in through the forwarder").to_owned();
    let typo = curl
        .post(&graphql)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {jwt}"))
        .body(r#"{"query": "{ dataControlers { id } }"}"#)
        .send()
        .await
        .unwrap();
    let id = typo.headers()["x-request-id"].to_str().unwrap().to_owned();
    app.until("both calls are listed", "return document.querySelectorAll('#inspector-list li').length === 2")
        .await;
    find_and_read(&app, &Expect { id, what: "Did you mean `dataControllers`?", row: None, fix_starts: None })
        .await;
    // Still on in another step.
    app.click("#nav-1").await;
    app.step_shown(1).await;
    assert_eq!(app.js("return document.getElementById('recording-badge').hidden").await, json!(false));
    app.click("#nav-6").await;
    app.step_shown(6).await;
    app.screenshot("inspector-recording").await;
    app.assert_accessible("the Inspector, recording").await;
    let page = app.js("return document.documentElement.outerHTML").await.to_string();
    assert!(!page.contains(&jwt) && !page.contains(&info.personal_access_token), "no token on the page");
    app.click("#record-stop").await;
    app.until("the indicator goes", "return document.getElementById('recording-badge').hidden").await;
    assert!(
        raw_http().build().unwrap().get(&graphql).send().await.is_err(),
        "stopped: the port no longer answers"
    );
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}
