//! "Record my program's calls" through the commands: for a Custom environment served over HTTPS
//! by a private CA (trusted through the Network settings' extra certificate), curl's calls to the
//! two loopback ports are forwarded through the app's own transport, recorded and explained;
//! tokens pass unchanged and never reach the record; a request naming another host still goes
//! only to the environment; another environment or Stop closes the ports.

mod common;

use common::*;
use dxtra_tests::network::{loopback_addr, Ca, TlsMode};
use dxtra_tests::raw_http;
use dxtra_wizard_lib::keychain::SessionMemory;
use dxtra_wizard_lib::settings::MemorySettings;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[test]
fn a_programs_calls_to_a_custom_https_environment_are_forwarded_recorded_and_explained() {
    let (runtime, sandbox) = own_sandbox();
    let ca = Ca::new("Dxtra Forwarder Test CA");
    let cert = ca.issue(&["localhost", "127.0.0.1"], 2);
    let (auth, graphql) = runtime.block_on(async {
        let serve = |url: &str| {
            dxtra_tests::network::tls_server(&cert.0, &cert.1, loopback_addr(url), TlsMode::Forward)
        };
        (serve(&sandbox.info().auth_url).await, serve(&sandbox.info().graphql_url).await)
    });
    let window =
        window_of(Box::new(SessionMemory::default()), Box::new(MemorySettings::default()), quick_config());

    // The Sandbox records by itself: there is nothing to forward.
    invoke(&window, "start_sandbox", json!({ "useDemo": false })).unwrap();
    let error = invoke(&window, "start_forwarder", json!({})).unwrap_err();
    assert_eq!(error["kind"], "forwarder", "{error}");

    let custom = json!({ "patch": { "environment": "custom",
        "customAuthUrl": format!("https://localhost:{}", auth.port()),
        "customGraphqlUrl": format!("https://localhost:{}/v1/graphql", graphql.port()) } });
    invoke(&window, "save_settings", custom.clone()).unwrap();
    invoke(
        &window,
        "save_network_settings",
        json!({ "network": {
        "proxy": { "mode": "none", "host": "", "port": null, "bypass": "", "username": "", "password": null },
        "extraCertificates": ca.pem,
    } }),
    )
    .unwrap();
    let status = invoke(&window, "start_forwarder", json!({})).unwrap();
    let on = &status["forwarder"];
    let (to_auth, to_graphql) = (on["authUrl"].as_str().unwrap(), on["graphqlUrl"].as_str().unwrap());
    assert!(to_auth.starts_with("http://127.0.0.1:") && to_graphql.ends_with("/v1/graphql"), "{status}");
    let again = invoke(&window, "start_forwarder", json!({})).unwrap();
    assert_eq!(again["forwarder"], *on, "started twice: the same two ports");

    let pat = sandbox.info().personal_access_token.clone();
    let (jwt, admin_id, good) = runtime.block_on(async {
        let curl = raw_http().user_agent("curl/8.5.0").build().unwrap();
        let session: Value = curl
            .post(format!("{to_auth}/signin/pat"))
            .header("content-type", "application/json")
            .body(json!({ "personalAccessToken": pat }).to_string())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let jwt =
            session["session"]["accessToken"].as_str().expect("signed in through the forwarder").to_owned();
        let ask = |role: &'static str| {
            curl.post(to_graphql)
                .header("content-type", "application/json")
                .header("authorization", format!("Bearer {jwt}"))
                .header("x-hasura-role", role)
                .body(r#"{"query": "{ dataControllers { id } }"}"#)
                .send()
        };
        let admin = ask("admin").await.unwrap();
        let admin_id = admin.headers()["x-request-id"].to_str().unwrap().to_owned();
        // The token passed unchanged: the environment accepts it.
        let good: Value = ask("user").await.unwrap().json().await.unwrap();
        (jwt, admin_id, good)
    });
    assert!(good["data"]["dataControllers"].is_array(), "{good}");

    let entries = invoke(&window, "inspector_entries", json!({})).unwrap();
    let list = entries.as_array().unwrap();
    assert_eq!(list.len(), 3, "{entries}");
    let admin = list.iter().find(|e| e["requestId"] == admin_id.as_str()).expect("found by its X-Request-Id");
    assert_eq!(admin["explanations"][0]["rule"], "role-not-allowed", "{admin}");
    assert!(admin["explanations"][0]["what"].as_str().unwrap().contains("(user, me)"), "{admin}");
    let text = entries.to_string();
    assert!(!text.contains(&jwt) && !text.contains(&pat), "a token in the record");
    assert!(text.contains("a JWT issued") && text.contains("a Personal Access Token"), "described: {text}");

    // A request naming another host (as to a proxy), or a web page's (another Origin, as a
    // DNS rebinding would send): refused, the environment never sees it. Named as its port: it
    // goes to this environment.
    let port = loopback_addr(to_graphql);
    let raw = |request: String| {
        runtime.block_on(async {
            let mut socket = tokio::net::TcpStream::connect(port).await.unwrap();
            socket.write_all(request.as_bytes()).await.unwrap();
            let mut answer = String::new();
            socket.read_to_string(&mut answer).await.unwrap();
            answer
        })
    };
    let before = sandbox.traffic().len();
    let elsewhere = raw("GET http://elsewhere.test/v1/graphql?x=1 HTTP/1.1\r\nHost: elsewhere.test\r\nConnection: close\r\n\r\n".into());
    assert!(elsewhere.starts_with("HTTP/1.1 403"), "{elsewhere}");
    let page = format!("GET /v1/graphql HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://attacker.test\r\nConnection: close\r\n\r\n", port.port());
    assert!(raw(page).starts_with("HTTP/1.1 403"));
    assert_eq!(sandbox.traffic().len(), before, "the environment saw neither");
    let own = format!(
        "GET /v1/graphql?x=1 HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        port.port()
    );
    assert!(raw(own).contains("x-request-id"));
    assert!(
        sandbox.traffic().iter().any(|e| e.method == "GET" && e.path == "/v1/graphql?x=1"),
        "the environment got it"
    );

    // Stopped: the ports close. Another environment: it stops too.
    let stopped = invoke(&window, "stop_forwarder", json!({})).unwrap();
    assert!(stopped["forwarder"].is_null());
    runtime.block_on(async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert!(tokio::net::TcpStream::connect(port).await.is_err(), "the port is closed");
    });
    assert!(!invoke(&window, "start_forwarder", json!({})).unwrap()["forwarder"].is_null());
    let sandbox_again = invoke(&window, "start_sandbox", json!({ "useDemo": false })).unwrap();
    assert!(sandbox_again["forwarder"].is_null(), "another environment: no forwarding to the old one");
}

#[test]
fn an_answer_over_the_cap_is_refused_not_held_in_memory() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let upstream = format!("http://{}", listener.local_addr().unwrap());
        let huge = axum::Router::new().fallback(|| async { vec![b'x'; 9 * 1024 * 1024] });
        tokio::spawn(async move { axum::serve(listener, huge).await });
        let forwarder = dxtra_wizard_lib::forwarder::Forwarder::start(
            &format!("{upstream}/v1"),
            &format!("{upstream}/v1/graphql"),
            dxtra_api::forwarding_client(&dxtra_api::ClientConfig::default()).unwrap(),
        )
        .await
        .unwrap();
        let answer = raw_http().build().unwrap().get(&forwarder.graphql_url).send().await.unwrap();
        assert_eq!(answer.status(), 502);
        assert!(answer.text().await.unwrap().contains("over 8 MB"));
        assert_eq!(forwarder.entries()[0].status, 502, "recorded as refused");
    });
}
