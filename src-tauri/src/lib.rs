//! The Tauri shell of the Dxtra First Integration app: plugins, state and the command list.
//! All API work lives in `dxtra-api`; the wizard's logic in [`wizard`], free of Tauri; the
//! window and its desktop behaviour in [`window`].

pub mod about;
pub mod backdrop;
pub mod bench;
pub mod clock;
pub mod commands;
pub mod console;
pub mod error;
pub mod files;
pub mod forwarder;
pub mod keychain;
pub mod links;
pub mod logs;
pub mod network;
pub mod os;
pub mod progress;
pub mod requests;
pub mod sandbox;
pub mod settings;
pub mod settings_file;
pub mod shell;
pub mod starter;
pub mod stores;
pub mod validate;
pub mod verify;
pub mod window;
pub mod wizard;

use dxtra_api::ClientConfig;
use tauri::{AppHandle, Builder, Manager, Runtime};

use crate::keychain::Keychain;
use crate::settings_file::PluginStore;
use crate::wizard::Wizard;

/// The names in `generate_handler!` below, for the build script's app manifest and tests.
pub const COMMANDS: &[&str] = &[
    "get_settings",
    "save_settings",
    "save_pat",
    "forget_pat",
    "start_sandbox",
    "sign_in",
    "session_status",
    "list_controllers",
    "create_data_subject",
    "verify",
    "code_snippets",
    "request_log",
    "preview_endpoints",
    "check_connection",
    "interactive",
    "about",
    "open_logs_folder",
    "create_starter",
    "graphql_schema",
    "run_graphql",
    "console_history",
    "clear_console_history",
    "network_settings",
    "save_network_settings",
    "inspector_entries",
    "start_forwarder",
    "stop_forwarder",
];

/// The app on any runtime. With `wizard` (tests), that state is used; without, it is built
/// at start-up over the real keychain and the settings file in the app's data folder.
///
/// The real app is also a single instance (a second launch shows the running window and exits)
/// and remembers its window's geometry; tests with their own `wizard` get neither.
pub fn app<R: Runtime>(builder: Builder<R>, wizard: Option<Wizard>) -> Builder<R> {
    // First, so a second launch exits before anything else starts.
    let builder = match wizard {
        Some(_) => builder,
        None => builder
            .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| window::show_running_window(app))),
    };
    let builder =
        builder.plugin(tauri_plugin_store::Builder::new().build()).plugin(tauri_plugin_opener::init());
    let builder = match wizard {
        Some(wizard) => builder.manage(wizard),
        None => builder
            .plugin(
                tauri_plugin_window_state::Builder::default().with_state_flags(window::geometry()).build(),
            )
            .setup(|app| {
                logs::init(app.path().app_log_dir().ok().as_deref());
                let wizard = real_wizard(app.handle())?;
                tauri::async_runtime::block_on(bench::prepare(&wizard));
                app.manage(wizard);
                window::open_window(app.handle())?;
                bench::phase("window");
                Ok(())
            }),
    };
    builder.invoke_handler(tauri::generate_handler![
        commands::get_settings,
        commands::save_settings,
        commands::save_pat,
        commands::forget_pat,
        commands::start_sandbox,
        commands::sign_in,
        commands::session_status,
        commands::list_controllers,
        commands::create_data_subject,
        commands::verify,
        commands::code_snippets,
        commands::request_log,
        commands::preview_endpoints,
        commands::check_connection,
        commands::interactive,
        commands::about,
        commands::open_logs_folder,
        commands::create_starter,
        commands::graphql_schema,
        commands::run_graphql,
        commands::console_history,
        commands::clear_console_history,
        commands::network_settings,
        commands::save_network_settings,
        commands::inspector_entries,
        commands::start_forwarder,
        commands::stop_forwarder,
    ])
}

fn real_wizard<R: Runtime>(handle: &AppHandle<R>) -> Result<Wizard, Box<dyn std::error::Error>> {
    let store = PluginStore::open(handle, "settings.json")?;
    let data = handle.path().app_data_dir()?;
    std::fs::create_dir_all(&data)?;
    let sandbox_state = data.join("sandbox-state.json");
    Ok(Wizard::new(Box::new(Keychain), Box::new(store), ClientConfig::default(), Some(sandbox_state)))
}

/// Builds and runs the app until its last window closes.
pub fn run() {
    bench::phase("main");
    // WebKitGTK's accelerated compositing renders this page of forms through OpenGL: measured with
    // tests/bench.sh under Xvfb (Mesa's llvmpipe, fresh folders), it compiled shaders on every
    // start and made start-up 3.2 s instead of 0.75 s, for no visible gain. Software rendering
    // unless the user asks otherwise. Set before any thread or GTK starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    app(tauri::Builder::default(), None)
        .build(tauri::generate_context!())
        .expect("the Tauri runtime failed to start")
        .run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                logs::flush();
            }
        });
}
