#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/src-tauri/scripts/setup.sh" test
cd "$root"

echo "==> Rust: unit tests, the sandbox binary, and the client against the sandbox over loopback"
cargo test --workspace --locked

echo "==> Front end: validation, formatting and snippets (node's test runner)"
node --test tests/ui/
