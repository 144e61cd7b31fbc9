#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/src-tauri/scripts/setup.sh" test
cd "$root"

echo "==> Rust: formatting (rustfmt.toml) and lints (clippy, warnings are errors)"
command -v rustfmt >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> Rust: the whole workspace type-checks for Windows and macOS (Debian's rustc-web, std from source; nothing linked)"
bash tests/cross-check.sh

echo "==> Rust: unit tests, the sandbox binary, and the client against the sandbox over loopback (and through mitmproxy)"
cargo test --workspace --locked

echo "==> The desktop's proxy settings, read for real: GNOME's (gsettings, dconf) in a private D-Bus session, KDE's file; fresh XDG folders"
private="$(mktemp -d)"
mkdir -p "$private/config" "$private/data" "$private/cache" "$private/runtime"
chmod 700 "$private/runtime"
DXTRA_PRIVATE_DESKTOP=1 GSETTINGS_BACKEND=dconf XDG_CONFIG_HOME="$private/config" XDG_DATA_HOME="$private/data" \
    XDG_CACHE_HOME="$private/cache" XDG_RUNTIME_DIR="$private/runtime" \
    dbus-run-session -- cargo test --workspace --test desktop_proxy --locked -- --ignored --test-threads=1

echo "==> Front end: validation, formatting and snippets (node's test runner)"
node --test tests/ui/
echo "==> The console's vendored editor (ui/vendor/editor.js) is what its lockfile builds"
bash src-tauri/editor/build.sh --check

echo "==> End to end: the real app under Xvfb via tauri-driver + WebKitWebDriver, GNOME Keyring, the sandbox"
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked --version '^2'
# axe-core, pinned by its lockfile, for the accessibility check of every step (light and dark).
(cd tests/e2e/axe && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# The app binary was built by the first step, with the same features (rebuilding it alone would
# unify features differently and compile Tauri again).
cargo test --workspace --locked --no-run
echo "==> The real keychain's failure modes: no Secret Service; an entry deleted outside the app; a locked keyring's prompt"
dbus-run-session --config-file="$root/tests/e2e/no-secret-service.conf" -- \
    cargo test --workspace --test keychain_dbus --locked -- --ignored --test-threads=1 with_no_secret_service
bash tests/e2e/with-desktop.sh cargo test --workspace --test keychain_dbus --locked -- --ignored --test-threads=1 deleted_outside
bash tests/e2e/with-desktop.sh cargo test --workspace --test keychain_dbus --locked -- --ignored --test-threads=1 locked_keyring
echo "==> The OS keychain itself (GNOME Keyring here; the workflow runs it on macOS and Windows): short and long origins kept, found, forgotten"
bash tests/e2e/with-desktop.sh cargo test --workspace --test keychain_native --locked -- --ignored --test-threads=1
bash tests/e2e/with-desktop.sh cargo test --workspace --test e2e --test e2e_steps --test e2e_desktop --test console_e2e --test network_e2e --test inspector_e2e --test first_frame --locked -- --ignored --test-threads=1

echo "==> The installable bundles (.deb, .rpm; debug build): unpacked, validated, started through the desktop entry"
bash src-tauri/scripts/bundle.sh --debug
bash tests/e2e/with-desktop.sh bash tests/bundle/check.sh "${CARGO_TARGET_DIR:-target}/debug/bundle"

echo "==> The benchmark in its quick mode (debug build, few runs): every figure is produced; speed is not judged"
bash tests/bench.sh --quick
