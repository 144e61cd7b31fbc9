//! The proxy the desktop is set to, for an app started from a menu (which never sees a shell's
//! environment variables): GNOME's `org.gnome.system.proxy` through GSettings and KDE's
//! `kioslaverc` on Linux; the system configuration on macOS and Windows through `hyper-util`.
//! A PAC URL or automatic detection (WPAD) is reported, not run. The environment variables are
//! `proxy.rs`'s, read before this.

use hyper_util::client::proxy::matcher::Matcher;

/// What the desktop's settings say.
pub(crate) struct Desktop {
    /// "GNOME proxy settings", "KDE proxy settings", "macOS network settings", …
    pub source: String,
    /// The proxy rules, when a proxy is set.
    pub matcher: Option<Matcher>,
    /// A PAC URL, or "automatic detection (WPAD)".
    pub pac: Option<String>,
}

/// The desktop's proxy settings, if it has any (reads files or GSettings: a few milliseconds).
pub(crate) fn read() -> Option<Desktop> {
    imp::read()
}

/// Rules from host:port strings and a bypass list (the form GNOME and KDE keep).
#[allow(dead_code)]
fn matcher(http: Option<String>, https: Option<String>, no: &[String]) -> Option<Matcher> {
    if http.is_none() && https.is_none() {
        return None;
    }
    // GNOME and KDE write `*.example.com`; the matcher's form is `.example.com`.
    let no: Vec<String> = no
        .iter()
        .map(|entry| entry.trim().trim_start_matches('*').to_owned())
        .filter(|e| !e.is_empty())
        .collect();
    let mut builder = Matcher::builder().no(no.join(","));
    if let Some(http) = http {
        builder = builder.http(http);
    }
    if let Some(https) = https {
        builder = builder.https(https);
    }
    Some(builder.build())
}

#[cfg(target_os = "linux")]
mod imp {
    use super::{matcher, Desktop};
    use gio::prelude::*;

    pub(super) fn read() -> Option<Desktop> {
        let desktop = std::env::var("XDG_CURRENT_DESKTOP").unwrap_or_default().to_ascii_uppercase();
        if desktop.split(':').any(|d| d == "KDE") {
            if let Some(kde) = kde() {
                return Some(kde);
            }
        }
        gnome()
    }

    /// `host` and `port` of a GNOME proxy child schema, as `http://host:port`.
    fn gnome_proxy(settings: &gio::Settings, child: &str) -> Option<String> {
        let child = settings.child(child);
        let host = child.string("host").to_string();
        let port = child.int("port");
        if host.trim().is_empty() || port <= 0 {
            return None;
        }
        let auth = if child.settings_schema().is_some_and(|s| s.has_key("use-authentication"))
            && child.boolean("use-authentication")
        {
            let user = child.string("authentication-user").to_string();
            let password = child.string("authentication-password").to_string();
            let mut url = url::Url::parse("http://x").ok()?;
            let _ = url.set_username(&user);
            let _ = url.set_password(Some(&password));
            format!("{}:{}@", url.username(), url.password().unwrap_or_default())
        } else {
            String::new()
        };
        Some(format!("http://{auth}{}:{port}", host.trim()))
    }

    fn gnome() -> Option<Desktop> {
        const SCHEMA: &str = "org.gnome.system.proxy";
        let source = gio::SettingsSchemaSource::default()?;
        let schema = source.lookup(SCHEMA, true)?;
        let settings = gio::Settings::new_full(&schema, None::<&gio::SettingsBackend>, None);
        let name = "GNOME proxy settings".to_owned();
        match settings.string("mode").as_str() {
            "manual" => {
                let no: Vec<String> = settings.strv("ignore-hosts").iter().map(|s| s.to_string()).collect();
                let http = gnome_proxy(&settings, "http");
                let https = gnome_proxy(&settings, "https");
                Some(Desktop { source: name, matcher: matcher(http, https, &no), pac: None })
            }
            "auto" => {
                let url = settings.string("autoconfig-url").to_string();
                let pac = if url.trim().is_empty() { "automatic detection (WPAD)".to_owned() } else { url };
                Some(Desktop { source: name, matcher: None, pac: Some(pac) })
            }
            _ => None,
        }
    }

    /// KDE writes `http://host port` or `http://host:port`.
    fn kde_proxy(value: Option<&str>) -> Option<String> {
        let value = value?.trim();
        if value.is_empty() {
            return None;
        }
        let value = match value.rsplit_once(' ') {
            Some((host, port)) if port.parse::<u16>().is_ok() => format!("{}:{port}", host.trim()),
            _ => value.to_owned(),
        };
        Some(if value.contains("://") { value } else { format!("http://{value}") })
    }

    fn kde() -> Option<Desktop> {
        let config = std::env::var_os("XDG_CONFIG_HOME").map(std::path::PathBuf::from).or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::PathBuf::from(home).join(".config"))
        })?;
        let ini = ini::Ini::load_from_file(config.join("kioslaverc")).ok()?;
        let section = ini.section(Some("Proxy Settings"))?;
        let name = "KDE proxy settings".to_owned();
        match section.get("ProxyType").map(str::trim) {
            Some("1") => {
                let no: Vec<String> =
                    section.get("NoProxyFor").unwrap_or_default().split(',').map(str::to_owned).collect();
                let http = kde_proxy(section.get("httpProxy"));
                let https = kde_proxy(section.get("httpsProxy"));
                Some(Desktop { source: name, matcher: matcher(http, https, &no), pac: None })
            }
            Some("2") => Some(Desktop {
                source: name,
                matcher: None,
                pac: Some(section.get("Proxy Config Script").unwrap_or("a PAC script").to_owned()),
            }),
            Some("3") => {
                Some(Desktop { source: name, matcher: None, pac: Some("automatic detection (WPAD)".into()) })
            }
            _ => None,
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn kde_writes_host_space_port() {
            for (value, expected) in [
                ("http://proxy.corp 3128", Some("http://proxy.corp:3128")),
                ("http://proxy.corp:3128", Some("http://proxy.corp:3128")),
                ("proxy.corp 8080", Some("http://proxy.corp:8080")),
                ("", None),
            ] {
                assert_eq!(super::kde_proxy(Some(value)).as_deref(), expected, "{value}");
            }
        }
    }
}

#[cfg(any(target_os = "macos", windows))]
mod imp {
    use super::Desktop;
    use hyper_util::client::proxy::matcher::Matcher;

    pub(super) fn read() -> Option<Desktop> {
        let source = if cfg!(windows) { "Windows proxy settings" } else { "macOS network settings" };
        // The environment was read first and was empty, so what this finds is the system's.
        let matcher = Matcher::from_system();
        let probe: http::Uri = "https://dxtra-proxy-probe.invalid/".parse().ok()?;
        let set = matcher.intercept(&probe).is_some();
        let pac = pac();
        (set || pac.is_some()).then(|| Desktop {
            source: source.to_owned(),
            matcher: set.then_some(matcher),
            pac,
        })
    }

    /// Internet Options' "Use setup script" address, or "Automatically detect settings".
    #[cfg(windows)]
    fn pac() -> Option<String> {
        let settings = windows_registry::CURRENT_USER
            .open("Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings")
            .ok()?;
        match settings.get_string("AutoConfigURL") {
            Ok(url) if !url.trim().is_empty() => Some(url),
            // "Automatically detect settings" lives in a binary blob (flag 0x08 of byte 8).
            _ => windows_registry::CURRENT_USER
                .open("Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections")
                .ok()
                .and_then(|c| c.get_value("DefaultConnectionSettings").ok())
                .filter(|blob| blob.get(8).is_some_and(|flags| flags & 0x08 != 0))
                .map(|_| "automatic detection (WPAD)".to_owned()),
        }
    }

    /// Network settings' "Automatic proxy configuration" URL, or "Auto proxy discovery".
    #[cfg(target_os = "macos")]
    fn pac() -> Option<String> {
        use system_configuration::core_foundation::number::CFNumber;
        use system_configuration::core_foundation::string::{CFString, CFStringRef};
        use system_configuration::dynamic_store::SCDynamicStoreBuilder;
        use system_configuration::sys::schema_definitions::{
            kSCPropNetProxiesProxyAutoConfigEnable, kSCPropNetProxiesProxyAutoConfigURLString,
            kSCPropNetProxiesProxyAutoDiscoveryEnable,
        };
        let store = SCDynamicStoreBuilder::new("dxtra-first-integration").build()?;
        let proxies = store.get_proxies()?;
        let flag = |key: CFStringRef| {
            proxies.find(key).and_then(|v| v.downcast::<CFNumber>()).and_then(|n| n.to_i32()).unwrap_or(0)
                == 1
        };
        // SAFETY: the framework's static CFString constants, as hyper-util reads them.
        let (config, url_key, discovery) = unsafe {
            (
                kSCPropNetProxiesProxyAutoConfigEnable,
                kSCPropNetProxiesProxyAutoConfigURLString,
                kSCPropNetProxiesProxyAutoDiscoveryEnable,
            )
        };
        if flag(config) {
            let url = proxies.find(url_key).and_then(|v| v.downcast::<CFString>());
            return Some(url.map_or_else(|| "a PAC script".to_owned(), |u| u.to_string()));
        }
        flag(discovery).then(|| "automatic detection (WPAD)".to_owned())
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod imp {
    pub(super) fn read() -> Option<super::Desktop> {
        None
    }
}
