#!/usr/bin/env bash
# Builds ui/vendor/editor.js (CodeMirror 6 + cm6-graphql + graphql-js, one minified ES module)
# and ui/vendor/editor.LICENSES.txt from the versions pinned in package-lock.json.
#   bash src-tauri/editor/build.sh           rebuild (needs Node >= 18 and npm; the registry once)
#   bash src-tauri/editor/build.sh --check   rebuild in a temporary folder and fail if the
#                                            committed files differ (the build is reproducible)
# The app never runs this: the built file is committed and served as it is.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vendor="$here/../../ui/vendor"
out="$vendor"
if [[ "${1:-}" == "--check" ]]; then out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
versions="$(node -e '
  const lock = require("./package-lock.json");
  const wanted = Object.keys(require("./package.json").dependencies);
  console.log(wanted.map(n => n + "@" + lock.packages["node_modules/" + n].version).join(" "));')"
npx --no-install esbuild entry.js --bundle --format=esm --minify --target=es2020 --charset=utf8 \
  --legal-comments=none --log-level=warning \
  --banner:js="/* Built by src-tauri/editor/build.sh from package-lock.json: $versions. Licenses: editor.LICENSES.txt */" \
  --outfile="$out/editor.js"
{
  echo "Licenses of the packages bundled into editor.js ($versions)."
  for dir in $(node -e 'const l=require("./package-lock.json");for(const[p,v]of Object.entries(l.packages))if(p&&!v.dev)console.log(p)' | sort); do
    echo; echo "==== ${dir#node_modules/} ===="
    cat "$dir"/LICENSE* 2>/dev/null || echo "(license: $(node -p "require('./$dir/package.json').license"))"
  done
} > "$out/editor.LICENSES.txt"
if [[ "$out" != "$vendor" ]]; then
  for f in editor.js editor.LICENSES.txt; do
    cmp -s "$out/$f" "$vendor/$f" || { echo "ui/vendor/$f differs from a fresh build: run bash src-tauri/editor/build.sh" >&2; exit 1; }
  done
  echo "ui/vendor/editor.js matches a fresh build ($versions)"
else
  echo "built ui/vendor/editor.js ($(wc -c <"$vendor/editor.js") bytes): $versions"
fi
