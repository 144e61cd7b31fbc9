//! Which desktop the app runs on, and its name and version as About and Copy diagnostics show
//! them ("Debian 12.8 (bookworm), x86_64", "Mac OS 14.5.0 (Sonoma), aarch64", "Windows 11 Pro
//! 10.0.22631, x86_64"), read through `os_info` (release files on Linux, `sw_vers` on macOS, the registry on Windows).
//! A leaf: the per-platform wording of other modules takes an [`Os`] so every platform's branch is
//! tested on any machine; only [`Os::CURRENT`] and [`name`] ask the platform.

/// A desktop platform the app is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    /// The platform this build runs on (the BSDs and others count as Linux: a Secret Service
    /// keyring and a POSIX shell).
    pub const CURRENT: Os = if cfg!(target_os = "macos") {
        Os::MacOs
    } else if cfg!(windows) {
        Os::Windows
    } else {
        Os::Linux
    };
}

/// The OS's name and version with the architecture. Runs a program on macOS and reads files or
/// the registry elsewhere: call it on a blocking thread.
pub fn name() -> String {
    let info = os_info::get();
    let version = info.version().to_string();
    describe(&info.os_type().to_string(), info.edition(), &version, info.codename(), std::env::consts::ARCH)
}

/// One line from what `os_info` read: the edition where there is one (on Windows it names the
/// release, "Windows 11 Pro"), else the product; the version unless unknown or already said; the
/// release's code name; the architecture.
fn describe(
    product: &str,
    edition: Option<&str>,
    version: &str,
    codename: Option<&str>,
    arch: &str,
) -> String {
    let mut text = edition.filter(|e| !e.is_empty()).unwrap_or(product).to_owned();
    if version != "Unknown" && !version.is_empty() && !text.contains(version) {
        text.push(' ');
        text.push_str(version);
    }
    if let Some(codename) = codename.filter(|c| !c.is_empty()) {
        text.push_str(&format!(" ({codename})"));
    }
    format!("{text}, {arch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platform_names_its_product_version_and_release() {
        for (product, edition, version, codename, arch, shown) in [
            ("Mac OS", None, "14.5.0", Some("Sonoma"), "aarch64", "Mac OS 14.5.0 (Sonoma), aarch64"),
            (
                "Windows",
                Some("Windows 11 Pro"),
                "10.0.22631",
                None,
                "x86_64",
                "Windows 11 Pro 10.0.22631, x86_64",
            ),
            ("Debian", None, "12.8", Some("bookworm"), "x86_64", "Debian 12.8 (bookworm), x86_64"),
            ("Ubuntu", Some(""), "24.04", Some(""), "x86_64", "Ubuntu 24.04, x86_64"),
            ("Linux", None, "Unknown", None, "riscv64", "Linux, riscv64"),
        ] {
            assert_eq!(describe(product, edition, version, codename, arch), shown);
        }
    }

    #[test]
    fn this_machine_is_named_with_its_version() {
        let shown = name();
        assert!(shown.ends_with(std::env::consts::ARCH), "{shown}");
        assert!(shown.len() > std::env::consts::ARCH.len() + 4, "{shown}");
        // Where the release file says which release this is, About says it too.
        if let Ok(release) = std::fs::read_to_string("/etc/os-release") {
            let version = release
                .lines()
                .find_map(|line| line.strip_prefix("VERSION_ID="))
                .map(|v| v.trim_matches('"').to_owned());
            if let Some(version) = version {
                assert!(shown.contains(&version), "{shown} does not name version {version}");
            }
        }
    }
}
