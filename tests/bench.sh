#!/usr/bin/env bash
# The benchmark: one table, every figure beside its baseline measured in the same run.
#   bash tests/bench.sh          release build, 8 interleaved runs, 30 s of idle CPU
#   bash tests/bench.sh --quick  debug build, 2 runs, short waits (the test command runs this so
#                                it cannot rot; it checks that every figure is produced, never how fast)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/src-tauri/scripts/setup.sh" test
cd "$root"

if [ "${1:-}" = "--quick" ]; then
    profile=debug; runs=2; idle=3; settle=3; cargo_flags=(); bench_profile=(--profile dev); bench_args=(--quick)
else
    profile=release; runs=8; idle=30; settle=10; cargo_flags=(--release); bench_profile=(); bench_args=()
fi

# Cargo's output folder (CARGO_TARGET_DIR when set).
out="${CARGO_TARGET_DIR:-target}"

echo "==> Building the app and the minimal window ($profile)"
cargo build --workspace --locked "${cargo_flags[@]}" --bin dxtra-wizard --bin dxtra-bench-baseline

echo "==> Start-up, memory, idle CPU and size: the app beside a minimal Tauri window"
bash tests/e2e/with-desktop.sh python3 tests/bench/measure.py \
    --app "$out/$profile/dxtra-wizard" --baseline "$out/$profile/dxtra-bench-baseline" \
    --runs "$runs" --idle-seconds "$idle" --settle-seconds "$settle" --require-phases \
    --deb "$(find "$out/$profile/bundle/deb" -maxdepth 1 -name '*.deb' 2>/dev/null | head -n 1)"

echo "==> Per call, the four-step flow, an expired token under load, the sandbox: dxtra-api beside raw reqwest"
cargo bench -p dxtra-tests --bench client --locked "${bench_profile[@]}" -- "${bench_args[@]}"
