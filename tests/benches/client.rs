//! `cargo bench -p dxtra-tests --bench client [-- --quick]`: what `dxtra-api` costs over raw
//! `reqwest` requests of the same bytes to the same sandbox on loopback, measured in the same run,
//! interleaved call by call (who goes first alternating) after a warm-up, reported as median
//! (min–max) over rounds with the ratio. It asserts that every figure is produced, never how fast
//! (tests/bench.sh prints it with the rest).

use std::sync::Arc;
use std::time::{Duration, Instant};

use dxtra_tests::*;
use futures_util::future::join_all;
use serde_json::{json, Value};

struct Sizes {
    rounds: usize,
    sequential: usize,
    concurrent: usize,
    /// Rounds of the concurrent case: one batch takes a few ms, so it needs many to be judged.
    batches: usize,
    expired: usize,
    signins: usize,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// "median (min–max)" of per-round figures.
fn spread(values: &[f64]) -> (f64, String) {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let median = sorted[sorted.len() / 2];
    (median, format!("{median:.3} ({:.3}–{:.3})", sorted[0], sorted[sorted.len() - 1]))
}

fn row(what: &str, raw: &[f64], ours: &[f64], target: &str) {
    let (raw_median, raw_text) = spread(raw);
    let (our_median, our_text) = spread(ours);
    println!(
        "| {what:<44} | {our_text:>26} | {raw_text:>26} | {:>+7.1}% | {target:<6} |",
        (our_median / raw_median - 1.0) * 100.0
    );
}

/// The raw request: one pooled reqwest client, the same JSON body, the same headers.
async fn raw_post(http: &reqwest::Client, url: &str, token: Option<&str>, body: &Value) -> Value {
    let mut request = http.post(url).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token).header("X-Hasura-Role", "user");
    }
    request.send().await.unwrap().json().await.unwrap()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes = if quick {
        Sizes { rounds: 3, sequential: 50, concurrent: 50, batches: 6, expired: 100, signins: 1_000 }
    } else {
        Sizes { rounds: 15, sequential: 400, concurrent: 50, batches: 300, expired: 100, signins: 10_000 }
    };
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let client = Arc::new(client(&sandbox).await);
    client.sign_in().await.unwrap();
    let token = dxtra_api::ExposeSecret::expose_secret(&client.access_token().await.unwrap()).to_owned();
    // The same bytes on the wire as dxtra-api's requests (its Accept and User-Agent headers too),
    // straight to the loopback sandbox as dxtra-api goes (no proxy from the environment).
    let http = dxtra_tests::raw_http()
        .default_headers(
            [(reqwest::header::ACCEPT, reqwest::header::HeaderValue::from_static("application/json"))]
                .into_iter()
                .collect(),
        )
        .user_agent(dxtra_api::USER_AGENT)
        .no_proxy()
        .build()
        .unwrap();
    let read = json!({ "query": dxtra_api::DATA_CONTROLLERS_QUERY, "variables": {} });

    // Warm both pools and both code paths.
    for _ in 0..50 {
        raw_post(&http, &info.graphql_url, Some(&token), &read).await;
        client.data_controllers().await.unwrap();
    }

    println!("\ndxtra-api beside raw reqwest, same bytes, same sandbox; ms, median (min–max) over {} rounds (the concurrent case: over its batches)\n", sizes.rounds);
    println!(
        "| {:<44} | {:>26} | {:>26} | {:>8} | {:<6} |",
        "case", "dxtra-api", "raw reqwest", "overhead", "target"
    );
    println!("|{:-<46}|{:->28}|{:->28}|{:->10}|{:-<8}|", "", "", "", "", "");

    // Per call, sequential: each round times `sequential` calls of each, alternating call by call.
    let (mut raw, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..sizes.rounds {
        let (mut raw_total, mut our_total) = (Duration::ZERO, Duration::ZERO);
        // Who goes first alternates: the second of a pair meets the server still tidying up after
        // the first, and that must not always be the same side.
        for call in 0..sizes.sequential {
            for ours_now in if call % 2 == 0 { [false, true] } else { [true, false] } {
                let started = Instant::now();
                if ours_now {
                    client.data_controllers().await.unwrap();
                    our_total += started.elapsed();
                } else {
                    raw_post(&http, &info.graphql_url, Some(&token), &read).await;
                    raw_total += started.elapsed();
                }
            }
        }
        raw.push(ms(raw_total) / sizes.sequential as f64);
        ours.push(ms(our_total) / sizes.sequential as f64);
    }
    row(&format!("dataControllers, sequential (per call, {}/round)", sizes.sequential), &raw, &ours, "≤ +5%");

    // 50 concurrent.
    let (mut raw, mut ours) = (Vec::new(), Vec::new());
    for batch in 0..sizes.batches {
        for ours_now in if batch % 2 == 0 { [false, true] } else { [true, false] } {
            let started = Instant::now();
            if ours_now {
                join_all((0..sizes.concurrent).map(|_| {
                    let client = client.clone();
                    async move { client.data_controllers().await.unwrap() }
                }))
                .await;
                ours.push(ms(started.elapsed()));
            } else {
                join_all(
                    (0..sizes.concurrent).map(|_| raw_post(&http, &info.graphql_url, Some(&token), &read)),
                )
                .await;
                raw.push(ms(started.elapsed()));
            }
        }
    }
    row(
        &format!("dataControllers, {} concurrent (per batch, {} batches)", sizes.concurrent, sizes.batches),
        &raw,
        &ours,
        "≤ +5%",
    );

    // The four-step flow: sign in, list, create, verify (subject + activities) vs its raw requests.
    let (mut raw, mut ours) = (Vec::new(), Vec::new());
    for round in 0..sizes.rounds {
        let email = format!("flow-{round}@example.com");
        let input = guide_input(&info.data_controller_id, &email);
        let started = Instant::now();
        let session = raw_post(
            &http,
            &format!("{}/v1/signin/pat", info.auth_url),
            None,
            &json!({ "personalAccessToken": info.personal_access_token }),
        )
        .await;
        let jwt = session["session"]["accessToken"].as_str().unwrap().to_owned();
        raw_post(&http, &info.graphql_url, Some(&jwt), &read).await;
        let created = raw_post(
            &http,
            &info.graphql_url,
            Some(&jwt),
            &dxtra_api::Operation::create_data_subject(&input).body(),
        )
        .await;
        let id = created["data"]["createDataSubject"]["dataSubjectId"].as_str().unwrap().to_owned();
        raw_post(&http, &info.graphql_url, Some(&jwt), &dxtra_api::Operation::data_subject(&id).body()).await;
        raw_post(
            &http,
            &info.graphql_url,
            Some(&jwt),
            &dxtra_api::Operation::processing_activities(&id).body(),
        )
        .await;
        raw.push(ms(started.elapsed()));

        let started = Instant::now();
        client.sign_in().await.unwrap();
        client.data_controllers().await.unwrap();
        let created = client.create_data_subject(&input).await.unwrap();
        client.data_subject(&created.data_subject_id).await.unwrap();
        client.processing_activities(&created.data_subject_id).await.unwrap();
        ours.push(ms(started.elapsed()));
    }
    row("the four-step flow (sign in, list, create, verify)", &raw, &ours, "≤ +20%");

    // 100 concurrent reads on an expired token vs 100 on a fresh one: one renewal for all.
    let (mut fresh, mut expired) = (Vec::new(), Vec::new());
    let mut renewals = Vec::new();
    for _ in 0..sizes.rounds {
        client.sign_in().await.unwrap();
        let started = Instant::now();
        join_all((0..sizes.expired).map(|_| {
            let client = client.clone();
            async move { client.data_controllers().await.unwrap() }
        }))
        .await;
        fresh.push(ms(started.elapsed()));
        sandbox.expire_access_tokens();
        let before = sandbox.stats();
        let started = Instant::now();
        join_all((0..sizes.expired).map(|_| {
            let client = client.clone();
            async move { client.data_controllers().await.unwrap() }
        }))
        .await;
        expired.push(ms(started.elapsed()));
        let after = sandbox.stats();
        renewals.push((after.signins + after.refreshes) - (before.signins + before.refreshes));
    }
    row(&format!("{} concurrent reads, expired token vs fresh", sizes.expired), &fresh, &expired, "—");
    assert!(renewals.iter().all(|&n| n == 1), "one renewal for all concurrent reads: {renewals:?}");
    println!(
        "| {:<44} | {:>26} | {:>26} | {:>8} | {:<6} |",
        "  renewals per batch of expired reads",
        format!("{:?}", renewals[0]),
        "—",
        "",
        "1"
    );

    // The in-app sandbox: requests per second at 50 concurrent clients; memory after sign-ins.
    let mut rates = Vec::new();
    for _ in 0..sizes.rounds {
        let started = Instant::now();
        join_all((0..sizes.concurrent).map(|_| {
            let (http, url, token, read) =
                (http.clone(), info.graphql_url.clone(), token.clone(), read.clone());
            async move {
                for _ in 0..10 {
                    raw_post(&http, &url, Some(&token), &read).await;
                }
            }
        }))
        .await;
        rates.push((sizes.concurrent * 10) as f64 / started.elapsed().as_secs_f64());
    }
    let (_, rate_text) = spread(&rates);
    println!(
        "| {:<44} | {:>26} | {:>26} | {:>8} | {:<6} |",
        "sandbox: dataControllers/s, 50 concurrent", rate_text, "—", "", "—"
    );
    let before = rss_kib();
    for _ in 0..sizes.signins {
        raw_post(
            &http,
            &format!("{}/v1/signin/pat", info.auth_url),
            None,
            &json!({ "personalAccessToken": info.personal_access_token }),
        )
        .await;
    }
    let after = rss_kib();
    println!(
        "| {:<44} | {:>26} | {:>26} | {:>8} | {:<6} |",
        format!("sandbox: memory after {} sign-ins", sizes.signins),
        format!("+{} KiB, {} tokens kept", after.saturating_sub(before), sandbox.remembered_tokens()),
        "—",
        "",
        "bounded"
    );
    assert!(sandbox.remembered_tokens() <= 2_000, "the sandbox forgets tokens");
}
