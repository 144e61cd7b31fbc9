//! Custom endpoints as people paste them: every form of the two URLs reaches the right endpoints
//! over real HTTP, a server without `/v1` is found by "Check connection" (which sends no PAT), and
//! a PAT that is not UUID-shaped is named in plain words.

use dxtra_api::{check_connection, UrlState};
use dxtra_tests::*;

fn custom(auth: &str, graphql: &str) -> Environment {
    Environment::Custom { auth_url: auth.to_owned(), graphql_url: graphql.to_owned() }
}

/// The sandbox's bare origins, e.g. `http://127.0.0.1:4000` and `http://127.0.0.1:4001`.
fn origins(sandbox: &Sandbox) -> (String, String) {
    let graphql = sandbox.info().graphql_url.trim_end_matches("/v1/graphql").to_owned();
    (sandbox.info().auth_url.clone(), graphql)
}

#[tokio::test]
async fn every_pasted_form_of_both_urls_signs_in_and_reads() {
    let sandbox = sandbox().await;
    let (auth, api) = origins(&sandbox);
    for auth_url in [auth.clone(), format!("{auth}/"), format!("{auth}/v1"), format!("{auth}/v1/signin/pat")]
    {
        for graphql_url in [api.clone(), format!("{api}/v1/graphql")] {
            let client = DxtraClient::new(&custom(&auth_url, &graphql_url), test_config()).unwrap();
            client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
            assert_eq!(client.endpoints().signin_pat(), format!("{auth}/v1/signin/pat"), "{auth_url}");
            client.sign_in().await.unwrap_or_else(|e| panic!("{auth_url} {graphql_url}: {e}"));
            client.data_controllers().await.unwrap_or_else(|e| panic!("{auth_url} {graphql_url}: {e}"));
        }
    }
    assert_eq!(sandbox.stats().signins, 8);
}

#[tokio::test]
async fn a_server_without_v1_is_found_by_the_check_and_its_corrected_url_works() {
    let sandbox = sandbox_with(|c| c.auth_v1 = false).await;
    let (auth, api) = origins(&sandbox);
    let pasted = custom(&auth, &api).endpoints().unwrap();

    // As pasted, the app would call /v1/signin/pat: nothing answers there.
    let client = DxtraClient::new(&custom(&auth, &api), test_config()).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    assert_eq!(client.sign_in().await.unwrap_err().kind(), "not-found");

    let check = check_connection(&pasted, test_config()).await.unwrap();
    assert_eq!(check.auth.state, UrlState::Wrong, "{check:?}");
    assert!(check.auth.summary.contains("without /v1"), "{}", check.auth.summary);
    let corrected = check.auth.corrected.clone().expect("a corrected URL");
    assert_eq!(corrected, format!("{auth}/signin/pat"));
    assert_eq!(check.graphql.state, UrlState::Ok, "{check:?}");
    assert_eq!(sandbox.stats().signin_requests, 1, "the check sent nothing to the sign-in route");

    let fixed = custom(&corrected, &api);
    assert_eq!(
        check_connection(&fixed.endpoints().unwrap(), test_config()).await.unwrap().auth.state,
        UrlState::Ok
    );
    let client = DxtraClient::new(&fixed, test_config()).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client.sign_in().await.expect("the corrected URL signs in");
    assert_eq!(client.endpoints().token(), format!("{auth}/token"));
}

#[tokio::test]
async fn the_check_names_each_url_state() {
    let sandbox = sandbox().await;
    let (auth, api) = origins(&sandbox);
    let ok = check_connection(&custom(&auth, &api).endpoints().unwrap(), test_config()).await.unwrap();
    assert_eq!((ok.auth.state, ok.graphql.state), (UrlState::Ok, UrlState::Ok), "{ok:?}");
    assert!(ok.graphql.summary.contains("Hasura"));

    // A GraphQL URL on the right host but the wrong path: the check finds /v1/graphql.
    let wrong_path =
        check_connection(&custom(&auth, &format!("{api}/graphql")).endpoints().unwrap(), test_config())
            .await
            .unwrap();
    assert_eq!(wrong_path.graphql.state, UrlState::Wrong);
    assert_eq!(wrong_path.graphql.corrected.as_deref(), Some(format!("{api}/v1/graphql").as_str()));

    // The two URLs swapped: each is named wrong, nothing is reachable as expected.
    let swapped =
        check_connection(&custom(&api, &format!("{auth}/v1/graphql")).endpoints().unwrap(), test_config())
            .await
            .unwrap();
    assert_eq!(
        (swapped.auth.state, swapped.graphql.state),
        (UrlState::Wrong, UrlState::Wrong),
        "{swapped:?}"
    );

    // Nothing listens: unreachable, with the reason.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let gone = format!("http://127.0.0.1:{closed}");
    let down = check_connection(&custom(&gone, &gone).endpoints().unwrap(), test_config()).await.unwrap();
    assert_eq!((down.auth.state, down.graphql.state), (UrlState::Unreachable, UrlState::Unreachable));
    assert!(down.auth.summary.contains("refused"), "{}", down.auth.summary);
    assert_eq!(sandbox.stats().signin_requests, 0, "no check ever sends a PAT");
}

#[tokio::test]
async fn a_pat_that_is_not_uuid_shaped_is_named_in_plain_words() {
    let sandbox = sandbox().await;
    let error = client_with_pat(&sandbox, "dxtra_pat_0123456789abcdef", test_config())
        .await
        .sign_in()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), "pat-not-uuid");
    let text = error.to_string();
    assert!(
        text.contains("shaped like a lowercase UUID") && text.contains("the pasted one is not"),
        "{text}"
    );
    assert!(text.contains("regular expression"), "the raw text stays in the detail: {text}");
    assert!(error.hint().contains("Edit the PAT"));
    // As the page gets it: plain words in the headline, the server's regular expression below.
    let shown = serde_json::to_value(&error).unwrap();
    let headline = shown["message"].as_str().unwrap();
    assert!(
        headline.ends_with("and the pasted one is not") && !headline.contains("regular expression"),
        "{shown}"
    );
    assert!(shown["detail"].as_str().unwrap().contains("regular expression"), "{shown}");
}
