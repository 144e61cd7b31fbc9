//! Each error of the contract, produced by the sandbox over HTTP and classified by the client.

use dxtra_api::{interpret_answer, Operation, OperationKind};
use dxtra_tests::*;
use serde_json::json;

async fn sign_in_error(sandbox: &Sandbox, pat: &str) -> ApiError {
    client_with_pat(sandbox, pat, test_config()).await.sign_in().await.unwrap_err()
}

#[tokio::test]
async fn auth_errors_have_their_own_kinds_and_fixes() {
    let sandbox = sandbox().await;
    let wrong = "00000000-0000-4000-8000-000000000000";

    let error = sign_in_error(&sandbox, wrong).await;
    assert_eq!(error.kind(), "invalid-pat");
    assert!(error.to_string().contains("Invalid or expired personal access token"));
    assert!(error.hint().contains("API Keys"));

    // hasura-auth validates the body first: a PAT not in UUID form never reaches the lookup.
    assert_eq!(sign_in_error(&sandbox, "dxtra_pat_not_a_uuid").await.kind(), "pat-not-uuid");
    assert_eq!(sign_in_error(&sandbox, "").await.kind(), "missing-pat");

    sandbox.set_user_disabled(true);
    assert_eq!(sign_in_error(&sandbox, &sandbox.info().personal_access_token).await.kind(), "disabled-user");
    sandbox.set_user_disabled(false);

    sandbox.set_conceal_errors(true);
    let concealed = sign_in_error(&sandbox, wrong).await;
    assert_eq!(concealed.kind(), "invalid-request");
    assert!(concealed.to_string().contains("The request payload is incorrect"));
    sandbox.set_conceal_errors(false);

    sandbox.set_fault(Route::SignIn, Fault::DxtraError { status: 400, message: "Invalid API key".into() });
    let dxtra = sign_in_error(&sandbox, wrong).await;
    assert_eq!(dxtra.kind(), "dxtra-error");
    assert!(dxtra.to_string().contains("Invalid API key"));
}

#[tokio::test]
async fn a_wrong_auth_base_url_is_a_plain_text_404() {
    let sandbox = sandbox().await;
    let env = Environment::Custom {
        auth_url: format!("{}/auth", sandbox.info().auth_url),
        graphql_url: sandbox.info().graphql_url.clone(),
    };
    let client = DxtraClient::new(&env, test_config()).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "not-found");
    assert!(error.hint().contains("auth URL"));
}

#[tokio::test]
async fn graphql_validation_errors_come_back_at_http_200_and_fail() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    let run = |query: &str, variables| {
        let op = Operation {
            name: "raw".into(),
            query: query.to_owned(),
            variables,
            kind: OperationKind::Read,
            operation_name: None,
        };
        let client = &client;
        async move { client.execute(&op).await.unwrap_err() }
    };
    let unknown = run("query { nope }", json!({})).await;
    assert_eq!(unknown.kind(), "validation-failed");
    assert!(unknown.to_string().contains("field 'nope' not found in type: 'query_root'"), "{unknown}");

    let unparsable = run("query { dataControllers { id ", json!({})).await;
    assert_eq!(unparsable.kind(), "validation-failed");
    assert!(unparsable.to_string().contains("not a valid graphql query"));

    let missing = run(dxtra_api::CREATE_DATA_SUBJECT_MUTATION, json!({})).await;
    assert_eq!(missing.kind(), "validation-failed");
    assert!(missing.to_string().contains("expecting a value for non-nullable variable: \"input\""));
}

#[tokio::test]
async fn data_errors_of_create_data_subject() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;

    let unknown = client
        .create_data_subject(&guide_input("11111111-2222-4333-8444-555555555555", "a@example.com"))
        .await
        .unwrap_err();
    assert_eq!(unknown.kind(), "foreign-key-violation");
    assert!(unknown.to_string().contains("Foreign key violation"));
    assert!(unknown.hint().contains("Verify ID from dashboard"));

    let not_uuid =
        client.create_data_subject(&guide_input("YOUR_CONTROLLER_ID", "a@example.com")).await.unwrap_err();
    assert_eq!(not_uuid.kind(), "data-exception");
    assert!(not_uuid.to_string().contains("invalid input syntax for type uuid: \"YOUR_CONTROLLER_ID\""));

    let controller = sandbox.info().data_controller_id.clone();
    let bad_email = client.create_data_subject(&guide_input(&controller, "not-an-email")).await.unwrap_err();
    assert_eq!(bad_email.kind(), "action-failed");
    assert!(bad_email.to_string().contains("not a valid email"));

    sandbox.set_action_fault(Some(ActionFault::InternalError));
    let internal = client.create_data_subject(&guide_input(&controller, "a@example.com")).await.unwrap_err();
    assert_eq!((internal.kind(), internal.to_string().contains("internal error")), ("action-failed", true));
    sandbox.set_action_fault(Some(ActionFault::Unreachable));
    let unreachable =
        client.create_data_subject(&guide_input(&controller, "a@example.com")).await.unwrap_err();
    assert!(unreachable.to_string().contains("http exception when calling webhook"));
    sandbox.set_action_fault(None);
    client
        .create_data_subject(&guide_input(&controller, "a@example.com"))
        .await
        .expect("works once the handler recovers");
    assert!(client.data_subjects(&controller).await.unwrap().len() == 1, "failed calls stored nothing");
}

#[tokio::test]
async fn a_user_without_the_user_role_is_denied() {
    let sandbox = sandbox().await;
    sandbox.set_user_roles(&["me"]);
    let client = client(&sandbox).await;
    let denied = client.data_controllers().await.unwrap_err();
    assert_eq!(denied.kind(), "access-denied");
    assert!(denied.to_string().contains("Your requested role is not in allowed roles"));
    assert!(denied.hint().contains("X-Hasura-Role: user"));
}

/// Answers the client itself never provokes (it always sends both headers, and only its own
/// tokens), produced over raw HTTP and read by the client's own interpretation.
#[tokio::test]
async fn missing_authorization_and_a_foreign_signature() {
    let sandbox = sandbox().await;
    let url = sandbox.info().graphql_url.clone();
    let query = json!({ "query": dxtra_api::DATA_CONTROLLERS_QUERY }).to_string();

    let (status, content_type, body) =
        post_raw(&url, &query, &[("content-type", "application/json"), ("x-hasura-role", "user")]).await;
    assert_eq!(status, 200);
    let error =
        interpret_answer(&url, status, &content_type, body.as_bytes(), OperationKind::Read).unwrap_err();
    assert_eq!(error.kind(), "invalid-headers");
    assert!(error
        .to_string()
        .contains("Missing 'Authorization' or 'Cookie' header in JWT authentication mode"));

    let other = dxtra_tests::sandbox().await;
    let foreign = raw_sign_in(&other, &other.info().personal_access_token).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {foreign}");
    let (status, content_type, body) = post_raw(
        &url,
        &query,
        &[("content-type", "application/json"), ("x-hasura-role", "user"), ("authorization", &bearer)],
    )
    .await;
    let error =
        interpret_answer(&url, status, &content_type, body.as_bytes(), OperationKind::Read).unwrap_err();
    assert_eq!(error.kind(), "invalid-jwt");
    assert!(error.to_string().contains("Could not verify JWT: JWSError JWSInvalidSignature"));
}

// --- Answers besides the examples: each named by what it is (contract, "Answers besides the examples").

fn json_fault(status: u16, body: &str) -> Fault {
    Fault::Json { status, body: body.to_owned() }
}

/// Keeps what the client reports, as the app's request log does.
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<String>>);

impl dxtra_api::Observer for Recorder {
    fn observe(&self, exchange: dxtra_api::Exchange<'_>) {
        let outcome = match exchange.outcome {
            Ok(value) => value.to_string(),
            Err(error) => serde_json::to_string(error).unwrap(),
        };
        self.0.lock().unwrap().push(format!("{} {}", exchange.operation, outcome));
    }
}

#[tokio::test]
async fn auth_answering_5xx_with_json_is_a_server_failure_retried_on_sign_in() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    sandbox.set_fault_times(Route::SignIn, json_fault(503, r#"{"error":"Service Unavailable"}"#), 1);
    client.sign_in().await.expect("the retry after one 503 gets through");
    assert_eq!(sandbox.stats().signin_requests, 2);

    sandbox.set_fault(Route::SignIn, json_fault(503, r#"{"error":"Service Unavailable"}"#));
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "server-error", "{error}");
    assert!(!error.hint().contains("paste"), "not the PAT's fault: {}", error.hint());
}

#[tokio::test]
async fn dxtras_error_body_at_401_on_sign_in_is_an_invalid_pat_and_at_200_on_graphql_keeps_its_message() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    sandbox.set_fault(Route::SignIn, Fault::DxtraError { status: 401, message: "Invalid API key".into() });
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "invalid-pat");
    assert!(error.to_string().contains("Invalid API key"));
    assert!(error.hint().contains("Edit the PAT"));
    sandbox.clear_faults();

    client.sign_in().await.unwrap();
    sandbox.set_fault(
        Route::GraphQl,
        Fault::DxtraError { status: 200, message: "Quota exceeded for this organization".into() },
    );
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "dxtra-error");
    assert!(error.to_string().contains("Quota exceeded for this organization"), "{error}");
}

#[tokio::test]
async fn a_graphql_error_without_extensions_says_what_the_server_said() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.set_fault(
        Route::GraphQl,
        json_fault(200, r#"{"errors":[{"message":"query depth limit exceeded"}]}"#),
    );
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "graphql-error");
    assert_eq!(error.to_string(), "the GraphQL server answered with an error: query depth limit exceeded");
}

#[tokio::test]
async fn unexpected_on_a_read_is_a_database_error_not_the_action() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.set_fault(Route::GraphQl, json_fault(200, r#"{"errors":[{"message":"database query error","extensions":{"path":"$","code":"unexpected"}}]}"#));
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "database-error");
    assert!(!error.to_string().contains("createDataSubject"), "{error}");
}

#[tokio::test]
async fn an_html_401_or_403_from_a_proxy_is_the_proxys_refusal_without_a_sign_in_loop() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    for status in [401, 403] {
        sandbox.set_fault(Route::GraphQl, Fault::HtmlPage(status));
        let signins = sandbox.stats().signin_requests;
        let error = client.data_controllers().await.unwrap_err();
        assert_eq!(error.kind(), "proxy-refused", "{status}: {error}");
        assert!(error.to_string().contains("proxy"), "{error}");
        assert!(!error.hint().contains("role"), "not the user's role: {}", error.hint());
        assert_eq!(sandbox.stats().signin_requests, signins, "{status}: no sign-in was attempted");
        assert_eq!(sandbox.stats().refreshes, 0);
    }
}

#[tokio::test]
async fn an_html_502_from_a_proxy_does_not_blame_dxtra() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.set_fault(Route::GraphQl, Fault::HtmlPage(502));
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "proxy-error");
    assert!(
        !error.to_string().contains("Dxtra") && !error.hint().contains("Dxtra"),
        "{error} / {}",
        error.hint()
    );
}

#[tokio::test]
async fn a_proxys_own_message_in_a_json_401_is_kept_in_the_request_log() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    let recorder = std::sync::Arc::new(Recorder::default());
    client.set_observer(recorder.clone());
    client.sign_in().await.unwrap();
    sandbox.set_fault(Route::GraphQl, json_fault(401, r#"{"message":"JWT token has expired"}"#));
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "invalid-jwt");
    let log = recorder.0.lock().unwrap().join("\n");
    assert!(log.contains("dataControllers") && log.contains("JWT token has expired"), "{log}");
}

#[tokio::test]
async fn null_in_non_essential_fields_is_still_a_success() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.set_fault(Route::GraphQl, json_fault(200, r#"{"data":{"createDataSubject":{"dataSubjectId":"7d3b8c1e-0000-4000-8000-000000000001","message":null}}}"#));
    let created = client
        .create_data_subject(&guide_input(&sandbox.info().data_controller_id, "a@example.com"))
        .await
        .unwrap();
    assert_eq!(created.data_subject_id, "7d3b8c1e-0000-4000-8000-000000000001");
    assert_eq!(created.message, None);

    sandbox.set_fault(Route::GraphQl, json_fault(200, r#"{"data":{"dataControllers":[
        {"id":"0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db","title":null,"did":"did:dep:1","createdAt":"2026-01-01T00:00:00Z"},
        {"id":"1c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db","title":"Second","did":null,"createdAt":null,"newField":1}]}}"#));
    let controllers = client.data_controllers().await.unwrap();
    assert_eq!(controllers.len(), 2, "every controller is listed");
    assert_eq!(controllers[0].title, None);
    assert_eq!(controllers[1].did, None);
}

#[tokio::test]
async fn a_subject_can_be_found_by_its_email_where_the_server_offers_the_read() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    let controller = sandbox.info().data_controller_id.clone();
    assert!(client.verification_reads().await.unwrap().subject_by_email);
    assert_eq!(client.subject_by_email(&controller, "nobody@example.com").await.unwrap(), None);
    let created = client.create_data_subject(&guide_input(&controller, "Found@Example.com")).await.unwrap();
    let found =
        client.subject_by_email(&controller, " found@example.com").await.unwrap().expect("found by email");
    assert_eq!(found.id, created.data_subject_id);
}
