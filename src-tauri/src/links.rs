//! Dxtra's dashboard: where the guide's pages live, the links step 4 and the summary point at,
//! and the one site the window may open in the system browser. Only addresses: opening them is
//! the window's job.

/// The dashboard the guide's pages live in.
pub const DASHBOARD: &str = "https://app.dxtra.ai";

/// The Assurance dashboard of one controller (its compliance score).
pub fn assurance(controller_id: &str) -> String {
    format!("{DASHBOARD}/data-controllers/{controller_id}/dashboard/assurance")
}

/// Whether `url` may be opened in the system browser: Dxtra's dashboard only (the opener's scope).
pub fn is_dashboard(url: &url::Url) -> bool {
    url.scheme() == "https" && url.host_str() == Some("app.dxtra.ai")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_dashboard_over_https_is_the_dashboard() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        assert!(is_dashboard(&url(&assurance("x"))));
        assert!(is_dashboard(&url(DASHBOARD)));
        for other in [
            "http://app.dxtra.ai/",
            "https://app.dxtra.ai.evil.example/",
            "https://evil.example/?https://app.dxtra.ai",
        ] {
            assert!(!is_dashboard(&url(other)), "{other}");
        }
    }
}
