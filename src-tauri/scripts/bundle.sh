#!/usr/bin/env bash
# Builds the installable bundles: a .deb and an .rpm, and an AppImage where its tools can be had.
#   bash src-tauri/scripts/bundle.sh           release build (what users install)
#   bash src-tauri/scripts/bundle.sh --debug   debug build (the test command checks the packaging
#                                              this way without a second, optimised compile)
# The bundles land in target/<profile>/bundle/{deb,rpm,appimage}/ (under CARGO_TARGET_DIR when set).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/src-tauri/scripts/setup.sh" bundle
cd "$root"

if [ "${1:-}" = "--debug" ]; then
    profile=debug; cargo_flags=(); cli_flags=(--debug)
else
    profile=release; cargo_flags=(--release); cli_flags=()
fi

say "building the app ($profile)"
# The same command as the tests and the benchmark, so the binary and its features are shared.
cargo build --workspace --locked "${cargo_flags[@]}" --bin dxtra-wizard

say "packaging the .deb and the .rpm"
bash src-tauri/scripts/tauri-cli.sh bundle --ci "${cli_flags[@]}" --bundles deb,rpm

# The AppImage bundler downloads linuxdeploy and its AppRun from GitHub at bundle time; where
# only package registries are reachable it cannot, and that is said rather than failing the rest.
say "packaging the AppImage (needs linuxdeploy from github.com)"
if ! log="$(bash src-tauri/scripts/tauri-cli.sh bundle --ci "${cli_flags[@]}" --bundles appimage 2>&1)"; then
    reason="$(printf '%s\n' "$log" | grep -iE 'error|failed' | tail -n 2)"
    echo "AppImage: not built. The AppImage bundler could not get its tools: ${reason:-see the output above}" >&2
fi

say "bundles"
find "${CARGO_TARGET_DIR:-target}/$profile/bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.AppImage' \) \
    -printf '%10s bytes  %p\n' | sort -k3
