//! `settings.json` through the real tauri-plugin-store (on Tauri's mock runtime), as the app
//! reads and writes it: a file cut short by a crash, a value from a newer version, a reader
//! during a write. Each would lose every environment's progress (or show half a file) before.

use std::path::{Path, PathBuf};

use dxtra_api::ClientConfig;
use dxtra_tests::network::scratch;
use dxtra_wizard_lib::keychain::SessionMemory;
use dxtra_wizard_lib::settings::{SettingsBackend, SettingsPatch};
use dxtra_wizard_lib::settings_file::PluginStore;
use dxtra_wizard_lib::wizard::Wizard;
use serde_json::json;
use tauri::test::{mock_builder, MockRuntime};

/// The app's handle on the mock runtime (its store plugin is the app's own).
fn app() -> tauri::App<MockRuntime> {
    dxtra_wizard_lib::app(mock_builder(), Some(memory_wizard()))
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime")
}

fn memory_wizard() -> Wizard {
    Wizard::new(
        Box::new(SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        ClientConfig::default(),
        None,
    )
}

/// Settings with progress in two environments and Custom URLs, as a user's file holds them.
fn a_users_settings() -> serde_json::Value {
    json!({ "settings": {
        "environment": "custom",
        "customAuthUrl": "https://auth.acme.example",
        "customGraphqlUrl": "https://api.acme.example/v1/graphql",
        "progress": {
            "production": { "stepReached": 4, "controllerId": "11111111-2222-4333-8444-555555555555" },
            "sandbox": { "stepReached": 3 }
        }
    }})
}

fn open(app: &tauri::App<MockRuntime>, path: &Path) -> PluginStore<MockRuntime> {
    PluginStore::open(app.handle(), path).expect("the store opens")
}

fn settings_path(name: &str) -> PathBuf {
    scratch(name).join("settings.json")
}

#[test]
fn a_file_cut_short_by_a_crash_is_kept_aside_said_once_and_the_app_starts() {
    let app = app();
    let path = settings_path("settings-cut");
    let whole = serde_json::to_vec_pretty(&a_users_settings()).unwrap();
    let cut = &whole[..whole.len() / 2];
    std::fs::write(&path, cut).unwrap();

    let store = open(&app, &path);
    let settings = store.load();
    assert_eq!(settings, Default::default(), "nothing readable in half a file");
    let notice = store.notice().expect("the user is told");
    assert!(notice.contains("ends early") && notice.contains("settings.json.bad"), "{notice}");
    assert_eq!(std::fs::read(store.bad_path()).unwrap(), cut, "the file as it was is kept");
    let rewritten: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(rewritten["settings"].is_object(), "settings.json is readable again: {rewritten}");

    let next_launch = open(&app, &path);
    next_launch.load();
    assert_eq!(next_launch.notice(), None, "said once: the next launch reads a good file");
}

#[test]
fn a_value_from_a_newer_version_loses_only_itself() {
    let app = app();
    let path = settings_path("settings-newer");
    let mut file = a_users_settings();
    file["settings"]["environment"] = json!("preview");
    std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();

    let store = open(&app, &path);
    let wizard =
        Wizard::new(Box::new(SessionMemory::default()), Box::new(store), ClientConfig::default(), None);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let status = runtime.block_on(wizard.first_status());
    assert_eq!(status.settings.custom_auth_url, "https://auth.acme.example", "the Custom URLs are kept");
    let notice = status.settings_notice.expect("the user is told");
    assert!(notice.contains("the environment chosen") && notice.contains(".bad"), "{notice}");

    let patch: SettingsPatch = serde_json::from_value(json!({ "environment": "production" })).unwrap();
    let status = runtime.block_on(wizard.save_settings(patch)).unwrap();
    assert_eq!(status.settings.step_reached, 4, "production's progress survived the unreadable field");
    assert_eq!(
        status.settings.controller_id, "11111111-2222-4333-8444-555555555555",
        "and its controller too"
    );
}

#[test]
fn a_reader_during_writes_sees_the_old_file_or_the_new_never_half() {
    let app = app();
    let path = settings_path("settings-atomic");
    let store = std::sync::Arc::new(open(&app, &path));
    let mut settings = store.load();
    settings.custom_auth_url = format!("https://auth.acme.example/{}", "x".repeat(4000));
    store.save(&settings).unwrap();

    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                let bytes = std::fs::read(&path).expect("the file is always there");
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("read {reads}: half a file ({} bytes): {e}", bytes.len()));
                reads += 1;
            }
            reads
        })
    };
    for round in 0..400 {
        settings.custom_graphql_url = format!("https://api.acme.example/{round}");
        store.save(&settings).unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let reads = reader.join().expect("every read was a whole file");
    assert!(reads > 0);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "settings.json")
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind: {leftovers:?}");
    assert_eq!(open(&app, &path).load(), settings, "the last write is what is read back");
}
