//! The GraphQL console's commands over real HTTP to a sandbox: the schema for completion, whole
//! answers (errors included), mutations confirmed outside the Sandbox and sent once, documents
//! refused before sending, renewal of an expired token, and a history with no secrets in it.

mod common;

use common::*;
use dxtra_wizard_lib::keychain::SessionMemory;
use dxtra_wizard_lib::settings::MemorySettings;
use serde_json::{json, Value};

fn console() -> (tokio::runtime::Runtime, dxtra_sandbox::Sandbox, Window) {
    let (runtime, sandbox) = own_sandbox();
    let window =
        window_of(Box::new(SessionMemory::default()), Box::new(MemorySettings::default()), quick_config());
    use_custom(&window, &sandbox);
    (runtime, sandbox, window)
}

fn run(window: &Window, query: &str, variables: &str, confirmed: bool) -> Result<Value, Value> {
    invoke(
        window,
        "run_graphql",
        json!({ "request": { "query": query, "variables": variables, "confirmed": confirmed } }),
    )
}

#[test]
fn the_schema_names_the_guides_operations() {
    let (_runtime, _sandbox, window) = console();
    let schema = invoke(&window, "graphql_schema", json!({})).unwrap();
    let types = schema["__schema"]["types"].as_array().expect("types");
    let root = schema["__schema"]["queryType"]["name"].as_str().unwrap();
    let fields = |name: &str| -> Vec<String> {
        let ty = types.iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no type {name}"));
        ty["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_owned()).collect()
    };
    assert!(fields(root).contains(&"dataControllers".to_owned()));
    let mutation_root = schema["__schema"]["mutationType"]["name"].as_str().unwrap();
    assert!(fields(mutation_root).contains(&"createDataSubject".to_owned()));
}

#[test]
fn a_query_with_variables_answers_whole_and_joins_the_history() {
    let (_runtime, sandbox, window) = console();
    let controller = sandbox.info().data_controller_id.clone();
    let query = "query One($id: uuid!) { dataSubjects(where: {dataControllerId: {_eq: $id}}) { id } dataControllers { id title } }";
    let ran = run(&window, query, &format!("{{\"id\": \"{controller}\"}}"), false).unwrap();
    assert_eq!(ran["operation"], "One");
    assert_eq!(ran["kind"], "read");
    assert_eq!(ran["answer"]["data"]["dataControllers"][0]["id"], controller.as_str(), "{ran}");
    assert_eq!(ran["history"][0]["query"], query);
    assert_eq!(ran["history"][0]["ok"], true);

    // The server's refusal is an answer to show, not a failure of the app, named as the wizard
    // names it; the request log shows it failed.
    let wrong = run(&window, "{ dataControllers { nope } }", "", false).unwrap();
    assert_eq!(wrong["answer"]["errors"][0]["extensions"]["code"], "validation-failed", "{wrong}");
    assert_eq!(wrong["problem"]["kind"], "validation-failed", "{wrong}");
    assert!(wrong["problem"]["hint"].as_str().unwrap().contains("schema"));
    assert_eq!(wrong["history"][0]["ok"], false);
    assert_eq!(wrong["history"][0]["environment"], "custom");
    assert_eq!(
        wrong["history"][0]["origin"],
        sandbox.info().graphql_url.trim_end_matches("/v1/graphql"),
        "{wrong}"
    );
    let log = invoke(&window, "request_log", json!({})).unwrap();
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["operation"].as_str(), last["ok"].as_bool()), (Some("query"), Some(false)), "{last}");
    assert_eq!(invoke(&window, "console_history", json!({})).unwrap().as_array().unwrap().len(), 2);
    assert_eq!(invoke(&window, "clear_console_history", json!({})).unwrap(), json!([]));
    assert_eq!(invoke(&window, "console_history", json!({})).unwrap(), json!([]));
}

#[test]
fn a_mutation_outside_the_sandbox_is_sent_only_once_confirmed() {
    let (_runtime, sandbox, window) = console();
    let controller = sandbox.info().data_controller_id.clone();
    let mutation = "mutation Make($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }";
    let variables = subject_input(&controller, "console@example.com").to_string();
    let refused = run(&window, mutation, &variables, false).unwrap_err();
    assert_eq!(refused["kind"], "confirm-mutation", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("`Make` is a mutation"), "{refused}");
    assert_eq!(sandbox.stats().mutations, 0, "nothing was sent before the confirmation");
    let done = run(&window, mutation, &variables, true).unwrap();
    assert!(done["answer"]["data"]["createDataSubject"]["dataSubjectId"].is_string(), "{done}");
    assert_eq!(done["history"][0]["mutation"], true);
    assert_eq!(sandbox.stats().mutations, 1);

    // Its answer lost on the way back: said to be unknown, never sent again by itself.
    sandbox.set_fault_times(dxtra_sandbox::Route::GraphQl, dxtra_sandbox::Fault::Truncated, 1);
    let lost = run(&window, mutation, &subject_input(&controller, "lost@example.com").to_string(), true)
        .unwrap_err();
    assert_eq!(lost["kind"], "outcome-unknown", "{lost}");
    assert!(lost["message"].as_str().unwrap().contains("`Make` may have been carried out"), "{lost}");
    assert!(lost["hint"].as_str().unwrap().contains("Check with a query"), "{lost}");
    assert_eq!(sandbox.stats().mutations, 2, "carried out once, not repeated");

    // The action failed after Hasura passed it on: also unknown, not an ordinary error answer.
    for fault in [dxtra_sandbox::ActionFault::InternalError, dxtra_sandbox::ActionFault::Unreachable] {
        sandbox.set_action_fault(Some(fault));
        let failed =
            run(&window, mutation, &subject_input(&controller, "action@example.com").to_string(), true)
                .unwrap_err();
        assert_eq!(failed["kind"], "outcome-unknown", "{failed}");
    }
    sandbox.set_action_fault(None);
}

#[test]
fn in_the_sandbox_a_mutation_is_sent_without_asking() {
    let (_runtime, _sandbox, window) = console();
    let status = invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    let controller = status["settings"]["controllerId"].as_str().unwrap().to_owned();
    let mutation = "mutation { createDataSubject(input: {event: \"signup\", dataControllerId: \"CONTROLLER\", payload: {email: \"practice@example.com\"}}) { dataSubjectId } }".replace("CONTROLLER", &controller);
    let done = run(&window, &mutation, "", false).unwrap();
    assert!(done["answer"]["data"]["createDataSubject"]["dataSubjectId"].is_string(), "{done}");
    assert_eq!(
        (done["operation"].as_str(), done["history"][0]["environment"].as_str()),
        (Some("mutation"), Some("sandbox"))
    );

    // The same mutation again right after (a second Ctrl+Enter): asked, even in the Sandbox, and
    // sent only on a yes; another document is not asked.
    let again = run(&window, &mutation, "", false).unwrap_err();
    assert_eq!(again["kind"], "confirm-mutation", "{again}");
    assert!(again["message"].as_str().unwrap().contains("s ago: running it again does it twice"), "{again}");
    let log = |window: &Window| {
        let log = invoke(window, "request_log", json!({})).unwrap();
        // An anonymous console operation is logged by its kind.
        log.as_array().unwrap().iter().filter(|e| e["operation"] == "mutation").count()
    };
    assert_eq!(log(&window), 1, "not sent a second time");
    run(&window, &mutation, "", true).expect("sent when meant");
    assert_eq!(log(&window), 2);
    let other = mutation.replace("practice@", "other@");
    run(&window, &other, "", false).expect("another subject is not asked");
}

#[test]
fn bad_documents_and_variables_are_refused_before_sending() {
    let (_runtime, sandbox, window) = console();
    invoke(&window, "sign_in", json!({})).unwrap();
    let before = sandbox.stats().graphql_requests;
    let deep = format!("{{{}", "{".repeat(100_000));
    let cases: [(&str, &str, &str, &str); 6] = [
        ("{ dataControllers { id }", "", "invalid-document", "does not parse"),
        (
            "query A { dataControllers { id } } query B { dataControllers { title } }",
            "",
            "invalid-document",
            "pick the one",
        ),
        ("subscription { dataControllers { id } }", "", "invalid-document", "WebSocket"),
        ("{ dataControllers { id } }", "{\"id\": }", "invalid-input", "line 1, column 8"),
        ("{ dataControllers { id } }", "[1]", "invalid-input", "must be a JSON object"),
        (&deep, "", "invalid-document", "levels deep"),
    ];
    for (query, variables, kind, words) in cases {
        let error = run(&window, query, variables, false).unwrap_err();
        assert_eq!(error["kind"], kind, "{query}: {error}");
        assert!(error["message"].as_str().unwrap().contains(words), "{query}: {error}");
        assert!(!error["hint"].as_str().unwrap().is_empty());
    }
    assert_eq!(sandbox.stats().graphql_requests, before, "nothing reached the server");
    // Picking one of several operations by name sends only that one.
    let picked =
        invoke(&window, "run_graphql", json!({ "request": { "query": cases[1].0, "operationName": "B" } }))
            .unwrap();
    assert!(picked["answer"]["data"]["dataControllers"][0]["title"].is_string(), "{picked}");
    assert!(picked["answer"]["data"]["dataControllers"][0].get("id").is_none());
}

#[test]
fn an_expired_token_is_renewed_and_the_query_still_answers() {
    let (_runtime, sandbox, window) = console();
    invoke(&window, "sign_in", json!({})).unwrap();
    sandbox.expire_access_tokens();
    let ran = run(&window, "{ dataControllers { id } }", "", false).unwrap();
    assert!(ran["answer"]["data"]["dataControllers"].is_array(), "{ran}");
    assert!(ran["answer"].get("errors").is_none(), "the refusal was handled, not shown: {ran}");
    let stats = sandbox.stats();
    assert_eq!(stats.signins + stats.refreshes, 2, "one renewal: {stats:?}");
}

#[test]
fn no_secret_is_sent_kept_or_shown() {
    let (_runtime, sandbox, window) = console();
    invoke(&window, "sign_in", json!({})).unwrap();
    let pat = sandbox.info().personal_access_token.clone();
    // The PAT (in any case) in the text or the variables: refused before sending.
    let before = sandbox.stats().graphql_requests;
    for (query, variables) in [
        (format!("{{ dataControllers {{ id }} }} # {pat}"), String::new()),
        (
            "query Q($p: String) { dataControllers { id } }".to_owned(),
            format!("{{\"p\": \"{}\"}}", pat.to_uppercase()),
        ),
    ] {
        let refused = run(&window, &query, &variables, false).unwrap_err();
        assert_eq!(refused["kind"], "invalid-input", "{refused}");
        assert!(refused["message"].as_str().unwrap().contains("nothing was sent"), "{refused}");
    }
    assert_eq!(sandbox.stats().graphql_requests, before);

    // A JWT-shaped text is stored as [redacted]; the log shows the request redacted too.
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    run(&window, "query Q($t: String) { dataControllers { id } }", &format!("{{\"t\": \"{jwt}\"}}"), false)
        .unwrap();
    let history = invoke(&window, "console_history", json!({})).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["variables"], "{\"t\": \"[redacted]\"}");

    // An answer echoing the token and the PAT (a deployment that exposes its action's request):
    // shown and logged redacted.
    let token =
        sandbox.issued_secrets().into_iter().find(|s| s.starts_with("eyJ")).expect("a JWT was issued");
    let echo = json!({ "data": null, "errors": [{ "message": format!("webhook failed for {}", pat.to_uppercase()),
        "extensions": { "code": "unexpected", "internal": { "request": { "headers": { "Authorization": format!("Bearer {token}") } } } } }] });
    sandbox.set_fault_times(
        dxtra_sandbox::Route::GraphQl,
        dxtra_sandbox::Fault::Json { status: 200, body: echo.to_string() },
        1,
    );
    let shown = run(&window, "{ dataControllers { id } }", "", false).unwrap();
    assert_eq!(
        shown["answer"]["errors"][0]["extensions"]["internal"]["request"]["headers"]["Authorization"],
        "Bearer [redacted]",
        "{shown}"
    );
    assert_eq!(shown["answer"]["errors"][0]["message"], "webhook failed for [redacted]");
    let everything = format!(
        "{shown}{}{}",
        invoke(&window, "request_log", json!({})).unwrap(),
        invoke(&window, "console_history", json!({})).unwrap()
    );
    for secret in sandbox.issued_secrets().iter().chain([&pat]) {
        assert!(
            !everything.to_ascii_lowercase().contains(&secret.to_ascii_lowercase()),
            "{secret} reached the page: {everything}"
        );
    }
}

#[test]
fn a_create_while_a_console_mutation_is_in_flight_names_the_console_one() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    invoke(&window, "sign_in", json!({})).unwrap();
    let controller = sandbox.info().data_controller_id.clone();
    sandbox.set_fault(
        dxtra_sandbox::Route::GraphQl,
        dxtra_sandbox::Fault::Delay(std::time::Duration::from_millis(1500)),
    );
    let console = {
        let window = window.clone();
        let query = format!("mutation {{ createDataSubject(input: {{ event: \"signup\", dataControllerId: \"{controller}\", payload: {{ email: \"console@example.com\" }} }}) {{ dataSubjectId }} }}");
        std::thread::spawn(move || {
            invoke(&window, "run_graphql", json!({ "request": { "query": query, "confirmed": true } }))
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(400));
    let refused =
        invoke(&window, "create_data_subject", subject_input(&controller, "step3@example.com")).unwrap_err();
    assert_eq!(refused["kind"], "mutation-in-flight", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().starts_with("a mutation from the console is being sent"),
        "{refused}"
    );
    let _ = console.join();
}
