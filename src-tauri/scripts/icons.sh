#!/usr/bin/env bash
# Makes every icon size Tauri, the bundles and the desktop entry need from the one source image,
# icons/app-icon.svg, into icons/ (both are committed). Run it after changing the source.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$root/src-tauri/scripts/tauri-cli.sh" icon "$root/icons/app-icon.svg" --output "$root/icons"
# The app is for desktops: the mobile sets are not shipped.
rm -rf "$root/icons/android" "$root/icons/ios"
