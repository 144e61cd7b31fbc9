//! Runs against the service in the environment (the app's Sandbox works: it shows its URLs and
//! demo PAT). `cargo test` with DXTRA_PAT set.

use dxtra_starter::{Config, DxtraClient, DxtraError};
use serde_json::json;

#[test]
fn the_guide_operations_tokens_renewed_and_errors_named() {
    let config = Config::from_env().expect("DXTRA_PAT is set");
    let mut client = DxtraClient::new(config.clone());
    let controllers = client.data_controllers().unwrap();
    assert!(controllers.iter().any(|c| c.id == config.controller_id), "controller {} is listed", config.controller_id);
    // Recording a test subject is a real write: only against this computer (the Sandbox) unless
    // DXTRA_ALLOW_WRITES=1 says the service is yours to write test data into.
    let local = ["://127.0.0.1:", "://localhost:", "://[::1]:"].iter().any(|host| config.graphql_url.contains(host));
    if local || std::env::var("DXTRA_ALLOW_WRITES").as_deref() == Ok("1") {
        let email = format!("starter-{}@example.com", std::process::id());
        let created = client.create_data_subject("signup", &config.controller_id, json!({ "email": email })).unwrap();
        assert_eq!(created.data_subject_id.len(), 36);
    } else {
        eprintln!("not recording a test subject outside the Sandbox (set DXTRA_ALLOW_WRITES=1)");
    }
    let unknown = client.create_data_subject("signup", "11111111-2222-4333-8444-555555555555", json!({ "email": "x@example.com" }));
    assert!(matches!(unknown, Err(DxtraError::ForeignKeyViolation(_))), "{unknown:?}");

    // As if the laptop slept past the expiry; then a token the server refuses: both unnoticed.
    client.expire_token();
    client.data_controllers().unwrap();
    client.spoil_token();
    client.data_controllers().unwrap();

    let mut wrong = DxtraClient::new(Config { pat: "00000000-0000-4000-8000-000000000000".into(), ..config });
    let refused = wrong.data_controllers();
    assert!(matches!(&refused, Err(DxtraError::InvalidPat { message, .. }) if message.contains("Invalid or expired")), "{refused:?}");
}
