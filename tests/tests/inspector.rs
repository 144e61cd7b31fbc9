//! The Inspector's record in the sandbox: every request of the developer's own program, as on
//! the wire, each with an `X-Request-Id` that finds it, secrets described and never shown, the
//! app's own requests told apart, the last 500 kept, new ones sent live.

use std::time::Duration;

use dxtra_sandbox::Exchange;
use dxtra_tests::*;
use serde_json::json;

const CURL: &str = "curl/8.5.0";

/// POSTs as curl would; returns the status, the `X-Request-Id` and the body.
async fn send(url: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut request = raw_http().user_agent(CURL).build().unwrap().post(url).body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the sandbox answers");
    let id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (response.status().as_u16(), id, response.text().await.unwrap_or_default())
}

fn entry(sandbox: &Sandbox, id: &str) -> Exchange {
    sandbox.traffic().into_iter().find(|e| e.request_id == id).unwrap_or_else(|| panic!("no entry {id}"))
}

fn header<'a>(exchange: &'a Exchange, name: &str) -> &'a str {
    exchange.request_headers.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
}

#[tokio::test]
async fn each_request_is_recorded_as_sent_with_its_secrets_described_never_shown() {
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let signin = format!("{}/v1/signin/pat", info.auth_url);
    let json_type = ("content-type", "application/json");

    let (status, id, body) = send(
        &signin,
        &json!({ "personalAccessToken": info.personal_access_token }).to_string(),
        &[json_type],
    )
    .await;
    assert_eq!(status, 200);
    assert!(id.starts_with("sbx-"), "every answer carries an X-Request-Id: {id:?}");
    let session: serde_json::Value = serde_json::from_str(&body).unwrap();
    let jwt = session["session"]["accessToken"].as_str().unwrap().to_owned();
    let refresh = session["session"]["refreshToken"].as_str().unwrap().to_owned();
    let seen = entry(&sandbox, &id);
    assert_eq!(
        (seen.client.as_str(), seen.service, seen.method.as_str(), seen.path.as_str(), seen.own),
        ("curl", "auth", "POST", "/v1/signin/pat", false)
    );
    assert!(
        seen.request_body.contains("⟨a Personal Access Token (the Sandbox's practice PAT)⟩"),
        "{}",
        seen.request_body
    );
    assert!(
        seen.response_body.contains("⟨a JWT issued just now for roles user, me; expires in"),
        "{}",
        seen.response_body
    );
    assert!(seen.response_body.contains("⟨a refresh token (live"), "{}", seen.response_body);

    // The JWT as a Bearer, and the PAT where the JWT belongs.
    let graphql = info.graphql_url.clone();
    let bearer = format!("Bearer {jwt}");
    let query = r#"{"query": "{ dataControllers { id } }"}"#;
    let (_, id, _) =
        send(&graphql, query, &[json_type, ("authorization", &bearer), ("x-hasura-role", "user")]).await;
    assert!(header(&entry(&sandbox, &id), "authorization")
        .starts_with("Bearer ⟨a JWT issued just now for roles user, me"));
    let pat_bearer = format!("Bearer {}", info.personal_access_token);
    let (_, id, _) = send(&graphql, query, &[json_type, ("authorization", &pat_bearer)]).await;
    assert_eq!(
        header(&entry(&sandbox, &id), "authorization"),
        "Bearer ⟨a Personal Access Token (the Sandbox's practice PAT)⟩"
    );

    // A refresh token works once: used again, it is described as used.
    let token_url = format!("{}/v1/token", info.auth_url);
    let refresh_body = json!({ "refreshToken": refresh }).to_string();
    send(&token_url, &refresh_body, &[json_type]).await;
    let (status, id, _) = send(&token_url, &refresh_body, &[json_type]).await;
    assert_eq!(status, 401);
    assert!(
        entry(&sandbox, &id).request_body.contains("⟨a refresh token already used once"),
        "{:?}",
        entry(&sandbox, &id)
    );

    // A JWT of another Sandbox run.
    let other = dxtra_tests::sandbox().await;
    let foreign = raw_sign_in(&other, &other.info().personal_access_token).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, id, _) =
        send(&graphql, query, &[json_type, ("authorization", &format!("Bearer {foreign}"))]).await;
    assert!(header(&entry(&sandbox, &id), "authorization").contains("signed by another Sandbox run"));

    // A token in the query string is described like one in a header.
    let (_, id, _) = send(&format!("{graphql}?access_token={jwt}"), query, &[json_type]).await;
    assert!(
        entry(&sandbox, &id).path.starts_with("/v1/graphql?access_token=⟨a JWT issued"),
        "{}",
        entry(&sandbox, &id).path
    );

    // The app's own requests are told apart.
    client(&sandbox).await.data_controllers().await.unwrap();
    let own = sandbox.traffic().into_iter().filter(|e| e.own).collect::<Vec<_>>();
    assert!(!own.is_empty() && own.iter().all(|e| e.client == "the app"), "{own:?}");

    // A PAT in capitals (retyped, or echoed by a tool) is described all the same.
    let shouted = json!({ "personalAccessToken": info.personal_access_token.to_uppercase() }).to_string();
    let (_, id, _) = send(&signin, &shouted, &[json_type]).await;
    assert!(
        entry(&sandbox, &id).request_body.contains("⟨a Personal Access Token"),
        "{:?}",
        entry(&sandbox, &id)
    );

    // No secret's value anywhere in the record, in any letter case.
    let record = serde_json::to_string(&sandbox.traffic()).unwrap().to_ascii_lowercase();
    let mut secrets = sandbox.issued_secrets();
    secrets.push(info.personal_access_token.clone());
    secrets.push(foreign);
    for secret in &secrets {
        assert!(!record.contains(&secret.to_ascii_lowercase()), "a secret is in the record");
    }
}

#[tokio::test]
async fn an_expired_jwt_is_described_with_how_long_ago() {
    let sandbox = sandbox_with(|c| c.token_lifetime = 1).await;
    let jwt = raw_sign_in(&sandbox, &sandbox.info().personal_access_token).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (_, id, _) = send(
        &sandbox.info().graphql_url,
        r#"{"query": "{ dataControllers { id } }"}"#,
        &[("authorization", &format!("Bearer {jwt}"))],
    )
    .await;
    let said = header(&entry(&sandbox, &id), "authorization").to_owned();
    assert!(said.contains("; expired ") && said.ends_with(" s ago⟩"), "{said}");
}

#[tokio::test]
async fn the_record_keeps_the_last_500_and_sends_each_new_one_live() {
    let sandbox = sandbox().await;
    let mut live = sandbox.subscribe();
    let health = format!("{}/v1/healthz", sandbox.info().auth_url);
    let http = raw_http().user_agent("python-requests/2.31.0").build().unwrap();
    let answer = http.get(&health).send().await.unwrap();
    let id = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
    let sent = live.recv().await.expect("sent live");
    assert_eq!(
        (sent.request_id.as_str(), sent.method.as_str(), sent.client.as_str()),
        (id.as_str(), "GET", "Python")
    );

    let mut last = String::new();
    for _ in 0..(dxtra_sandbox::MAX_EXCHANGES + 20) {
        let answer = http.get(&health).send().await.unwrap();
        last = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
    }
    let kept = sandbox.traffic();
    assert_eq!(kept.len(), dxtra_sandbox::MAX_EXCHANGES);
    assert_eq!(kept.last().unwrap().request_id, last, "the newest is kept");
    assert!(kept.iter().all(|e| e.request_id != id), "the oldest is forgotten first");
}

/// The mistakes a developer's own program makes, explained on its entry (each rule is tested on
/// its own in the sandbox; here they arrive over the wire as curl sends them).
#[tokio::test]
async fn a_programs_mistakes_are_explained_on_their_entries() {
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let jwt =
        raw_sign_in(&sandbox, &info.personal_access_token).await["accessToken"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {jwt}");
    let json_type = ("content-type", "application/json");
    let rules =
        |id: &str| -> Vec<&'static str> { entry(&sandbox, id).explanations.iter().map(|e| e.rule).collect() };
    let query = r#"{"query": "{ dataControllers { id } }"}"#;

    let (_, id, _) =
        send(&info.graphql_url, query, &[json_type, ("authorization", &bearer), ("x-hasura-role", "user")])
            .await;
    assert!(
        rules(&id).is_empty(),
        "the guide's query: nothing wrong: {:?}",
        entry(&sandbox, &id).explanations
    );
    let (_, id, _) =
        send(&info.graphql_url, query, &[json_type, ("authorization", &bearer), ("x-hasura-role", "admin")])
            .await;
    assert_eq!(rules(&id), ["role-not-allowed"]);
    let (_, id, _) = send(
        &info.graphql_url,
        query,
        &[json_type, ("authorization", &format!("Bearer {}", info.personal_access_token))],
    )
    .await;
    assert_eq!(rules(&id), ["pat-as-jwt"]);
    let typo = r#"{"query": "{ dataControlers { id } }"}"#;
    let (_, id, _) = send(&info.graphql_url, typo, &[json_type, ("authorization", &bearer)]).await;
    assert_eq!(rules(&id), ["unknown-field"]);
    assert_eq!(entry(&sandbox, &id).explanations[0].fix, "Did you mean `dataControllers`?");
    let get = raw_http()
        .user_agent(CURL)
        .build()
        .unwrap()
        .get(&info.graphql_url)
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap();
    let id = get.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(rules(&id), ["not-post"]);
    let root = info.graphql_url.trim_end_matches("/v1/graphql");
    let (_, id, _) = send(&format!("{root}/graphql"), query, &[json_type, ("authorization", &bearer)]).await;
    assert_eq!(rules(&id), ["graphql-without-v1"]);

    // The data: the same event twice within a minute, and a controller the token cannot see.
    let create = |controller: &str| {
        json!({ "query": "mutation ($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId } }",
                "variables": { "input": { "event": "signup", "dataControllerId": controller, "payload": { "email": "twice@example.com" } } } })
        .to_string()
    };
    let headers = [json_type, ("authorization", bearer.as_str())];
    let (_, first, _) = send(&info.graphql_url, &create(&info.data_controller_id), &headers).await;
    assert!(rules(&first).is_empty(), "{:?}", entry(&sandbox, &first).explanations);
    let (_, second, _) = send(&info.graphql_url, &create(&info.data_controller_id), &headers).await;
    assert_eq!(rules(&second), ["duplicate-event"]);
    assert!(entry(&sandbox, &second).explanations[0].what.contains(&first), "names the first");
    let (_, id, _) = send(&info.graphql_url, &create("00000000-0000-4000-8000-000000000000"), &headers).await;
    assert_eq!(rules(&id), ["foreign-controller"]);
    let said = &entry(&sandbox, &id).explanations[0];
    assert!(
        said.what.contains("Sandbox Demo Company") && said.what.contains(&info.data_controller_id),
        "{said:?}"
    );
    assert_eq!(said.row, Some("foreign-key"));

    // A habit: a sign-in for every request.
    let signin = format!("{}/v1/signin/pat", info.auth_url);
    let pat_body = json!({ "personalAccessToken": info.personal_access_token }).to_string();
    let mut last = String::new();
    for _ in 0..5 {
        last = send(&signin, &pat_body, &[json_type]).await.1;
    }
    assert_eq!(rules(&last), ["sign-in-per-request"], "{:?}", entry(&sandbox, &last).explanations);
}

#[tokio::test]
async fn variables_inputs_and_sign_outs_are_explained_and_the_sign_out_works_as_dxtra_s() {
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let session = raw_sign_in(&sandbox, &info.personal_access_token).await;
    let bearer = format!("Bearer {}", session["accessToken"].as_str().unwrap());
    let headers = [("content-type", "application/json"), ("authorization", bearer.as_str())];
    let rules =
        |id: &str| -> Vec<&'static str> { entry(&sandbox, id).explanations.iter().map(|e| e.rule).collect() };
    let by_id = "query ($id: uuid!) { dataSubjects(where: {id: {_eq: $id}}) { id } }";

    let (_, id, _) =
        send(&info.graphql_url, &json!({ "query": by_id, "variables": { "ID": "x" } }).to_string(), &headers)
            .await;
    assert_eq!(rules(&id), ["missing-variable"]);
    assert!(entry(&sandbox, &id).explanations[0].what.contains("sent: ID"));
    let undeclared = "{ dataSubjects(where: {id: {_eq: $id}}) { id } }";
    let (_, id, _) = send(&info.graphql_url, &json!({ "query": undeclared }).to_string(), &headers).await;
    assert_eq!(rules(&id), ["undeclared-variable"]);
    let (_, id, _) =
        send(&info.graphql_url, &json!({ "query": by_id, "variables": { "id": "x" } }).to_string(), &headers)
            .await;
    assert_eq!(rules(&id), ["input-refused"]);

    // A sign-out with the refresh token: "OK", and that refresh token no longer refreshes.
    let signout = format!("{}/v1/signout", info.auth_url);
    let refresh = session["refreshToken"].as_str().unwrap().to_owned();
    let (status, id, body) =
        send(&signout, &json!({ "refreshToken": refresh }).to_string(), &[headers[0]]).await;
    assert_eq!((status, body.as_str()), (200, "\"OK\""));
    assert_eq!(rules(&id), ["sign-out"]);
    let (status, _, _) = send(
        &format!("{}/v1/token", info.auth_url),
        &json!({ "refreshToken": refresh }).to_string(),
        &[headers[0]],
    )
    .await;
    assert_eq!(status, 401, "a signed-out refresh token is refused");
    // With the PAT, or all: Dxtra would revoke the PAT; the Sandbox says so and keeps it.
    let (status, id, _) =
        send(&signout, &json!({ "refreshToken": info.personal_access_token }).to_string(), &[headers[0]])
            .await;
    assert_eq!(status, 200);
    assert_eq!(rules(&id), ["sign-out-revokes-pat"]);
    assert!(!entry(&sandbox, &id).request_body.contains(&info.personal_access_token), "the PAT is described");
    let (status, id, _) = send(&signout, r#"{"all": true}"#, &[headers[0]]).await;
    assert_eq!(status, 401, "all needs the caller's JWT");
    assert!(rules(&id).is_empty(), "refused, it revoked nothing");
    let (status, _, _) = send(&signout, r#"{"all": true}"#, &headers).await;
    assert_eq!(status, 200);
    raw_sign_in(&sandbox, &info.personal_access_token).await;
}
