#!/usr/bin/env bash
# Type-checks the whole workspace (libraries, binaries, tests, benches, examples) for Windows and
# macOS from Linux, so code that only compiles on Linux is caught here and not on a user's machine:
#   bash tests/cross-check.sh                        - both targets
#   bash tests/cross-check.sh aarch64-apple-darwin   - only the targets named
# Nothing is linked or run. Installs what it needs from Debian 12's own archive (no rustup target,
# nothing else downloaded but crates): rustc-web, cargo-web and rust-web-src (1.96, from
# bookworm-security), whose library source builds each target's std (-Zbuild-std); gcc-mingw-w64
# for the C code of build scripts (ring's) and the Windows resource file (tauri-build's windres);
# clang for macOS, with three stand-ins for the SDK's headers (tests/cross-check/macos-sdk).
# Uses Debian's /usr/bin/cargo and /usr/bin/rustc, not rustup's, and its own target folder
# (target/cross-check), so the normal build's cache is left alone and a second run is quick.
# Warnings are shown; any error fails the run, naming the target. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(x86_64-pc-windows-gnu aarch64-apple-darwin)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf '\033[1;31mcross-check: %s\033[0m\n' "$*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

for target in "${targets[@]}"; do
    case "$target" in
        x86_64-pc-windows-gnu | aarch64-apple-darwin) ;;
        *) fail "unknown target '$target' (known: x86_64-pc-windows-gnu, aarch64-apple-darwin)" ;;
    esac
done

# --- Debian packages ---------------------------------------------------------------------------
command -v dpkg-query >/dev/null 2>&1 || fail "needs Debian 12 (or another system with apt and Debian's rustc-web)"
# rustc-web and cargo-web replace Debian's rustc and cargo packages; do not remove them silently.
for pkg in rustc cargo; do
    if installed "$pkg"; then
        fail "Debian's '$pkg' package is installed, and rustc-web/cargo-web would replace it; remove it (apt-get remove $pkg) or run this elsewhere"
    fi
done
packages=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 clang)
missing=()
for pkg in "${packages[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages for the cross check: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- Debian's toolchain, not rustup's ----------------------------------------------------------
# /usr/bin first, so rustup's proxies in ~/.cargo/bin do not shadow cargo and rustc for build
# scripts either; RUSTC and RUSTDOC are set outright.
export PATH="/usr/bin:/bin:$PATH"
export CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
unset RUSTUP_TOOLCHAIN RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER
# -Zbuild-std (and std's own unstable features) on a stable toolchain.
export RUSTC_BOOTSTRAP=1
[ -x "$RUSTC" ] && [ -x "$CARGO" ] || fail "Debian's rustc and cargo are not in /usr/bin (packages rustc-web, cargo-web)"
rust_version="$("$RUSTC" --version)"
# build-std finds the library source at the sysroot's lib/rustlib/src/rust/library (rust-web-src
# links it to /usr/src/rustc-VERSION); it must be the same version as the compiler.
library="$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library"
[ -f "$library/Cargo.lock" ] || fail "no Rust library source at $library (package rust-web-src)"
source_version="$(basename "$(readlink -f "$library/..")")"
case "$source_version" in
    "rustc-$(echo "$rust_version" | awk '{print $2}')") ;;
    *) fail "the Rust library source ($source_version) is not the compiler's version ($rust_version); install the same version of rustc-web, cargo-web and rust-web-src" ;;
esac

target_dir="${CARGO_TARGET_DIR:-$root/target}/cross-check"
clang_include="$(clang -print-resource-dir)/include"

failed=()
for target in "${targets[@]}"; do
    env_for_target=()
    case "$target" in
        x86_64-pc-windows-gnu)
            env_for_target=(
                CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
                AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
            )
            ;;
        aarch64-apple-darwin)
            # No SDK: the C code compiled by build scripts sees the stand-ins and clang's own
            # freestanding headers (stddef.h, stdint.h, ...), nothing from Linux's /usr/include.
            env_for_target=(
                CC_aarch64_apple_darwin=clang
                AR_aarch64_apple_darwin=ar
                CFLAGS_aarch64_apple_darwin="-ffreestanding -nostdinc -isystem $root/tests/cross-check/macos-sdk -isystem $clang_include"
            )
            ;;
    esac
    say "cross check for $target: cargo check of the whole workspace ($rust_version, Debian's, std built from source)"
    started=$(date +%s)
    if env "${env_for_target[@]}" "$CARGO" check -Zbuild-std=std,panic_abort --target "$target" \
        --workspace --all-targets --keep-going --locked --target-dir "$target_dir"; then
        status=passed
    else
        status=FAILED
        failed+=("$target")
    fi
    took=$(($(date +%s) - started))
    say "cross check for $target $status in $((took / 60))m $((took % 60))s"
done

if [ "${#failed[@]}" -gt 0 ]; then
    fail "the workspace does not type-check for: ${failed[*]} (see the errors above)"
fi
