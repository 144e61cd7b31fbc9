#!/usr/bin/env bash
# Installs what is missing, builds the app and opens the wizard.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/src-tauri/scripts/setup.sh" app
cd "$root"
exec cargo run -p dxtra-wizard
