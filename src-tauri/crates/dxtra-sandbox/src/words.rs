//! Durations in words, as the Inspector says them ("40 s", "14 min", "3 h"). A leaf: the secrets'
//! descriptions and the explanations both say how long ago.

/// "40 s" under a minute, "14 min" under two hours, then "3 h".
pub(crate) fn span(secs: i64) -> String {
    match secs {
        s if s < 60 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s => format!("{} h", s / 3600),
    }
}
