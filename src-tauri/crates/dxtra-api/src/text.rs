//! Finding and replacing a secret in text whatever its letter case (a server may echo a PAT
//! upper-cased): a leaf, so that the wire's redaction and the errors' can both use it.

/// Whether `text` contains `needle`, ASCII case ignored.
pub fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    !needle.is_empty() && text.to_ascii_lowercase().contains(&needle.to_ascii_lowercase())
}

/// `text` with every `needle` (ASCII case ignored) replaced by `with`.
pub(crate) fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so matches in the copy are matches in the text.
    let lower = text.to_ascii_lowercase();
    let needle = needle.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find(&needle) {
        out.push_str(&text[at..at + found]);
        out.push_str(with);
        at += found + needle.len();
    }
    out.push_str(&text[at..]);
    out
}
