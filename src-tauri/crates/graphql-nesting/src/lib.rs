//! How deep a GraphQL document nests its brackets, found by one linear scan, without parsing:
//! both the client (`dxtra-api`, before sending a console document) and the sandbox (before its
//! recursive parser, pest, sees a request) refuse a document nested deeper than they accept, so
//! a bracket bomb cannot exhaust a thread's stack. It counts `{`, `(` and `[` outside strings,
//! block strings and comments; it does not check that the document is valid GraphQL.

/// The deepest nesting of `{`, `(` and `[` outside strings and comments.
pub fn nesting(query: &str) -> usize {
    let bytes = query.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                // A block string ends at the next """ not escaped as \""".
                i += 3;
                while i < bytes.len() && !(bytes[i..].starts_with(b"\"\"\"") && bytes[i - 1] != b'\\') {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::nesting;

    #[test]
    fn counts_brackets_outside_strings_and_comments() {
        let table: &[(&str, usize)] = &[
            ("", 0),
            ("{ a }", 1),
            ("query { a(b: [1, {c: 2}]) { d } }", 4),
            ("{ a } { b { c } }", 2),
            ("{ a(s: \"{{{{\") }", 2),
            ("{ a(s: \"\\\"{{{\") }", 2),
            ("{ a(s: \"\"\"{{{ \\\"\"\" {{ \"\"\") }", 2),
            ("# {{{{{\n{ a }", 1),
            ("}}}} { a }", 1),
            ("{{{{", 4),
        ];
        for (document, deepest) in table {
            assert_eq!(nesting(document), *deepest, "{document:?}");
        }
        let bomb = format!("{}{}", "{ a ".repeat(100_000), "}".repeat(100_000));
        assert_eq!(nesting(&bomb), 100_000);
    }
}
