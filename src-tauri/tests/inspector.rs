//! The Inspector through the commands: the Sandbox's record of the developer's own programs,
//! newest first, the app's own requests left out, secrets described, never their values.

mod common;

use common::*;
use serde_json::json;

#[test]
fn the_inspector_lists_other_programs_requests_not_the_apps_own_and_no_secret() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let window = window();
    assert_eq!(
        invoke(&window, "inspector_entries", json!({})).unwrap(),
        json!([]),
        "nothing before the Sandbox runs"
    );
    let status = invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    invoke(&window, "sign_in", json!({})).unwrap();
    let graphql = status["graphqlUrl"].as_str().unwrap().to_owned();

    // The developer's own program: the PAT sent where the JWT belongs.
    let pat = dxtra_sandbox::DEMO_PAT;
    let id = runtime.block_on(async {
        let answer = dxtra_tests::raw_http()
            .user_agent("node")
            .build()
            .unwrap()
            .post(&graphql)
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {pat}"))
            .body(r#"{"query": "{ dataControllers { id } }"}"#)
            .send()
            .await
            .unwrap();
        answer.headers()["x-request-id"].to_str().unwrap().to_owned()
    });
    let entries = invoke(&window, "inspector_entries", json!({})).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 1, "only the program's request, not the app's sign-in: {entries:?}");
    let entry = &entries[0];
    assert_eq!((entry["requestId"].as_str(), entry["client"].as_str()), (Some(id.as_str()), Some("Node")));
    assert_eq!(entry["explanations"][0]["rule"], "pat-as-jwt", "{entry}");
    let text = serde_json::to_string(&entries).unwrap();
    assert!(!text.contains(pat), "the PAT's value never reaches the page");
    assert!(text.contains("Bearer ⟨a Personal Access Token"), "{text}");
}
