//! Concurrent calls that find the token stale cause exactly one sign-in or refresh.

use std::sync::Arc;
use std::time::Duration;

use dxtra_tests::*;
use futures_util::future::join_all;

async fn fifty_reads(client: &Arc<DxtraClient>) {
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.data_controllers().await })
    });
    for result in join_all(calls).await {
        assert_eq!(result.unwrap().unwrap().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_reads_without_a_session_sign_in_once() {
    // Latency widens the window in which the other 49 calls arrive during the sign-in.
    let sandbox = sandbox_with(|c| c.latency = Duration::from_millis(50)).await;
    let client = Arc::new(client(&sandbox).await);
    fifty_reads(&client).await;
    let stats = sandbox.stats();
    assert_eq!((stats.signin_requests, stats.signins, stats.token_requests), (1, 1, 0), "{stats:?}");
    assert_eq!(stats.graphql_requests, 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_reads_on_an_expired_token_refresh_once() {
    let sandbox = sandbox_with(|c| c.latency = Duration::from_millis(20)).await;
    let client = Arc::new(client(&sandbox).await);
    client.sign_in().await.unwrap();
    sandbox.expire_access_tokens();
    fifty_reads(&client).await;
    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.token_requests, stats.refreshes), (1, 1, 1), "{stats:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_reads_near_expiry_refresh_once() {
    // Two seconds, not one: a JWT's `exp` is in whole seconds, so a one-second token refreshed
    // late in a second is due again as soon as the next second starts, in the middle of the
    // batch (seen on a loaded machine: two refreshes, both right). The renewed token here lives
    // at least a second, longer than the batch.
    let sandbox = sandbox_with(|c| {
        c.token_lifetime = 2;
        c.latency = Duration::from_millis(20);
    })
    .await;
    let client = Arc::new(client(&sandbox).await);
    client.sign_in().await.unwrap();
    // Past 90% of the lifetime: due by the client's clock, renewed before any read is sent.
    tokio::time::sleep(Duration::from_millis(1850)).await;
    fifty_reads(&client).await;
    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.refreshes), (1, 1), "{stats:?}");
    // Renewed before sending: no read carried the old token, was refused and sent again.
    assert_eq!(stats.graphql_requests, 50, "{stats:?}");
}
