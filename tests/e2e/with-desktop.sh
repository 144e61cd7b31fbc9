#!/usr/bin/env bash
# Runs a command as on a desktop: a private D-Bus session with GNOME Keyring's Secret Service
# (a throwaway keyring, unlocked at start) and an Xvfb display.
set -euo pipefail
if [ -z "${DXTRA_IN_DESKTOP:-}" ]; then
    export DXTRA_IN_DESKTOP=1
    exec dbus-run-session -- "$0" "$@"
fi
# The keyring's files go to a folder of their own, not the user's real keyrings.
keyrings="$(mktemp -d)"
printf 'dxtra-e2e' | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec xvfb-run -a -s "-screen 0 1280x900x24" "$@"
