// The same app manifest mechanism as the app: one command, granted by the capability file.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["interactive"])),
    )
    .expect("tauri-build failed");
}
