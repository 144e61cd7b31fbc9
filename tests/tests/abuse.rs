//! Abuse of the sandbox (it listens on the user's machine when the app offers it): alias and depth
//! bombs, oversize and invalid bodies, half-open connections under a desktop's `ulimit -n 1024`,
//! 200 concurrent requests, a sign-in flood. It keeps answering, its memory stays bounded (the
//! peak is printed), and a normal sign-in succeeds during the abuse. One test in this binary, so
//! the process's peak memory is this test's.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use dxtra_tests::*;
use serde_json::json;

/// This process's peak and current resident memory, in KiB (Linux).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// A desktop's usual soft limit on open files (Unix: Windows has no per-process limit to lower).
#[cfg(unix)]
fn limit_open_files(to: u64) {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        limit.rlim_cur = to.min(limit.rlim_max);
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
}

async fn graphql(sandbox: &Sandbox, token: &str, body: Vec<u8>) -> (u16, String) {
    try_graphql(sandbox, token, body).await.expect("the sandbox answers")
}

async fn try_graphql(sandbox: &Sandbox, token: &str, body: Vec<u8>) -> Result<(u16, String), reqwest::Error> {
    let response = raw_http()
        .build()
        .unwrap()
        .post(&sandbox.info().graphql_url)
        .header("authorization", format!("Bearer {token}"))
        .header("x-hasura-role", "user")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    Ok((response.status().as_u16(), response.text().await.unwrap_or_default()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(unix), ignore = "Unix only: it lowers its open-file limit to a desktop's 1024 with setrlimit")]
async fn the_sandbox_survives_abuse_with_bounded_memory() {
    #[cfg(unix)]
    limit_open_files(1024);
    let sandbox = sandbox_with(|c| c.header_timeout = Duration::from_secs(2)).await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    let token = raw_sign_in(&sandbox, &sandbox.info().personal_access_token).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, before) = memory_kib();
    let mut table = vec![format!("{:<44} {:>6}  {}", "abuse", "status", "answer")];

    // An alias bomb just under 1 MB: 20,000 aliased __schema fields.
    let aliases: String =
        (0..20_000).map(|i| format!("a{i}: __schema {{ queryType {{ name }} }} ")).collect();
    let bomb = json!({ "query": format!("query {{ {aliases} }}") }).to_string().into_bytes();
    let (status, body) = graphql(&sandbox, &token, bomb).await;
    assert!(status == 413 || body.contains("validation-failed"), "{status} {}", &body[..body.len().min(200)]);
    table.push(format!(
        "{:<44} {status:>6}  {}",
        "20,000 aliased __schema fields",
        &body[..body.len().min(80)]
    ));

    // A depth bomb.
    let deep = format!("query {{ {}__typename{} }}", "dataControllers { ", " }");
    let nested = format!(
        "query {{ __schema {{ {} name {} }} }}",
        "types { fields { type { ofType { ".repeat(8),
        "} } } }".repeat(8)
    );
    // Brackets 100,000 deep (400 KB): a recursive parser would overflow its stack on it.
    let bomb = format!("query {}{}", "{ a ".repeat(100_000), "}".repeat(100_000));
    for (what, query) in [
        ("a selection 33 levels deep", nested),
        ("brackets 100,000 deep", bomb),
        ("a valid query (control)", deep),
    ] {
        let (status, body) =
            graphql(&sandbox, &token, json!({ "query": query }).to_string().into_bytes()).await;
        table.push(format!("{what:<44} {status:>6}  {}", &body[..body.len().min(80)]));
        if what.starts_with("brackets") {
            // Refused by a scan before the parser, with the depth named.
            assert!(body.contains("validation-failed") && body.contains("100000 levels deep"), "{body}");
        } else if what.starts_with("a selection") {
            assert!(body.contains("validation-failed"), "{body}");
        } else {
            assert!(body.contains("\"data\""), "the sandbox still answers: {body}");
        }
    }

    // 10 MB, and invalid UTF-8.
    // Refused at 1 MB: a 413, or the connection closed before the rest is read.
    let answer = try_graphql(&sandbox, &token, vec![b'{'; 10 * 1024 * 1024]).await;
    let said = match &answer {
        Ok((status, _)) => status.to_string(),
        Err(error) => format!("closed ({})", error.is_request()),
    };
    assert!(matches!(answer, Ok((413, _)) | Err(_)), "{said}");
    table.push(format!("{:<44} {said:>6}", "a 10 MB body"));
    let (status, body) = graphql(&sandbox, &token, b"{\"query\": \"\xff\xfe\"}".to_vec()).await;
    assert_eq!(status, 200);
    assert!(body.contains("parse-failed"), "{body}");
    table.push(format!("{:<44} {status:>6}  {}", "invalid UTF-8", &body[..body.len().min(80)]));

    // 300 connections that never finish their headers, on the auth port.
    let auth = sandbox.info().auth_url.trim_start_matches("http://").to_owned();
    let mut half_open = Vec::new();
    for _ in 0..300 {
        let mut stream = std::net::TcpStream::connect(&auth).unwrap();
        stream.write_all(b"POST /v1/signin/pat HTTP/1.1\r\nHost: x\r\n").unwrap();
        half_open.push(stream);
    }
    let started = Instant::now();
    client.sign_in().await.expect("a normal sign-in succeeds among 300 half-open connections");
    table.push(format!(
        "{:<44} {:>6}  sign-in in {} ms",
        "300 half-open connections",
        200,
        started.elapsed().as_millis()
    ));
    // They are closed once their headers are overdue.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut closed = 0;
    for stream in &mut half_open {
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        let mut buffer = [0u8; 512];
        if stream.read(&mut buffer).is_ok() {
            closed += 1;
        }
    }
    assert_eq!(closed, 300, "half-open connections are closed after the header timeout");
    drop(half_open);

    // 200 concurrent reads.
    let reads = (0..200).map(|_| {
        let (sandbox_url, token) = (sandbox.info().graphql_url.clone(), token.clone());
        tokio::spawn(async move {
            raw_http()
                .build()
                .unwrap()
                .post(sandbox_url)
                .header("authorization", format!("Bearer {token}"))
                .header("x-hasura-role", "user")
                .json(&json!({ "query": dxtra_api::DATA_CONTROLLERS_QUERY }))
                .send()
                .await
                .map(|r| r.status().as_u16())
        })
    });
    let statuses = futures_util::future::join_all(reads).await;
    let ok = statuses.iter().filter(|s| matches!(s, Ok(Ok(200)))).count();
    assert_eq!(ok, 200, "every concurrent read is answered");
    table.push(format!("{:<44} {:>6}  {ok} of 200 answered", "200 concurrent reads", 200));

    // A sign-in flood: the tokens remembered stay bounded.
    for _ in 0..1500 {
        raw_sign_in(&sandbox, &sandbox.info().personal_access_token).await;
    }
    let remembered = sandbox.remembered_tokens();
    assert!(remembered <= 2000, "{remembered} tokens remembered after 1,500 sign-ins");
    table.push(format!("{:<44} {:>6}  {remembered} tokens remembered", "1,500 sign-ins", 200));

    client.data_controllers().await.expect("still answering after all of it");
    let (peak, now) = memory_kib();
    table.push(format!("memory: {before} KiB before, peak {peak} KiB, now {now} KiB"));
    println!("\n{}\n", table.join("\n"));
    assert!(
        peak < before + 512 * 1024,
        "peak {peak} KiB: the abuse must not take the memory (before {before} KiB)"
    );
}
