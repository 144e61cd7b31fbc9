#!/usr/bin/env bash
# Installs what building and testing the app needs on Debian/Ubuntu, skipping what is there:
#   setup.sh app   - Debian packages to build and run the Tauri app, and a Rust toolchain
#   setup.sh bundle - the above, plus npm (for the pinned Tauri CLI), and the tools that check a
#                    bundle: desktop-file-validate, rpm
#   setup.sh test  - all of the above, plus Xvfb, D-Bus, GNOME Keyring and WebKitWebDriver
# Uses sudo when not root. Safe to run again.
set -euo pipefail

mode="${1:-app}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages=(
    build-essential pkg-config curl ca-certificates file
    libwebkit2gtk-4.1-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
    librsvg2-dev libayatana-appindicator3-dev libssl-dev libdbus-1-dev
)
if [ "$mode" = "bundle" ] || [ "$mode" = "test" ]; then
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    packages+=(desktop-file-utils rpm)
fi
if [ "$mode" = "test" ]; then
    packages+=(xvfb xauth dbus-x11 gnome-keyring libsecret-tools webkit2gtk-driver procps)
    # The network tests: throwaway CAs (openssl), GNOME's proxy settings in a private D-Bus
    # session (gsettings, dconf), and a virtualenv for mitmproxy.
    packages+=(openssl libglib2.0-bin dconf-gsettings-backend dconf-service gsettings-desktop-schemas)
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v python3 >/dev/null 2>&1 || packages+=(python3)   # the benchmark, the snippets and the starters
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    else
        say "installing the Rust toolchain (rustup)"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
fi

if [ "$mode" = "test" ]; then
    # mitmproxy, pinned with every dependency, in a virtualenv of the build folder (never the system's).
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    venv="${CARGO_TARGET_DIR:-$repo/target}/mitmproxy-venv"
    requirements="$repo/tests/proxy/requirements.txt"
    # A virtualenv is bound to its folder (its scripts name their interpreter by path): one moved
    # or copied from another build folder is made again.
    wanted="$(cat "$requirements"; echo "# at $venv")"
    if [ "$wanted" != "$(cat "$venv/installed.txt" 2>/dev/null)" ]; then
        say "installing mitmproxy into $venv (tests/proxy/requirements.txt)"
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
        printf '%s\n' "$wanted" > "$venv/installed.txt"
    fi
    export DXTRA_MITMDUMP="$venv/bin/mitmdump"
fi
