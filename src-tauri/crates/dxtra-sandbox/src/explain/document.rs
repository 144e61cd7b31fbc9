//! The explanations of a GraphQL document the schema refused, read from Hasura's answer: an
//! unknown field (with the nearest root field), a variable declared but not sent, a variable used
//! but not declared, and an input value refused. What it leaves out: checking the document
//! itself (the sandbox's GraphQL layer did; its words are what is read here).

use super::seen::{Explanation, Seen};

/// Root fields of `query_root` and `mutation_root`, for "did you mean".
const ROOT_FIELDS: &[&str] =
    &["dataControllers", "dataSubjects", "dataSubject", "processingActivities", "createDataSubject"];

pub(super) fn document(seen: &Seen, found: &mut Vec<Explanation>) {
    unknown_field(seen, found);
    variables(seen, found);
}

fn unknown_field(seen: &Seen, found: &mut Vec<Explanation>) {
    if !seen.answer.contains("not found in type") {
        return;
    }
    let Some(name) = misspelt_field(&seen.answer) else { return };
    let nearest = ROOT_FIELDS
        .iter()
        .map(|f| (strsim::damerau_levenshtein(&name, f), *f))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let what = format!("The document asks for a field \"{name}\" the schema does not have.");
    let fix = match nearest {
        Some((_, field)) => format!("Did you mean `{field}`?"),
        None => "Check the name against the schema (the Console's docs list every field).".to_owned(),
    };
    found.push(Explanation { rule: "unknown-field", what, fix, row: None });
}

/// The name in Hasura's `field 'X' not found in type: …` (quoted with ' or ", escaped or not).
fn misspelt_field(answer: &str) -> Option<String> {
    answer.match_indices("field ").find_map(|(at, _)| {
        let rest = answer[at + 6..].trim_start_matches('\\');
        let rest = rest.strip_prefix(['\'', '"'])?;
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        (!name.is_empty()).then_some(name)
    })
}

/// The messages of Hasura's `errors` in the answer (none when it is not such an answer).
fn messages(seen: &Seen) -> Vec<String> {
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(&seen.answer) else { return Vec::new() };
    let errors = answer.get("errors").and_then(|e| e.as_array()).cloned().unwrap_or_default();
    errors.iter().filter_map(|e| e.get("message")?.as_str().map(str::to_owned)).collect()
}

/// The name just after `marker` in `message`, past quotes and `$`.
fn name_after(message: &str, marker: &str) -> Option<String> {
    let rest = &message[message.find(marker)? + marker.len()..];
    let name: String = rest
        .trim_start_matches(['"', '$', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The names under `variables` in the request body.
fn sent_variables(seen: &Seen) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(&seen.body)
        .ok()
        .and_then(|body| body.get("variables")?.as_object().map(|v| v.keys().cloned().collect()))
        .unwrap_or_default()
}

fn variables(seen: &Seen, found: &mut Vec<Explanation>) {
    let messages = messages(seen);
    let find = |marker: &str| messages.iter().find_map(|m| name_after(m, marker));
    if let Some(name) = find("expecting a value for non-nullable variable:") {
        let sent = sent_variables(seen);
        let sent =
            if sent.is_empty() { "none were sent".to_owned() } else { format!("sent: {}", sent.join(", ")) };
        found.push(Explanation {
            rule: "missing-variable",
            what: format!(
                "The document declares ${name} as required, but \"variables\" has no \"{name}\" ({sent})."
            ),
            fix: format!(
                "Send \"variables\": {{\"{name}\": …}} beside \"query\", spelt exactly as in the document."
            ),
            row: None,
        });
    }
    if let Some(name) =
        messages.iter().filter(|m| m.ends_with("is not defined")).find_map(|m| name_after(m, "Variable"))
    {
        found.push(Explanation {
            rule: "undeclared-variable",
            what: format!("The document uses ${name} without declaring it."),
            fix: format!("Declare it on the operation with its type, e.g. query (${name}: uuid!) {{ … }}, and send it in \"variables\"."),
            row: None,
        });
    }
    let refused = messages.iter().find(|m| {
        m.starts_with("Invalid value for argument") || m.starts_with("invalid input syntax for type")
    });
    if let Some(message) = refused {
        let fix = if message.contains("type uuid") {
            "IDs are UUIDs: send the ID exactly as the API gave it (dataControllers lists yours)."
        } else {
            "Give the input the fields and types the schema asks for (the Console's docs show each input type)."
        };
        found.push(Explanation {
            rule: "input-refused",
            what: format!("The schema refused an input value: {message}."),
            fix: fix.to_owned(),
            row: None,
        });
    }
}
