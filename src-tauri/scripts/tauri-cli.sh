#!/usr/bin/env bash
# Runs the Tauri CLI (v2): `cargo tauri` when installed, else the version pinned in
# src-tauri/scripts/tauri-cli/package-lock.json, installed with `npm ci` (npm ships it prebuilt,
# which takes seconds where `cargo install tauri-cli` compiles for minutes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
    exec cargo tauri "$@"
fi
cli="$here/tauri-cli/node_modules/.bin/tauri"
if [ ! -x "$cli" ]; then
    command -v npm >/dev/null 2>&1 || { echo "tauri-cli.sh: npm is missing (run src-tauri/scripts/setup.sh bundle)" >&2; exit 1; }
    (cd "$here/tauri-cli" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec "$cli" "$@"
