//! Bad input, as a matrix: every value the page can send, wrong in every way a paste or a buggy
//! page can make it, through the command layer. Each gets a specific message (the page's own, run
//! through `ui/lib/validate.js` with node for comparison), sends no request (the sandbox's
//! counters), and saves nothing (the settings and the saved PAT are unchanged). Printed as a table.

mod common;

use common::*;
use serde_json::{json, Value};

const GOOD_CONTROLLER: &str = "0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db";

/// One bad call: the command, its arguments, the page's validator to compare with (function and
/// argument), and what the message must say.
struct Case {
    name: String,
    command: &'static str,
    args: Value,
    page: Option<(&'static str, Value)>,
    says: &'static str,
}

fn subject(change: impl FnOnce(&mut Value)) -> Value {
    let mut input = json!({ "event": "signup", "dataControllerId": GOOD_CONTROLLER, "payload": { "displayName": "Test User", "email": "test@example.com", "country": "US" } });
    change(&mut input);
    json!({ "input": input })
}

fn cases() -> Vec<Case> {
    let ten_k = "a".repeat(10_000);
    let one_mb = "a".repeat(1024 * 1024);
    let mut cases = Vec::new();
    let mut add = |name: &str, command, args, page: Option<(&'static str, Value)>, says| {
        cases.push(Case { name: name.to_owned(), command, args, page, says });
    };
    for (name, pat, says) in [
        ("PAT empty", "".to_owned(), "Paste the Personal Access Token"),
        ("PAT whitespace only", "  \n\t ".to_owned(), "Paste the Personal Access Token"),
        ("PAT with NUL", "5a1db0c5-0000\u{0}-4000".to_owned(), "U+0000"),
        ("PAT with ESC", "\u{1b}[31m5a1db0c5".to_owned(), "U+001B"),
        ("PAT with a zero-width space", "5a1db0c5\u{200B}-0000".to_owned(), "U+200B"),
        ("PAT with a BOM", "\u{FEFF}5a1db0c5-0000".to_owned(), "U+FEFF"),
        ("PAT with a bidi override", "5a1d\u{202E}b0c5".to_owned(), "U+202E"),
        ("PAT with a space inside", "5a1db0c5 0000".to_owned(), "spaces or line breaks"),
        ("PAT with an Arabic letter mark", "5a1db0c5\u{061C}-0000".to_owned(), "U+061C"),
        ("PAT with a grapheme joiner", "5a1d\u{034F}b0c5".to_owned(), "U+034F"),
        ("PAT with a Hangul filler", "5a1db0c5\u{3164}".to_owned(), "U+3164"),
        ("PAT with a halfwidth Hangul filler", "\u{FFA0}5a1db0c5".to_owned(), "U+FFA0"),
        ("PAT with a variation selector", "5a1db0c5\u{FE0F}-0000".to_owned(), "U+FE0F"),
        ("PAT with a tag character", "5a1db0c5\u{E0041}".to_owned(), "U+E0041"),
        (
            "PAT with a look-alike letter",
            "5a1db0c5-0000-4000-8000-d7a5a2db0c5\u{0430}".to_owned(),
            "plain printable ASCII",
        ),
        ("PAT of 10,000 characters", ten_k.clone(), "at most 512"),
        ("PAT of 1 MB", one_mb.clone(), "at most 512"),
    ] {
        add(
            name,
            "save_pat",
            json!({ "pat": pat, "sessionOnly": false, "key": "sandbox" }),
            Some(("validatePat", json!(pat))),
            says,
        );
    }
    for (name, id, says) in [
        ("controller ID not a UUID", "x".to_owned(), "must be a UUID"),
        ("controller ID a DID", "did:dep:0123".to_owned(), "not its DID"),
        (
            "controller ID with a bad digit",
            "0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2dZ".to_owned(),
            "must be a UUID",
        ),
        ("controller ID of 10,000 characters", ten_k.clone(), "must be a UUID"),
        ("controller ID of 1 MB", one_mb.clone(), "must be a UUID"),
    ] {
        add(
            name,
            "save_settings",
            json!({ "patch": { "controllerId": id } }),
            Some(("validateUuid", json!(id))),
            says,
        );
    }
    for (name, url, says) in [
        ("auth URL not a URL", "auth.example.com".to_owned(), "not a usable URL"),
        ("auth URL http to another host", "http://auth.example.com".to_owned(), "plain http"),
        ("auth URL with credentials", "https://user:pw@auth.example.com".to_owned(), "credentials"),
        ("auth URL javascript:", "javascript:alert(1)".to_owned(), "not a usable URL"),
        ("auth URL file:", "file:///etc/passwd".to_owned(), "not a usable URL"),
        ("auth URL of 10,000 characters", format!("https://a.example/{ten_k}"), "longer than 2048"),
        ("GraphQL URL ftp:", "ftp://api.example.com/v1/graphql".to_owned(), "scheme must be https"),
    ] {
        let field = if name.starts_with("auth") { "customAuthUrl" } else { "customGraphqlUrl" };
        add(name, "save_settings", json!({ "patch": { "environment": "custom", field: url } }), None, says);
    }
    type SubjectCase =
        (&'static str, Box<dyn FnOnce(&mut Value)>, Option<(&'static str, Value)>, &'static str);
    let subject_cases: Vec<SubjectCase> = vec![
        (
            "event empty",
            Box::new(|v| v["event"] = json!("")),
            Some(("validateEvent", json!(""))),
            "event is required",
        ),
        (
            "event whitespace only",
            Box::new(|v| v["event"] = json!("   ")),
            Some(("validateEvent", json!("   "))),
            "event is required",
        ),
        (
            "event with capitals and spaces",
            Box::new(|v| v["event"] = json!("Sign Up")),
            Some(("validateEvent", json!("Sign Up"))),
            "lowercase event",
        ),
        (
            "event of 10,000 characters",
            {
                let t = ten_k.clone();
                Box::new(move |v| v["event"] = json!(t))
            },
            Some(("validateEvent", json!(ten_k))),
            "under 64",
        ),
        (
            "email empty",
            Box::new(|v| v["payload"]["email"] = json!("")),
            Some(("validateEmail", json!(""))),
            "email is required",
        ),
        (
            "email without @",
            Box::new(|v| v["payload"]["email"] = json!("test")),
            Some(("validateEmail", json!("test"))),
            "email address like",
        ),
        (
            "email with two @",
            Box::new(|v| v["payload"]["email"] = json!("a@@b.com")),
            Some(("validateEmail", json!("a@@b.com"))),
            "email address like",
        ),
        (
            "email without a domain dot",
            Box::new(|v| v["payload"]["email"] = json!("a@b")),
            Some(("validateEmail", json!("a@b"))),
            "domain looks incomplete",
        ),
        (
            "email of 1 MB",
            {
                let t = format!("a@{one_mb}.com");
                Box::new(move |v| v["payload"]["email"] = json!(t))
            },
            Some(("validateEmail", json!(format!("a@{one_mb}.com")))),
            "email address like",
        ),
        (
            "email with a zero-width space",
            Box::new(|v| v["payload"]["email"] = json!("te\u{200B}st@example.com")),
            Some(("validateEmail", json!("te\u{200B}st@example.com"))),
            "email address like",
        ),
        (
            "country not ISO 3166-1",
            Box::new(|v| v["payload"]["country"] = json!("ZZ")),
            Some(("validateCountry", json!("ZZ"))),
            "ISO 3166-1",
        ),
        (
            "country in lower case",
            Box::new(|v| v["payload"]["country"] = json!("us")),
            Some(("validateCountry", json!("us"))),
            "ISO 3166-1",
        ),
        (
            "country as a name",
            Box::new(|v| v["payload"]["country"] = json!("USA")),
            Some(("validateCountry", json!("USA"))),
            "ISO 3166-1",
        ),
        (
            "display name of 201 characters",
            Box::new(|v| v["payload"]["displayName"] = json!("é".repeat(201))),
            Some(("validateDisplayName", json!("é".repeat(201)))),
            "under 200",
        ),
        (
            "display name of 1 MB",
            {
                let t = one_mb.clone();
                Box::new(move |v| v["payload"]["displayName"] = json!(t))
            },
            Some(("validateDisplayName", json!(one_mb))),
            "under 200",
        ),
        (
            "display name with a control character",
            Box::new(|v| v["payload"]["displayName"] = json!("Ada\u{7}")),
            Some(("validateDisplayName", json!("Ada\u{7}"))),
            "control character",
        ),
        (
            "subject's controller ID not a UUID",
            Box::new(|v| v["dataControllerId"] = json!("nope")),
            Some(("validateUuid", json!("nope"))),
            "must be a UUID",
        ),
        (
            "subject's controller ID of 1 MB",
            {
                let t = one_mb.clone();
                Box::new(move |v| v["dataControllerId"] = json!(t))
            },
            Some(("validateUuid", json!(one_mb))),
            "must be a UUID",
        ),
    ];
    for (name, change, page, says) in subject_cases {
        add(name, "create_data_subject", subject(change), page, says);
    }
    cases
}

/// The page's message for each `(validator, value)`, computed by node from ui/lib/validate.js.
fn page_messages(calls: &[(&'static str, Value)]) -> Vec<Value> {
    let module = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/lib/validate.js")
        .canonicalize()
        .unwrap();
    let script = format!(
        "import * as v from {}; const calls = JSON.parse(require_stdin()); ",
        serde_json::to_string(&format!("file://{}", module.display())).unwrap()
    );
    let script = script.replace("require_stdin()", "require('fs').readFileSync(0, 'utf8')").replace("import * as v from", "const v = await import(") .replacen("; const calls", "); const calls", 1)
        + "console.log(JSON.stringify(calls.map(([f, a]) => f === 'validateUuid' ? v[f](a, 'The Data Controller ID') : v[f](a))));";
    let mut child = std::process::Command::new("node")
        .args(["--input-type=commonjs", "-e", &format!("(async () => {{ {script} }})()")])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (tests/run.sh installs it)");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(serde_json::to_string(calls).unwrap().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_bad_value_gets_its_own_message_sends_nothing_and_saves_nothing() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window();
    use_custom(&window, &sandbox);
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": false, "key": key_of(&window) }),
    )
    .unwrap();
    invoke(&window, "sign_in", json!({})).unwrap();
    let before = invoke(&window, "get_settings", json!({})).unwrap();
    let stats = sandbox.stats();

    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let page_calls: Vec<(&'static str, Value)> = cases.iter().filter_map(|c| c.page.clone()).collect();
    let mut page = page_messages(&page_calls).into_iter();
    let mut table = vec![format!("{:<40} {:<20} {:<5} {}", "bad input", "command", "page", "message")];
    for case in &cases {
        let error = invoke(&window, case.command, case.args.clone()).expect_err(&case.name);
        let message = error["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(case.says), "{}: {message}", case.name);
        assert!(!error["hint"].as_str().unwrap_or_default().is_empty(), "{}: a hint", case.name);
        let same = match &case.page {
            Some(_) => {
                let page_message = page.next().unwrap();
                assert_eq!(page_message, json!(message), "{}: the page says the same", case.name);
                "same"
            }
            None => "-",
        };
        let shown: String = message.chars().take(70).collect();
        table.push(format!("{:<40} {:<20} {same:<5} {shown}", case.name, case.command));
    }
    println!("\n{}\n", table.join("\n"));

    let after = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(after, before, "nothing was saved, the PAT included");
    let now = sandbox.stats();
    assert_eq!(
        (now.graphql_requests, now.signin_requests, now.mutations),
        (stats.graphql_requests, stats.signin_requests, stats.mutations),
        "no request was sent"
    );
}
