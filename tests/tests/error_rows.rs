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
    assert_eq!(sign_in_error(&sandbox, "dxtra_pat_not_a_uuid").await.kind(), "request-validation");
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
        let op = Operation { name: "raw", query: query.to_owned(), variables, kind: OperationKind::Read };
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

    let not_uuid = client.create_data_subject(&guide_input("YOUR_CONTROLLER_ID", "a@example.com")).await.unwrap_err();
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
    let unreachable = client.create_data_subject(&guide_input(&controller, "a@example.com")).await.unwrap_err();
    assert!(unreachable.to_string().contains("http exception when calling webhook"));
    sandbox.set_action_fault(None);
    client.create_data_subject(&guide_input(&controller, "a@example.com")).await.expect("works once the handler recovers");
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

    let (status, content_type, body) = post_raw(&url, &query, &[("content-type", "application/json"), ("x-hasura-role", "user")]).await;
    assert_eq!(status, 200);
    let error = interpret_answer(&url, status, &content_type, body.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), "invalid-headers");
    assert!(error.to_string().contains("Missing 'Authorization' or 'Cookie' header in JWT authentication mode"));

    let other = dxtra_tests::sandbox().await;
    let foreign = raw_sign_in(&other, &other.info().personal_access_token).await["accessToken"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {foreign}");
    let (status, content_type, body) = post_raw(&url, &query, &[("content-type", "application/json"), ("x-hasura-role", "user"), ("authorization", &bearer)]).await;
    let error = interpret_answer(&url, status, &content_type, body.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), "invalid-jwt");
    assert!(error.to_string().contains("Could not verify JWT: JWSError JWSInvalidSignature"));
}
