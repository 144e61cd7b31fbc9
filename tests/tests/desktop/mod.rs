//! The end-to-end tests' harness: the real app under `tauri-driver`, its own data folders, a
//! WebDriver session, and the keychain seen through `secret-tool`. Shared by `e2e.rs` and
//! `console_e2e.rs`; each uses part of it.
#![allow(dead_code)]

mod axe;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The app's data, config and cache folders under `home`: each launch on `home` is the same install.
pub fn folders(home: &Path) -> [(&'static str, PathBuf); 3] {
    [
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The app under tauri-driver, with its own data, config and cache folders under `home`.
pub struct App {
    pub client: Client,
    driver: Child,
    /// Marks every process of this launch (driver, app, WebKit) in its environment.
    tag: String,
}

/// A test that fails leaves no app behind: with one instance per desktop session, a window left
/// open would swallow every later launch.
impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            kill_tagged(&self.tag);
        }
    }
}

/// Kills every process whose environment carries `DXTRA_E2E_RUN=tag`.
pub fn kill_tagged(tag: &str) {
    let needle = format!("DXTRA_E2E_RUN={tag}");
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|var| var == needle.as_bytes()) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
    }
}

impl App {
    pub async fn launch(home: &Path) -> App {
        App::launch_with(home, &[]).await
    }

    /// Launches with extra environment variables for the app (e.g. the desktop's theme).
    pub async fn launch_with(home: &Path, env: &[(&str, &str)]) -> App {
        // Creating a WebDriver session now and then fails while a previous app is still closing
        // on a loaded machine; a new driver on new ports gets through. App failures still fail.
        let mut failures = Vec::new();
        for _ in 0..3 {
            match App::try_launch(home, env).await {
                Ok(app) => {
                    app.until("the wizard is loaded", "return !!window.__TAURI_INTERNALS__ && document.getElementById('busy').hidden && !!document.querySelector('section.step:not([hidden])') && !document.documentElement.classList.contains('starting')").await;
                    return app;
                }
                Err(failure) => failures.push(failure),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        panic!("no WebDriver session with the app: {failures:#?}");
    }

    pub async fn try_launch(home: &Path, env: &[(&str, &str)]) -> Result<App, String> {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| workspace().join("target"), |dir| workspace().join(dir));
        let app = target.join(format!("debug/dxtra-wizard{}", std::env::consts::EXE_SUFFIX));
        assert!(app.exists(), "build the app first: cargo build -p dxtra-wizard");
        let port = free_port();
        let tag = format!("{}-{port}", std::process::id());
        // The app's log lands under `home`, where the leak check reads it too.
        let log = home.join(format!("app-{port}.log"));
        let output = std::fs::File::create(&log).unwrap();
        let mut driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            // Windows' msedgedriver where the workflow put it (WebKitWebDriver is found on PATH).
            .args(
                std::env::var_os("DXTRA_NATIVE_DRIVER")
                    .map(|d| [std::ffi::OsString::from("--native-driver"), d])
                    .into_iter()
                    .flatten(),
            )
            .envs(folders(home))
            .env("RUST_LOG", "trace")
            .env("DXTRA_E2E_RUN", &tag)
            // The app renders in software by default on Linux (see lib.rs::run); WebKitWebDriver
            // under Xvfb never answers in that mode, so the window under test composites (the
            // benchmark starts the default mode every run).
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
            .envs(env.iter().copied())
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .stdin(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (tests/run.sh installs it)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = driver.kill();
                let _ = driver.wait();
                return Err("tauri-driver did not start".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": app }));
        // tauri-driver speaks plain HTTP on loopback: no TLS connector needed.
        // A window that never appears (an app that exited at once) leaves WebKitWebDriver waiting
        // for ever: give up after a minute.
        let url = format!("http://127.0.0.1:{port}");
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let session = tokio::time::timeout(Duration::from_secs(60), builder.connect(&url)).await;
        match session
            .map_err(|_| "no window within 60 s".to_owned())
            .and_then(|s| s.map_err(|e| e.to_string()))
        {
            Ok(client) => Ok(App { client, driver, tag }),
            Err(error) => {
                kill_tagged(&tag);
                let _ = driver.kill();
                let _ = driver.wait();
                let tail: String = std::fs::read_to_string(&log)
                    .unwrap_or_default()
                    .lines()
                    .rev()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join(" | ");
                Err(format!("{error}; log: {tail}"))
            }
        }
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Let the app finish closing before anything starts another.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Waits until `script` returns true.
    pub async fn until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            if self.client.execute(script, vec![]).await.ok() == Some(Value::Bool(true)) {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                self.failure_shot(what).await;
                let state = self.js("return [document.getElementById('error-panel').innerText, document.getElementById('announcer').textContent, document.getElementById('busy').hidden]").await;
                panic!("timed out waiting until {what}; error panel, announcement, idle: {state}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        // As a person would: bring it fully into view first.
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await;
        if let Err(error) = element.click().await {
            self.failure_shot(css).await;
            panic!("clicking {css}: {error}");
        }
    }

    /// Clicks as a person would, even on a disabled button (which then ignores it).
    pub async fn click_anyway(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        let _ = element.click().await;
    }

    /// Saves what the window shows, for a failing test's reader (tests/artifacts/).
    pub async fn failure_shot(&self, what: &str) {
        let dir = workspace().join("tests/artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let name: String = what.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("failure-{name}.png")), png);
        }
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Types into whatever has the focus, as a keyboard would.
    pub async fn keys(&self, keys: &str) {
        self.client.active_element().await.unwrap().send_keys(keys).await.unwrap();
    }

    pub async fn focused(&self) -> String {
        self.js("return document.activeElement.id || document.activeElement.className")
            .await
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// Presses Tab until the element `id` has the focus, returning the ids passed on the way.
    pub async fn tab_to(&self, id: &str) -> Vec<String> {
        let mut path = Vec::new();
        for _ in 0..20 {
            self.keys(&Key::Tab.to_string()).await;
            let now = self.focused().await;
            path.push(now.clone());
            if now == id {
                return path;
            }
        }
        panic!("Tab never reached #{id}: {path:?}");
    }

    pub async fn text(&self, css: &str) -> String {
        self.client.find(Locator::Css(css)).await.unwrap().text().await.unwrap()
    }

    pub async fn step_shown(&self, step: u8) {
        self.until(
            &format!("step {step} shows"),
            &format!("return !document.getElementById('step-{step}').hidden"),
        )
        .await;
    }

    /// Until the console has read the schema (its editor loaded): the page has settled, and a
    /// click no longer lands on a row that moved under the pointer.
    pub async fn console_schema_read(&self) {
        self.until(
            "the schema is read",
            "return document.getElementById('console-schema').textContent.startsWith('Schema read')",
        )
        .await;
    }

    /// From step 4, Console, until its schema is read.
    pub async fn open_console(&self) {
        self.click("#to-console").await;
        self.step_shown(5).await;
        self.console_schema_read().await;
    }

    /// Step 1 as a user fills it for a Custom environment (the two URLs, a PAT, optionally a
    /// controller), saved, until step 2 shows.
    pub async fn save_custom(
        &self,
        auth_url: &str,
        graphql_url: &str,
        pat: &str,
        controller_id: Option<&str>,
    ) {
        self.step_shown(1).await;
        self.click("#env-custom").await;
        self.until("the URL fields show", "return !document.getElementById('custom-urls').hidden").await;
        self.idle().await;
        self.fill("#custom-auth-url", auth_url).await;
        self.fill("#custom-graphql-url", graphql_url).await;
        self.fill("#pat", pat).await;
        if let Some(id) = controller_id {
            self.fill("#controller-id", id).await;
        }
        // The spinner covers the form while the keychain is read: a click then would hit it.
        self.idle().await;
        self.click("#save-credentials").await;
        self.step_shown(2).await;
    }

    /// Waits until no call is in flight, and none follows within 200 ms (one call often starts
    /// another: switching environment, then reading that environment's PAT from the keychain).
    pub async fn idle(&self) {
        loop {
            self.until("no call is in flight", "return document.getElementById('busy').hidden").await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            if self.js("return document.getElementById('busy').hidden").await == json!(true) {
                return;
            }
        }
    }

    /// Waits until exactly one primary (blue) button is visible, `id`: the state's next action.
    pub async fn primary_is(&self, id: &str, state: &str) {
        let script = "return [...document.querySelectorAll('button.primary')].filter((b) => b.getClientRects().length > 0).map((b) => b.id)";
        let started = Instant::now();
        loop {
            let shown = self.js(script).await;
            if shown == json!([id]) {
                return;
            }
            if started.elapsed() > Duration::from_secs(10) {
                self.failure_shot(&format!("primary {state}")).await;
                panic!("{state}: the primary buttons are {shown}, not [{id}]");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// No notice on screen covers a control of the step shown.
    pub async fn toasts_cover_nothing(&self, state: &str) {
        let covered = self
            .js("const toasts = [...document.querySelectorAll('#toasts .toast')].map((t) => t.getBoundingClientRect()); \
                 const step = document.querySelector('.step:not([hidden])'); \
                 const controls = [...step.querySelectorAll('button, input, select, textarea, a, summary')].filter((c) => c.getClientRects().length > 0); \
                 const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; \
                 return controls.filter((c) => toasts.some((t) => hit(t, c.getBoundingClientRect()))).map((c) => c.id || c.textContent.trim())")
            .await;
        assert_eq!(covered, json!([]), "{state}: a notice covers a control");
    }

    /// At `width`×`height`: nothing runs off the window or out of its box sideways (text
    /// included; code scrolls inside its own panel), and exactly `primary` is the blue button.
    /// The picture goes to target/screenshots/sizes/ (not committed: the matrix is large).
    pub async fn shows_well_at(&self, width: u32, height: u32, primary: &str, state: &str) {
        self.client.set_window_rect(0, 0, width, height).await.unwrap();
        self.until(
            &format!("{state}: the window is {width} wide"),
            &format!("return Math.abs(window.outerWidth - {width}) < 40"),
        )
        .await;
        self.primary_is(primary, &format!("{state} at {width}×{height}")).await;
        let overflow = self.overflowing().await;
        assert_eq!(overflow, json!([]), "{state} at {width}×{height}: something runs out sideways");
        self.shot_to("sizes", &format!("{state}-{width}")).await;
    }

    /// What runs out sideways: "the page" when the window scrolls sideways, and each box whose
    /// content is wider than it and does not scroll itself (nor sits in a panel that scrolls).
    pub async fn overflowing(&self) -> Value {
        self.js("const scrolls = (e) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX); \
                 const shown = (e) => e.getClientRects().length > 0 && !e.closest('[hidden], details:not([open]) > :not(summary)'); \
                 const wide = [...document.querySelectorAll('main *, aside *, header *')].filter((e) => shown(e) && e.clientWidth > 0 && !e.matches('input, textarea, select') \
                   && !scrolls(e) && e.scrollWidth > e.clientWidth + 1 && ![...document.querySelectorAll('pre, table, .editor')].some((s) => s !== e && s.contains(e) && scrolls(s))); \
                 const inScroller = (e) => [...document.querySelectorAll('pre, table, .editor, .progress button')].some((s) => s !== e && s.contains(e) && scrolls(s)); \
                 const out = [...document.querySelectorAll('body *')].filter((e) => shown(e) && !inScroller(e) && e.getBoundingClientRect().right > window.innerWidth + 1); \
                 const page = document.documentElement.scrollWidth > window.innerWidth + 1 ? [`the page (${out.slice(-3).map((e) => e.id || e.tagName).join(', ')})`] : []; \
                 return page.concat(wide.map((e) => e.id || `${e.tagName.toLowerCase()}.${e.className}`))")
            .await
    }

    pub async fn screenshot(&self, name: &str) {
        self.shot_to("", name).await;
    }

    async fn shot_to(&self, under: &str, name: &str) {
        // Let the last change be painted before the picture is taken: wait for two frames.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = self
            .client
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", vec![])
            .await;
        let png = self.client.screenshot().await.unwrap();
        let dir = if under.is_empty() {
            workspace().join("tests/screenshots")
        } else {
            workspace().join("target/screenshots").join(under)
        };
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Calls a command as the page does, returning what the webview receives.
    pub async fn ipc(&self, command: &str, args: Value) -> Value {
        self.client
            .execute_async(
                "const [cmd, args, done] = arguments; window.__TAURI_INTERNALS__.invoke(cmd, args).then((ok) => done({ ok }), (err) => done({ err }));",
                vec![json!(command), args],
            )
            .await
            .unwrap()
    }
}

pub fn keychain_pat(environment: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", "ai.dxtra.first-integration", "username", &format!("pat:{environment}")])
        .output()
        .ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).to_string())
}

pub fn clear_keychain() {
    let _ = Command::new("secret-tool").args(["clear", "service", "ai.dxtra.first-integration"]).status();
}

/// A fresh folder for the app's data, config and cache, with its own Downloads folder.
pub fn temp_home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dxtra-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("config")).unwrap();
    let downloads = dir.join("Downloads");
    std::fs::write(
        dir.join("config/user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
    )
    .unwrap();
    dir
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Whether the button `id` says `label` where the user looks (on itself, on top: under no
/// dialog's backdrop) and screen readers heard `said`.
pub fn confirmed_on(id: &str, label: &str, said: &str) -> String {
    format!(
        "const b = document.getElementById({id:?}); const r = b.getBoundingClientRect(); \
         const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
         return b.textContent.includes({label:?}) && (top === b || b.contains(top)) \
           && document.getElementById('announcer').textContent.includes({said:?})"
    )
}

/// Whether a visible notice (not only the screen reader's region) says `text`.
pub fn notice_says(text: &str) -> String {
    format!("return [...document.querySelectorAll('#toasts .toast')].some((t) => t.offsetHeight > 0 && t.textContent.includes({text:?}))")
}
