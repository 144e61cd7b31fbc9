//! `cargo bench -p dxtra-tests`: what the client costs over a bare HTTP request, side by side
//! in the same run, against the sandbox on loopback. Prints a table; asserts nothing.
//!
//! Baseline: one pooled `reqwest::Client` posting the guide's `dataControllers` query with a
//! token obtained once. Client: `DxtraClient::data_controllers()`, which adds the session check,
//! error classification, typed decoding and the observer hook.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dxtra_tests::*;
use futures_util::future::join_all;

const SEQUENTIAL: usize = 400;
const CONCURRENT: usize = 50;
const ROUNDS: usize = 10;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0)))
        .unwrap_or(0)
}

fn summary(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(samples[samples.len() / 2]);
    let p95 = ms(samples[samples.len() * 95 / 100]);
    let total: f64 = samples.iter().map(|d| ms(*d)).sum();
    (median, p95, total)
}

fn row(what: &str, base: (f64, f64, f64), client: (f64, f64, f64)) {
    println!(
        "| {what:<34} | {:>8.3} | {:>8.3} | {:>8.3} | {:>8.3} | {:>+7.1}% |",
        base.0, base.1, client.0, client.1, (client.0 / base.0 - 1.0) * 100.0
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sandbox = sandbox().await;
    let client = Arc::new(client(&sandbox).await);
    client.sign_in().await.unwrap();
    let token = dxtra_api::ExposeSecret::expose_secret(&client.access_token().await.unwrap()).to_owned();
    let url = sandbox.info().graphql_url.clone();
    let body = serde_json::json!({ "query": dxtra_api::DATA_CONTROLLERS_QUERY, "variables": {} });
    let bare = reqwest::Client::new();
    let bare_call = |bare: reqwest::Client, token: String, url: String, body: serde_json::Value| async move {
        let started = Instant::now();
        let answer: serde_json::Value = bare
            .post(&url)
            .bearer_auth(&token)
            .header("X-Hasura-Role", "user")
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(answer["data"]["dataControllers"].is_array());
        started.elapsed()
    };

    // Warm both connection pools.
    for _ in 0..20 {
        bare_call(bare.clone(), token.clone(), url.clone(), body.clone()).await;
        client.data_controllers().await.unwrap();
    }

    println!("dataControllers over loopback to the sandbox, times in ms (median, p95 per call)\n");
    println!("| {:<34} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} |", "case", "base med", "base p95", "cli med", "cli p95", "overhead");
    println!("|{:-<36}|{:->10}|{:->10}|{:->10}|{:->10}|{:->10}|", "", "", "", "", "", "");

    let mut base = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..SEQUENTIAL {
        base.push(bare_call(bare.clone(), token.clone(), url.clone(), body.clone()).await);
        let started = Instant::now();
        client.data_controllers().await.unwrap();
        ours.push(started.elapsed());
    }
    row(&format!("{SEQUENTIAL} sequential reads"), summary(base), summary(ours));

    let mut base = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        join_all((0..CONCURRENT).map(|_| bare_call(bare.clone(), token.clone(), url.clone(), body.clone()))).await;
        base.push(started.elapsed());
        let started = Instant::now();
        join_all((0..CONCURRENT).map(|_| {
            let client = client.clone();
            async move { client.data_controllers().await.unwrap() }
        }))
        .await;
        ours.push(started.elapsed());
    }
    row(&format!("{CONCURRENT} concurrent reads (per batch)"), summary(base), summary(ours));

    // Memory: resident size added by 200 clients of each kind.
    let before = rss_kib();
    let bares: Vec<reqwest::Client> = (0..200).map(|_| reqwest::Client::new()).collect();
    let after_bare = rss_kib();
    let env = environment(&sandbox);
    let clients: Vec<DxtraClient> = (0..200).map(|_| DxtraClient::new(&env, test_config()).unwrap()).collect();
    let after_clients = rss_kib();
    println!("\nresident memory added by 200 instances: reqwest::Client {} KiB, DxtraClient {} KiB", after_bare.saturating_sub(before), after_clients.saturating_sub(after_bare));
    drop((bares, clients));
}
