//! Each injected fault gives the right error kind, and the next call succeeds once it is cleared.
//! Reads are retried on 429/502/503/504; mutations never are.

use std::time::{Duration, Instant};

use dxtra_tests::*;

/// Words the fix for each kind must hold: what a user reads to know what to do.
fn fix_words(kind: &str) -> &'static str {
    match kind {
        "server-error" => "try again",
        "not-json" => "Something other than Dxtra",
        "proxy-error" => "proxy",
        "answer-lost" => "may have been carried out",
        "malformed-json" => "cut off",
        "too-large" => "size",
        "rate-limited" => "Wait",
        "timeout" => "slow or unreachable",
        other => panic!("no fix words for {other}"),
    }
}

/// Faults and the kind the client must name them by.
fn cases() -> Vec<(Fault, &'static str)> {
    vec![
        (Fault::ServerError(500), "server-error"),
        (Fault::ServerError(503), "server-error"),
        (Fault::HtmlPage(200), "not-json"),
        (Fault::HtmlPage(502), "proxy-error"),
        (Fault::DropConnection, "answer-lost"),
        (Fault::MalformedJson, "malformed-json"),
        (Fault::Oversize(1024 * 1024), "too-large"),
        (Fault::RateLimited { retry_after_secs: 60 }, "rate-limited"),
        (Fault::Delay(Duration::from_secs(5)), "timeout"),
    ]
}

#[tokio::test]
async fn every_graphql_fault_is_named_and_clears() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    for (fault, kind) in cases() {
        sandbox.set_fault(Route::GraphQl, fault.clone());
        let error = client.data_controllers().await.unwrap_err();
        assert_eq!(error.kind(), kind, "{fault:?} gave {error}");
        assert!(error.hint().contains(fix_words(kind)), "{kind}: {}", error.hint());
        sandbox.clear_fault(Route::GraphQl);
        client.data_controllers().await.unwrap_or_else(|e| panic!("after {fault:?} was cleared: {e}"));
    }
}

#[tokio::test]
async fn every_sign_in_fault_is_named_and_clears() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    for (fault, kind) in cases() {
        sandbox.set_fault(Route::SignIn, fault.clone());
        let error = client.sign_in().await.unwrap_err();
        assert_eq!(error.kind(), kind, "{fault:?} gave {error}");
        sandbox.clear_faults();
        client.sign_in().await.unwrap_or_else(|e| panic!("after {fault:?} was cleared: {e}"));
    }
}

#[tokio::test]
async fn a_read_is_retried_through_a_passing_503_and_429() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();

    sandbox.set_fault_times(Route::GraphQl, Fault::ServerError(503), 2);
    client.data_controllers().await.expect("the third try gets through");
    assert_eq!(sandbox.stats().graphql_requests, 3);

    sandbox.set_fault_times(Route::GraphQl, Fault::RateLimited { retry_after_secs: 1 }, 1);
    let started = Instant::now();
    client.data_controllers().await.expect("the retry after Retry-After gets through");
    assert!(started.elapsed() >= Duration::from_millis(950), "Retry-After was honoured");
    assert_eq!(sandbox.stats().graphql_requests, 5);

    // A persistent 503 gives up after the configured retries (2) with the server error.
    sandbox.set_fault(Route::GraphQl, Fault::ServerError(503));
    assert_eq!(client.data_controllers().await.unwrap_err().kind(), "server-error");
    assert_eq!(sandbox.stats().graphql_requests, 8);
}

#[tokio::test]
async fn a_mutation_is_never_repeated() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    let controller = sandbox.info().data_controller_id.clone();
    let input = guide_input(&controller, "once@example.com");

    for fault in [
        Fault::ServerError(503),
        Fault::RateLimited { retry_after_secs: 1 },
        Fault::DropConnection,
        Fault::Delay(Duration::from_secs(6)),
    ] {
        let before = sandbox.stats().graphql_requests;
        sandbox.set_fault_times(Route::GraphQl, fault.clone(), 1);
        client.create_data_subject(&input).await.expect_err("the fault reaches the caller");
        assert_eq!(sandbox.stats().graphql_requests, before + 1, "{fault:?}: sent exactly once");
    }
    // The delayed one did reach the handler: that is why it must not be sent again blindly.
    assert_eq!(sandbox.stats().mutations, 1);
    let created = client.create_data_subject(&input).await.expect("works once the fault is gone");
    assert_eq!(client.processing_activities(&created.data_subject_id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn latency_longer_than_the_timeout_is_a_timeout_and_shorter_is_fine() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    sandbox.set_latency(Duration::from_millis(300));
    client.data_controllers().await.expect("slow but within the timeout");
    sandbox.set_latency(Duration::from_secs(4));
    let error = client.data_controllers().await.unwrap_err();
    assert_eq!(error.kind(), "timeout");
    sandbox.set_latency(Duration::ZERO);
    client.data_controllers().await.unwrap();
}
