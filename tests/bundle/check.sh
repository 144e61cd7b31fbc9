#!/usr/bin/env bash
# Checks the bundles as a user meets them: the .deb unpacked into a temporary root
# (dpkg-deb -x) holds a valid desktop entry whose icon and program are there, and the program
# started through the entry's Exec line, under Xvfb with fresh folders, reaches step 1 (the app
# prints `interactive` with DXTRA_BENCH=quit once step 1 is drawn with its settings loaded, then
# exits). The .rpm holds the same files. Run inside tests/e2e/with-desktop.sh.
#   tests/bundle/check.sh target/debug/bundle
set -euo pipefail
bundle_dir="${1:?usage: check.sh BUNDLE_DIR}"
fail() { echo "bundle check: FAILED: $*" >&2; exit 1; }

deb="$(find "$bundle_dir/deb" -maxdepth 1 -name '*.deb' | head -n 1)"
rpm="$(find "$bundle_dir/rpm" -maxdepth 1 -name '*.rpm' | head -n 1)"
[ -n "$deb" ] || fail "no .deb in $bundle_dir/deb"
[ -n "$rpm" ] || fail "no .rpm in $bundle_dir/rpm"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
dpkg-deb -x "$deb" "$root"
echo "unpacked $(basename "$deb") into a temporary root"

entries=("$root"/usr/share/applications/*.desktop)
[ -f "${entries[0]}" ] || fail "the .deb installs no desktop entry"
[ "${#entries[@]}" -eq 1 ] || fail "more than one desktop entry: ${entries[*]}"
entry="${entries[0]}"
desktop-file-validate "$entry" || fail "desktop-file-validate rejects $(basename "$entry")"
field() { sed -n "s/^$1=//p" "$entry" | head -n 1; }
for key in Name Comment Exec Icon Categories; do
    [ -n "$(field "$key")" ] || fail "the desktop entry has no $key"
done
[ "$(field Type)" = "Application" ] || fail "the desktop entry's Type is not Application"
icon="$(field Icon)"
for size in 32x32 128x128; do
    [ -s "$root/usr/share/icons/hicolor/$size/apps/$icon.png" ] || fail "no $size icon named $icon"
done
echo "desktop entry valid: Name=$(field Name); Categories=$(field Categories); Icon=$icon"

# The Exec line as a launcher runs it: field codes (%U, %f, ...) dropped, the program looked up in
# PATH, here the unpacked root's /usr/bin first.
exec_line="$(field Exec | sed -E 's/ ?%[fFuUdDnNickvm]//g')"
read -r -a argv <<<"$exec_line"
program="${argv[0]}"
[ -x "$root/usr/bin/$program" ] || fail "Exec names $program, which the .deb does not install in /usr/bin"
home="$work/home"; mkdir -p "$home"
output="$(cd "$work" && env PATH="$root/usr/bin:$PATH" HOME="$home" XDG_DATA_HOME="$home/.local/share" \
    XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" DXTRA_BENCH=quit \
    timeout 120 "${argv[@]}" 2>"$work/stderr.log")" || { cat "$work/stderr.log" >&2; fail "the app did not start and exit cleanly through Exec=$exec_line"; }
grep -qx interactive <<<"$output" || { cat "$work/stderr.log" >&2; fail "the app never reached step 1"; }
echo "started through Exec=$exec_line: step 1 shown"

# The .rpm carries the same program, entry and icons.
expected="$(cd "$root" && find . -type f | sed 's/^\.//' | sort)"
actual="$(rpm -qlp "$rpm" 2>/dev/null | sort)"
[ "$expected" = "$actual" ] || fail "the .rpm's files differ from the .deb's:$(diff <(echo "$expected") <(echo "$actual"))"
echo "the .rpm holds the same $(wc -l <<<"$expected") files"
echo "bundle check: passed"
