//! Free-form GraphQL documents (a console's): parsed before anything is sent, to tell which
//! operation runs, whether it is a mutation (never repeated, confirmed outside the Sandbox) and
//! what to call it in the request log.

use async_graphql_parser::types::{DocumentOperations, OperationType};
use serde_json::Value;

use crate::error::ApiError;
use crate::graphql::{Operation, OperationKind};

/// Largest document accepted (the server takes at most 1 MiB of body).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// Deepest nesting of brackets accepted, checked before parsing: the parser recurses first and
/// applies its own limit (64) after, so a document of 100,000 `{` could exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// The operation `operation_name` picks from `query` (or its only one), with `variables` (a JSON
/// object, or null for none). Refuses, naming the problem, a document that does not parse, has no
/// operation, several without a name picking one, a subscription, or variables that are not an object.
pub fn operation_from_document(
    query: &str,
    variables: Value,
    operation_name: Option<&str>,
) -> Result<Operation, ApiError> {
    let invalid = |message: String| ApiError::InvalidDocument { message };
    if query.trim().is_empty() {
        return Err(invalid("The editor is empty: write a query or a mutation.".into()));
    }
    if query.len() > MAX_DOCUMENT_BYTES {
        return Err(invalid(format!(
            "The document is {} KiB; at most {} KiB is sent.",
            query.len().div_ceil(1024),
            MAX_DOCUMENT_BYTES / 1024
        )));
    }
    let depth = graphql_nesting::nesting(query);
    if depth > MAX_NESTING {
        return Err(invalid(format!(
            "The document nests brackets {depth} levels deep; at most {MAX_NESTING} are accepted."
        )));
    }
    let variables = match variables {
        Value::Null => Value::Object(Default::default()),
        Value::Object(map) => Value::Object(map),
        other => {
            return Err(invalid(format!(
                "Variables must be a JSON object like {{\"id\": \"…\"}}, not {}.",
                json_type(&other)
            )))
        }
    };
    let document = async_graphql_parser::parse_query(query)
        .map_err(|error| invalid(format!("The GraphQL text does not parse: {error}")))?;
    let operation_name = operation_name.map(str::trim).filter(|name| !name.is_empty());
    let (name, operation) = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), None) => (None, operation),
        (DocumentOperations::Single(_), Some(wanted)) => {
            return Err(invalid(format!(
                "The document's only operation has no name, so `{wanted}` cannot be picked."
            )))
        }
        (DocumentOperations::Multiple(operations), Some(wanted)) => {
            match operations.iter().find(|(name, _)| name.as_str() == wanted) {
                Some((name, operation)) => (Some(name.to_string()), operation),
                None => return Err(invalid(format!("The document has no operation named `{wanted}`."))),
            }
        }
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            let (name, operation) = operations.iter().next().expect("one operation");
            (Some(name.to_string()), operation)
        }
        (DocumentOperations::Multiple(operations), None) => {
            let mut names: Vec<&str> = operations.keys().map(|n| n.as_str()).collect();
            names.sort_unstable();
            return Err(invalid(format!(
                "The document has {} operations ({}): pick the one to run.",
                names.len(),
                names.join(", ")
            )));
        }
    };
    let kind = match operation.node.ty {
        OperationType::Query => OperationKind::Read,
        OperationType::Mutation => OperationKind::Mutation,
        OperationType::Subscription => {
            return Err(invalid(
                "Subscriptions need a WebSocket; this console sends queries and mutations over HTTP.".into(),
            ))
        }
    };
    let label = match (&name, kind) {
        (Some(name), _) => name.clone(),
        (None, OperationKind::Read) => "query".to_owned(),
        (None, OperationKind::Mutation) => "mutation".to_owned(),
    };
    Ok(Operation { name: label.into(), query: query.to_owned(), variables, kind, operation_name: name })
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "a list",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "true or false",
        _ => "that",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tells_queries_from_mutations_and_names_them() {
        let read = operation_from_document("{ dataControllers { id } }", Value::Null, None).unwrap();
        assert_eq!(
            (read.kind, &*read.name, read.operation_name.as_deref()),
            (OperationKind::Read, "query", None)
        );
        assert_eq!(read.body()["variables"], json!({}));
        let doc = "query A { dataControllers { id } }\nmutation Make($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId } }";
        let make = operation_from_document(doc, json!({"input": {}}), Some("Make")).unwrap();
        assert_eq!((make.kind, &*make.name), (OperationKind::Mutation, "Make"));
        assert_eq!(make.body()["operationName"], "Make");
        let named = operation_from_document("mutation M { x }", Value::Null, None).unwrap();
        assert_eq!((named.kind, &*named.name), (OperationKind::Mutation, "M"));
    }

    #[test]
    fn refuses_what_cannot_be_sent_and_says_why() {
        let cases: [(&str, Value, Option<&str>, &str); 7] = [
            ("   ", Value::Null, None, "empty"),
            ("{ dataControllers { id }", Value::Null, None, "does not parse"),
            ("query A { a } query B { b }", Value::Null, None, "2 operations (A, B)"),
            ("query A { a } query B { b }", Value::Null, Some("C"), "no operation named `C`"),
            ("subscription { a }", Value::Null, None, "WebSocket"),
            ("{ a }", json!([1]), None, "not a list"),
            ("{ a }", Value::Null, Some("A"), "has no name"),
        ];
        for (query, variables, name, expected) in cases {
            let error = operation_from_document(query, variables, name).unwrap_err();
            assert_eq!(error.kind(), "invalid-document");
            assert!(error.to_string().contains(expected), "{query:?}: {error}");
        }
        let huge = format!("{{ a }}{}", " ".repeat(MAX_DOCUMENT_BYTES));
        assert!(operation_from_document(&huge, Value::Null, None)
            .unwrap_err()
            .to_string()
            .contains("The document is 257 KiB"));
        // Deep enough to exhaust a thread's stack if the parser saw it: refused before parsing.
        let deep = "{".repeat(120_000);
        assert!(operation_from_document(&deep, Value::Null, None)
            .unwrap_err()
            .to_string()
            .contains("120000 levels deep"));
        // Brackets inside strings, block strings and comments do not count.
        let quoted = format!("{{ a(s: \"{0}\", t: \"\"\"{0}\\\"\"\"{0}\"\"\") }} # {0}", "{[(".repeat(100));
        assert_eq!(graphql_nesting::nesting(&quoted), 2, "{quoted}");
        assert!(operation_from_document(&quoted, Value::Null, None).is_ok());
    }
}
