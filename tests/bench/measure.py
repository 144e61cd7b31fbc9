#!/usr/bin/env python3
"""Start-up, memory, idle CPU and size of the app beside a minimal Tauri window, measured from
outside, interleaved run by run, and printed as one table (markdown) with median (min-max) and
ratio. Run by tests/bench.sh inside a desktop session (Xvfb, D-Bus, GNOME Keyring); stdlib only.
Exits non-zero when a figure could not be produced; it never judges how fast."""

import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import frames

TICKS = os.sysconf("SC_CLK_TCK")


# pid and every process under it (the app's WebKit processes): one walk, frames.py's.
descendants = frames.descendants


def memory_kib(pid):
    """(RSS, PSS) of the process tree, in KiB."""
    rss = pss = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def cpu_ticks(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


class Launched:
    """One program started with fresh data folders, waiting for its `interactive` line."""

    def __init__(self, binary, mode, extra_env=None):
        self.home = tempfile.mkdtemp(prefix="dxtra-bench-")
        # Both render as the app does by default on Linux (software; see src-tauri/src/lib.rs), so
        # the baseline is not charged for the GL shader compiling the app avoids.
        env = dict(os.environ, DXTRA_BENCH=mode, RUST_LOG="warn", WEBKIT_DISABLE_COMPOSITING_MODE="1")
        for name in ("DATA", "CONFIG", "CACHE", "STATE"):
            env[f"XDG_{name}_HOME"] = os.path.join(self.home, name.lower())
        env.update(extra_env or {})
        self.started = time.monotonic()
        self.started_epoch_ms = time.time() * 1000
        # `phase <name> <ms since the epoch>` lines printed before `interactive`: ms since launch.
        self.phases = {}
        self.process = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)

    def wait_interactive(self, limit=90.0):
        """Seconds from start to the `interactive` line, or None."""
        buffered = b""
        while time.monotonic() - self.started < limit:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.05)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    return None
                buffered += chunk
                if b"interactive" in buffered:
                    for line in buffered.decode(errors="replace").splitlines():
                        parts = line.split()
                        if len(parts) == 3 and parts[0] == "phase":
                            try:
                                self.phases[parts[1]] = float(parts[2]) - self.started_epoch_ms
                            except ValueError:
                                pass
                    return time.monotonic() - self.started
        return None

    def wait_line(self, text, limit=30.0):
        """Whether a line with `text` is printed within `limit` seconds."""
        buffered = b""
        until = time.monotonic() + limit
        while time.monotonic() < until:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.05)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    return False
                buffered += chunk
                if text.encode() in buffered:
                    return True
        return False

    def stop(self):
        for p in reversed(descendants(self.process.pid)):
            try:
                os.kill(p, 15)
            except OSError:
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.home, ignore_errors=True)


def spread(values, unit_format):
    if not values:
        return "missing"
    return f"{unit_format(statistics.median(values))} ({unit_format(min(values))}–{unit_format(max(values))})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--settle-seconds", type=float, default=10.0)
    parser.add_argument("--require-phases", action="store_true", help="fail when a start-up moment is missing (bench.sh; an A/B of older builds may have none)")
    parser.add_argument("--frame-seconds", type=float, default=5.0, help="how long the first frames are sampled")
    parser.add_argument("--deb", help="the app's .deb, when bundles were built (src-tauri/scripts/bundle.sh)")
    args = parser.parse_args()
    programs = {"app": args.app, "baseline": args.baseline}
    load_before = open("/proc/loadavg").read().split()[:3]
    figures = {name: {} for name in programs}

    def add(name, key, value):
        if value is not None:
            figures[name].setdefault(key, []).append(value)

    # Interleaved: app, baseline, app, baseline... so drift in the machine's load hits both alike.
    for run in range(args.runs):
        for name, binary in programs.items():
            # Cold start to interactive; the program quits at that moment.
            launched = Launched(binary, "quit")
            add(name, "start", launched.wait_interactive())
            for phase, at in launched.phases.items():
                add(name, f"phase_{phase}", at)
            launched.stop()

            # Memory at interactive and after idling; CPU in the first seconds after start.
            launched = Launched(binary, "report")
            if launched.wait_interactive() is not None:
                add(name, "rss_interactive", memory_kib(launched.process.pid)[0] / 1024)
                ticks = cpu_ticks(launched.process.pid)
                peak_rss = peak_pss = 0
                until = time.monotonic() + args.settle_seconds
                while time.monotonic() < until:
                    rss, pss = memory_kib(launched.process.pid)
                    peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
                    time.sleep(0.25)
                add(name, "cpu_after_start", (cpu_ticks(launched.process.pid) - ticks) / TICKS / args.settle_seconds * 100)
                rss, pss = memory_kib(launched.process.pid)
                add(name, "rss_idle", rss / 1024)
                add(name, "pss_idle", pss / 1024)
                add(name, "rss_peak", peak_rss / 1024)
            launched.stop()

        # Idle CPU: the app on step 2 signed in (its countdown ticking), the baseline idle.
        if run < max(1, args.runs // 4):
            for name, binary in programs.items():
                launched = Launched(binary, "report", {"DXTRA_BENCH_SIGNED_IN": "1"})
                if launched.wait_interactive() is not None:
                    time.sleep(2)
                    ticks = cpu_ticks(launched.process.pid)
                    time.sleep(args.idle_seconds)
                    add(name, "cpu_idle", (cpu_ticks(launched.process.pid) - ticks) / TICKS / args.idle_seconds * 100)
                launched.stop()
            # The same with the Inspector open (its live feed running); the baseline idles again.
            for name, binary in programs.items():
                extra = {"DXTRA_BENCH_SIGNED_IN": "1", "DXTRA_BENCH_OPEN": "inspector"}
                launched = Launched(binary, "report", extra)
                if launched.wait_interactive() is not None and (name != "app" or launched.wait_line("opened inspector")):
                    time.sleep(2)
                    ticks = cpu_ticks(launched.process.pid)
                    time.sleep(args.idle_seconds)
                    add(name, "cpu_idle_inspector", (cpu_ticks(launched.process.pid) - ticks) / TICKS / args.idle_seconds * 100)
                launched.stop()

    # What the user sees first, on a dark desktop and a light one (frames.py): once per program.
    first = {(name, theme): frames.capture(binary, theme, args.frame_seconds)
             for theme in ("dark", "light") for name, binary in programs.items()}

    sizes = {}
    for name, binary in programs.items():
        stripped = os.path.join(tempfile.gettempdir(), f"dxtra-bench-{name}-stripped")
        subprocess.run(["strip", "-o", stripped, binary], check=False)
        if os.path.exists(stripped):
            sizes[name] = os.path.getsize(stripped) / 1e6
            os.remove(stripped)

    load_after = open("/proc/loadavg").read().split()[:3]
    ms = lambda s: f"{s * 1000:.0f} ms"
    mib = lambda v: f"{v:.0f} MiB"
    pct = lambda v: f"{v:.1f}%"
    rows = [
        ("Cold start to interactive", "start", ms, "≤ 1.10×"),
        ("Memory at interactive (RSS, tree)", "rss_interactive", mib, "≤ 1.10×"),
        ("Peak memory first seconds (RSS, tree)", "rss_peak", mib, "≤ 1.10×"),
        (f"Memory after {args.settle_seconds:g} s idle (RSS)", "rss_idle", mib, "≤ 1.10×"),
        (f"Memory after {args.settle_seconds:g} s idle (PSS)", "pss_idle", mib, "≤ 1.10×"),
        (f"CPU in the {args.settle_seconds:g} s after start (% of a core)", "cpu_after_start", pct, "—"),
        (f"Idle CPU over {args.idle_seconds:g} s (app on step 2)", "cpu_idle", pct, "≤ +1 pt"),
        (f"Idle CPU over {args.idle_seconds:g} s (Inspector open)", "cpu_idle_inspector", pct, "≤ +1 pt"),
    ]
    print(f"\nRuns: {args.runs} interleaved · load average {' '.join(load_before)} → {' '.join(load_after)} · {os.cpu_count()} cores\n")
    print("| measure | app | minimal window | ratio | target |")
    print("|---|---|---|---|---|")
    missing = []
    for label, key, unit, target in rows:
        app, base = figures["app"].get(key, []), figures["baseline"].get(key, [])
        if not app or not base:
            missing.append(label)
        ratio = (
            f"{statistics.median(app) - statistics.median(base):+.1f} pt" if key.startswith("cpu") and app and base
            else f"{statistics.median(app) / statistics.median(base):.2f}×" if app and base and statistics.median(base) else "—"
        )
        print(f"| {label} | {spread(app, unit)} | {spread(base, unit)} | {ratio} | {target} |")
    if "app" in sizes and "baseline" in sizes:
        print(f"| Stripped binary | {sizes['app']:.1f} MB | {sizes['baseline']:.1f} MB | {sizes['app'] / sizes['baseline']:.2f}× | ≤ 1.30× |")
    else:
        missing.append("binary size")
    if args.deb and os.path.exists(args.deb):
        print(f"| .deb ({os.path.basename(args.deb)}) | {os.path.getsize(args.deb) / 1e6:.1f} MB | — (no package) | — | — |")
    else:
        print("| .deb | not built: run `bash src-tauri/scripts/bundle.sh` first | — | — | — |")

    for theme, wrong in (("dark", "white"), ("light", "black")):
        cells = []
        for name in programs:
            seen = first[(name, theme)]
            if not seen["frames"]:
                missing.append(f"first frames ({name}, {theme})")
                cells.append("no window seen")
                continue
            path = " → ".join(f["rgb"] for f in seen["frames"][:5])
            cells.append(f"{seen['frames'][0]['rgb']}; {len(seen['wrong'])} {wrong} ({path})")
        print(f"| First frames on a {theme} desktop (first colour; {wrong} frames) | {cells[0]} | {cells[1]} | — | first = page's, 0 {wrong} |")

    # Where the start-up time goes: when each moment was reached, median ms since launch.
    moments = [
        ("main() entered (the binary and its libraries loaded)", "main"),
        ("window built (Tauri, plugins, the app's state)", "window"),
        ("page navigation started (WebKit's web process up)", "navigation"),
        ("page scripts evaluated (modules fetched and run)", "scripts"),
        ("settings loaded (the first IPC answered; app only)", "settings"),
    ]
    print(f"\nWhere the start-up time goes: median ms since launch ({args.runs} runs each)\n")
    print("| moment | app | minimal window | app − minimal |")
    print("|---|---|---|---|")
    for label, key in moments:
        app, base = figures["app"].get(f"phase_{key}", []), figures["baseline"].get(f"phase_{key}", [])
        if args.require_phases and (not app or (key != "settings" and not base)):
            missing.append(f"start-up moment '{key}'")
        cell = lambda v: f"{statistics.median(v):.0f}" if v else "—"
        difference = f"{statistics.median(app) - statistics.median(base):+.0f}" if app and base else "—"
        print(f"| {label} | {cell(app)} | {cell(base)} | {difference} |")
    app, base = figures["app"].get("start", []), figures["baseline"].get("start", [])
    if app and base:
        print(f"| drawn, interactive (the start-up figure) | {statistics.median(app) * 1000:.0f} | {statistics.median(base) * 1000:.0f} | {(statistics.median(app) - statistics.median(base)) * 1000:+.0f} |")
    if missing:
        print(f"\nmissing figures: {', '.join(missing)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
