//! Token lifetimes: expiry in mid-flow (Hasura's 200 and a proxy's 401), renewal before
//! expiry, refresh rotation, falling back to the PAT, and a revoked PAT.

use std::time::Duration;

use dxtra_tests::*;
use serde_json::json;

async fn expiry_mid_flow_recovers(style: ExpiredJwtStatus) {
    let sandbox = sandbox_with(|c| c.expired_jwt_status = style).await;
    let client = client(&sandbox).await;
    let controller = sandbox.info().data_controller_id.clone();
    client.data_controllers().await.unwrap();

    sandbox.expire_access_tokens();
    let controllers = client.data_controllers().await.expect("a read recovers by itself");
    assert_eq!(controllers[0].id, controller);
    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.refreshes, stats.graphql_requests), (1, 1, 3), "{stats:?}");

    // A mutation refused at the door is not run, so it is safe to send once more.
    sandbox.expire_access_tokens();
    client
        .create_data_subject(&guide_input(&controller, "x@example.com"))
        .await
        .expect("the mutation recovers");
    let stats = sandbox.stats();
    assert_eq!((stats.refreshes, stats.mutations), (2, 1), "{stats:?}");
}

#[tokio::test]
async fn expiry_mid_flow_answered_200_invalid_jwt() {
    expiry_mid_flow_recovers(ExpiredJwtStatus::Ok200).await;
}

#[tokio::test]
async fn expiry_mid_flow_answered_401_by_a_proxy() {
    expiry_mid_flow_recovers(ExpiredJwtStatus::Unauthorized401).await;
}

#[tokio::test]
async fn a_token_near_its_expiry_is_renewed_before_it_is_refused() {
    let sandbox = sandbox_with(|c| c.token_lifetime = 2).await;
    let client = client(&sandbox).await;
    let info = client.sign_in().await.unwrap();
    assert_eq!(info.lifetime_secs, 2);
    client.data_controllers().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1850)).await;
    client.data_controllers().await.unwrap();
    let stats = sandbox.stats();
    assert_eq!(stats.refreshes, 1, "{stats:?}");
    assert_eq!(stats.graphql_requests, 2, "no request was refused: {stats:?}");
}

#[tokio::test]
async fn refresh_tokens_rotate_and_an_old_one_is_refused() {
    let sandbox = sandbox().await;
    let session = raw_sign_in(&sandbox, &sandbox.info().personal_access_token).await;
    let first = session["refreshToken"].as_str().unwrap().to_owned();
    let token_url = format!("{}/v1/token", sandbox.info().auth_url);
    let refresh = |token: String| {
        let url = token_url.clone();
        async move {
            post_raw(
                &url,
                &json!({ "refreshToken": token }).to_string(),
                &[("content-type", "application/json")],
            )
            .await
        }
    };

    let (status, _, body) = refresh(first.clone()).await;
    assert_eq!(status, 200);
    let renewed: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(renewed.get("session").is_none(), "the refresh answer is not wrapped");
    assert_ne!(renewed["refreshToken"], first.as_str());
    assert_eq!(renewed["refreshTokenId"], session["refreshTokenId"], "the id stays across refreshes");

    let (status, _, body) = refresh(first).await;
    assert_eq!(status, 401);
    assert!(body.contains("invalid-refresh-token") && body.contains("Invalid or expired refresh token"));

    // A PAT is no refresh token.
    let (status, _, body) = refresh(sandbox.info().personal_access_token.clone()).await;
    assert_eq!((status, body.contains("invalid-refresh-token")), (401, true));

    // The client keeps each new token: two expiries, two refreshes, no second sign-in.
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    for _ in 0..2 {
        sandbox.expire_access_tokens();
        client.data_controllers().await.unwrap();
    }
    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.refreshes), (2, 3), "{stats:?}");
}

#[tokio::test]
async fn a_refused_refresh_falls_back_to_the_pat_without_asking() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.revoke_refresh_tokens();
    sandbox.expire_access_tokens();
    client.data_controllers().await.expect("signed in again with the PAT");
    let stats = sandbox.stats();
    assert_eq!((stats.token_requests, stats.refreshes, stats.signins), (1, 0, 2), "{stats:?}");
}

#[tokio::test]
async fn a_revoked_pat_ends_the_session_with_the_invalid_pat_help() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.data_controllers().await.unwrap();

    sandbox.revoke_pat(&sandbox.info().personal_access_token);
    client.data_controllers().await.expect("the live session still works");

    sandbox.revoke_refresh_tokens();
    sandbox.expire_access_tokens();
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "invalid-pat");
    assert!(client.session_info().is_none(), "no stale session is kept");
    assert_eq!(client.sign_in().await.unwrap_err().kind(), "invalid-pat");
}

#[tokio::test]
async fn a_forgotten_or_replaced_pat_takes_its_token_with_it() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.data_controllers().await.unwrap();
    assert_eq!(sandbox.stats().signins, 1);
    // Fresh tokens are read without the session's lock: forgetting must reach that copy too.
    client.clear_pat().await;
    assert_eq!(client.access_token().await.unwrap_err().kind(), "missing-pat");
    assert_eq!(client.data_controllers().await.unwrap_err().kind(), "missing-pat");
    client.set_pat(dxtra_api::SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client.data_controllers().await.unwrap();
    assert_eq!(sandbox.stats().signins, 2, "the new PAT signs in; the old session is not reused");
}

/// A loopback port that forwards to `target` while `on`; turned off, every connection to it is
/// refused and the open ones are closed (a network gone while the laptop slept).
struct Door {
    port: u16,
    target: std::net::SocketAddr,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Door {
    async fn open_to(url: &str) -> Door {
        let target = dxtra_tests::network::loopback_addr(url);
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut door = Door { port, target, task: None };
        door.open().await;
        door
    }

    async fn open(&mut self) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        let target = self.target;
        self.task = Some(tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((mut socket, _)) = listener.accept().await {
                connections.spawn(async move {
                    let Ok(mut upstream) = tokio::net::TcpStream::connect(target).await else { return };
                    let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
                });
            }
        }));
    }

    async fn close(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

#[tokio::test]
async fn a_renewal_that_never_left_keeps_the_session_and_its_refresh_token() {
    let sandbox = sandbox_with(|c| c.token_lifetime = 2).await;
    let mut door = Door::open_to(&sandbox.info().auth_url).await;
    let environment = Environment::Sandbox {
        auth_url: format!("http://127.0.0.1:{}", door.port),
        graphql_url: sandbox.info().graphql_url.clone(),
    };
    let client = DxtraClient::new(&environment, test_config()).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client.sign_in().await.unwrap();

    // The token runs out while the auth service cannot be reached: the renewal fails at once.
    door.close().await;
    tokio::time::sleep(Duration::from_millis(1900)).await;
    let error = client.data_controllers().await.expect_err("no renewal without the auth service");
    assert_eq!(error.kind(), "connection-refused", "{error:?}");
    assert!(client.session_info().is_some(), "still signed in after a failure before sending");

    // The network is back: the kept refresh token renews the session, no PAT sign-in needed.
    door.open().await;
    client.data_controllers().await.expect("renewed with the kept refresh token");
    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.refreshes), (1, 1), "{stats:?}");
}
