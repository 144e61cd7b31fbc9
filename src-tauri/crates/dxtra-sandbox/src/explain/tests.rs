//! The explanation rules, each on its own: a request with one mistake names that one.

use super::*;

/// A request with nothing wrong: the guide's dataControllers query.
fn good() -> Seen {
    Seen {
        service: "graphql",
        method: "POST".into(),
        path: "/v1/graphql".into(),
        content_type: "application/json".into(),
        token: TokenSeen::Jwt {
            user_id: "u".into(),
            roles: vec!["user".into(), "me".into()],
            expired_secs_ago: None,
        },
        role: Some("user".into()),
        body: r#"{"query": "{ dataControllers { id } }"}"#.into(),
        jwt_as_pat: false,
        refresh_reused: false,
        answer: r#"{"data": {"dataControllers": []}}"#.into(),
        client: "Node".into(),
        recent_signins: 0,
        repeat_of: None,
        visible_controllers: Vec::new(),
        sign_out: None,
    }
}

/// Hasura's answer carrying one error message.
fn answering(message: &str) -> String {
    serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": "validation-failed" } }] })
        .to_string()
}

fn rules(seen: &Seen) -> Vec<&'static str> {
    explain(seen).iter().map(|e| e.rule).collect()
}

#[test]
fn each_rule_names_its_mistake_and_nothing_else() {
    let sign_in = || Seen {
        service: "auth",
        path: "/v1/signin/pat".into(),
        token: TokenSeen::Missing,
        role: None,
        body: r#"{"personalAccessToken": "x"}"#.into(),
        ..good()
    };
    let table: Vec<(&str, Seen, Vec<&str>)> = vec![
        ("the guide's query", good(), vec![]),
        ("no Authorization", Seen { token: TokenSeen::Missing, ..good() }, vec!["no-authorization"]),
        ("no Bearer prefix", Seen { token: TokenSeen::NotBearer, ..good() }, vec!["no-bearer"]),
        ("the PAT as Bearer", Seen { token: TokenSeen::Pat, ..good() }, vec!["pat-as-jwt"]),
        ("another run's JWT", Seen { token: TokenSeen::ForeignJwt, ..good() }, vec!["foreign-jwt"]),
        (
            "an expired JWT",
            Seen {
                token: TokenSeen::Jwt {
                    user_id: "u".into(),
                    roles: vec!["user".into()],
                    expired_secs_ago: Some(130),
                },
                ..good()
            },
            vec!["expired-jwt"],
        ),
        ("role admin", Seen { role: Some("admin".into()), ..good() }, vec!["role-not-allowed"]),
        ("no role header", Seen { role: None, ..good() }, vec![]),
        ("GET", Seen { method: "GET".into(), ..good() }, vec!["not-post"]),
        ("text/plain", Seen { content_type: "text/plain".into(), ..good() }, vec!["content-type"]),
        (
            "not JSON",
            Seen { body: "query { dataControllers { id } }".into(), ..good() },
            vec!["body-not-json"],
        ),
        ("no query", Seen { body: r#"{"variables": {}}"#.into(), ..good() }, vec!["no-query"]),
        ("/graphql", Seen { path: "/graphql".into(), ..good() }, vec!["graphql-without-v1"]),
        (
            "sign-in on the GraphQL port",
            Seen { path: "/v1/signin/pat".into(), ..good() },
            vec!["auth-path-on-graphql-port"],
        ),
        ("GraphQL on the auth port", Seen { service: "auth", ..good() }, vec!["graphql-path-on-auth-port"]),
        ("a good sign-in", sign_in(), vec![]),
        ("a JWT as the PAT", Seen { jwt_as_pat: true, ..sign_in() }, vec!["jwt-as-pat"]),
        (
            "a used refresh token",
            Seen { path: "/v1/token".into(), refresh_reused: true, ..sign_in() },
            vec!["refresh-reused"],
        ),
        ("a sign-in per request", Seen { recent_signins: 6, ..sign_in() }, vec!["sign-in-per-request"]),
        ("four sign-ins", Seen { recent_signins: 4, ..sign_in() }, vec![]),
        (
            "the same event twice",
            Seen { repeat_of: Some(("sbx-1".into(), 12)), ..good() },
            vec!["duplicate-event"],
        ),
        (
            "another's controller",
            Seen {
                answer: "Foreign key violation. insert or update on table".into(),
                visible_controllers: vec!["Sandbox Demo Company (0c0ffee0)".into()],
                ..good()
            },
            vec!["foreign-controller"],
        ),
        (
            "a typo",
            Seen {
                answer:
                    r#"{"errors":[{"message":"field \"dataControlers\" not found in type: 'query_root'"}]}"#
                        .into(),
                ..good()
            },
            vec!["unknown-field"],
        ),
        (
            "a variable not sent",
            Seen {
                body: r#"{"query": "query ($id: uuid!) { x }", "variables": {"idd": "1"}}"#.into(),
                answer: answering("expecting a value for non-nullable variable: \"id\""),
                ..good()
            },
            vec!["missing-variable"],
        ),
        (
            "a variable not declared",
            Seen { answer: answering("Variable \"$id\" is not defined"), ..good() },
            vec!["undeclared-variable"],
        ),
        (
            "an input the schema refuses",
            Seen {
                answer: answering("Invalid value for argument \"input\", field \"event\" of type \"String!\" is required but not provided"),
                ..good()
            },
            vec!["input-refused"],
        ),
        (
            "a UUID that is not one",
            Seen { answer: answering("invalid input syntax for type uuid: \"x\""), ..good() },
            vec!["input-refused"],
        ),
        (
            "a sign-out with a refresh token",
            Seen { path: "/v1/signout".into(), sign_out: Some(SignOut::RefreshToken), ..sign_in() },
            vec!["sign-out"],
        ),
        (
            "a sign-out with the PAT",
            Seen { path: "/v1/signout".into(), sign_out: Some(SignOut::Pat), ..sign_in() },
            vec!["sign-out-revokes-pat"],
        ),
        (
            "a sign-out of all sessions",
            Seen { path: "/v1/signout".into(), sign_out: Some(SignOut::All), ..sign_in() },
            vec!["sign-out-revokes-pat"],
        ),
    ];
    for (what, seen, expected) in table {
        assert_eq!(rules(&seen), expected, "{what}");
    }
}

#[test]
fn the_words_say_what_and_how() {
    let expired = Seen {
        token: TokenSeen::Jwt {
            user_id: "u".into(),
            roles: vec!["user".into()],
            expired_secs_ago: Some(130),
        },
        ..good()
    };
    let said = &explain(&expired)[0];
    assert_eq!((said.what.as_str(), said.row), ("The JWT expired 2 min ago.", Some("unauthorized")));
    assert!(said.fix.contains("Re-authenticate with the PAT, or refresh"));
    let admin = &explain(&Seen { role: Some("admin".into()), ..good() })[0];
    assert!(admin.what.contains("admin is not among the token's roles (user, me)"), "{admin:?}");
    let typo = Seen { answer: r#"field "dataControlers" not found in type: 'query_root'"#.into(), ..good() };
    assert_eq!(explain(&typo)[0].fix, "Did you mean `dataControllers`?");
    let far = Seen { answer: r#"field "nothingLikeIt" not found in type: 'query_root'"#.into(), ..good() };
    assert!(explain(&far)[0].fix.starts_with("Check the name"));
}

#[test]
fn document_mistakes_name_the_variable_and_the_value() {
    let missing = Seen {
        body: r#"{"query": "query ($id: uuid!) { x }", "variables": {"idd": "1"}}"#.into(),
        answer: answering("expecting a value for non-nullable variable: \"id\""),
        ..good()
    };
    let said = &explain(&missing)[0];
    assert!(said.what.contains("$id") && said.what.contains("sent: idd"), "{said:?}");
    assert!(said.fix.contains(r#""variables": {"id": …}"#), "{said:?}");
    let undeclared = &explain(&Seen { answer: answering("Variable \"$who\" is not defined"), ..good() })[0];
    assert!(undeclared.fix.contains("$who: uuid!"), "{undeclared:?}");
    let uuid =
        &explain(&Seen { answer: answering("invalid input syntax for type uuid: \"x\""), ..good() })[0];
    assert!(uuid.what.contains(r#"uuid: "x""#) && uuid.fix.starts_with("IDs are UUIDs"), "{uuid:?}");
    let revoke = &explain(&Seen {
        service: "auth",
        path: "/v1/signout".into(),
        token: TokenSeen::Missing,
        role: None,
        body: "{}".into(),
        sign_out: Some(SignOut::Pat),
        ..good()
    })[0];
    assert!(revoke.what.contains("revokes the Personal Access Token"), "{revoke:?}");
    assert_eq!(revoke.row, Some("invalid-pat"));
}
