// The app manifest makes each command need an explicit permission: the capability file in
// capabilities/ grants exactly the wizard's commands. Keep this list equal to `COMMANDS` in lib.rs.
const COMMANDS: &[&str] = &[
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

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
