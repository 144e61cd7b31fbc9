#!/usr/bin/env python3
"""What a user sees from launch: the program's window sampled every few milliseconds under X
(Xvfb), each sample reduced to its dominant colour, until the page is drawn. Used by
`measure.py` (the benchmark's first-frame row, the app beside the minimal window) and by the
first-frame test (tests/tests/first_frame.rs), which asserts that no frame is white on a dark
desktop or black on a light one. Stdlib only: libX11 through ctypes. It reads the screen and
nothing else: it neither moves the window nor changes the desktop's theme (the caller sets
GTK_THEME for the program it launches).

Usage: frames.py --program BIN [--theme dark|light] [--seconds 6] [--env NAME=VALUE ...]
Prints one JSON object: {"frames": [{"ms": since launch, "rgb": "#rrggbb", "share": of the
window}], "mapped_ms": when the window first showed, "wrong": the frames in the wrong colour}."""

import argparse
import collections
import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ZPIXMAP = 2
IS_VIEWABLE = 2


class XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class XImage(ctypes.Structure):
    """The leading fields of Xlib's XImage (the rest, its function table, is not read)."""
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
        ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
    ]


class Screen:
    """The X display the program draws on, read through libX11."""

    def __init__(self):
        self.x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x = self.x
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
        x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                         ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
                                         ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
        x.XGetImage.restype = ctypes.POINTER(XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]

        x.XFree.argtypes = [ctypes.c_void_p]
        x.XSetErrorHandler.restype = ctypes.c_void_p
        # A window may go away between listing and reading it: Xlib's default handler would exit.
        self._handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda d, e: 0)
        x.XSetErrorHandler(self._handler)
        self.display = x.XOpenDisplay(None)
        if not self.display:
            raise SystemExit("no X display (run under tests/e2e/with-desktop.sh)")
        self.root = x.XDefaultRootWindow(self.display)
        self.pid_atom = x.XInternAtom(self.display, b"_NET_WM_PID", 0)

    def _children(self, window):
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not self.x.XQueryTree(self.display, window, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(count)):
            return []
        found = [children[i] for i in range(count.value)]
        if children:
            self.x.XFree(children)
        return found

    def _pid(self, window):
        kind, fmt, items, after, data = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self.x.XGetWindowProperty(self.display, window, self.pid_atom, 0, 1, 0, 0, ctypes.byref(kind), ctypes.byref(fmt),
                                           ctypes.byref(items), ctypes.byref(after), ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if items.value else None
        self.x.XFree(data)
        return pid

    def shown_window(self, pids):
        """The program's top-level window once it is on screen (mapped), with its size."""
        for window in self._children(self.root):
            if self._pid(window) not in pids:
                continue
            attributes = XWindowAttributes()
            if not self.x.XGetWindowAttributes(self.display, window, ctypes.byref(attributes)):
                continue
            if attributes.map_state == IS_VIEWABLE and attributes.width > 100 and attributes.height > 100:
                return window, attributes.width, attributes.height
        return None

    def dominant(self, window, width, height, step=16):
        """The window's most common colour (sampled every `step` pixels) and its share."""
        image = self.x.XGetImage(self.display, window, 0, 0, width, height, 0xFFFFFFFF, ZPIXMAP)
        if not image:
            return None
        img = image.contents
        if img.bits_per_pixel != 32:
            raise SystemExit(f"a {img.bits_per_pixel}-bit screen: run Xvfb at depth 24")
        raw = ctypes.string_at(img.data, img.bytes_per_line * img.height)
        counts = collections.Counter()
        for y in range(step // 2, img.height, step):
            row = y * img.bytes_per_line
            for x in range(step // 2, img.width, step):
                b, g, r = raw[row + 4 * x], raw[row + 4 * x + 1], raw[row + 4 * x + 2]
                counts[(r, g, b)] += 1
        self.x.XFree(img.data)
        self.x.XFree(image)
        (colour, hits), = counts.most_common(1)
        return colour, hits / sum(counts.values())


def luminance(rgb):
    r, g, b = (c / 255 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def wrong_colour(rgb, theme):
    """White on a dark desktop, black on a light one: a frame the user's eye is hit by."""
    return luminance(rgb) > 0.8 if theme == "dark" else luminance(rgb) < 0.2


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for tid in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found


def capture(program, theme, seconds, extra_env=()):
    """Launches `program` with fresh data folders on a `theme` desktop and samples its window."""
    home = tempfile.mkdtemp(prefix="dxtra-frames-")
    env = dict(os.environ, GTK_THEME="Adwaita:dark" if theme == "dark" else "Adwaita", RUST_LOG="warn")
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = os.path.join(home, name.lower())
    env.update(dict(extra_env))
    screen = Screen()
    started = time.monotonic()
    process = subprocess.Popen([program], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    frames, mapped_ms, last = [], None, None
    try:
        while time.monotonic() - started < seconds and process.poll() is None:
            shown = screen.shown_window(set(descendants(process.pid)))
            if shown:
                sample = screen.dominant(*shown)
                ms = (time.monotonic() - started) * 1000
                if sample:
                    mapped_ms = mapped_ms if mapped_ms is not None else ms
                    rgb, share = sample
                    # One entry per change of colour: a frame is what stayed on screen.
                    if rgb != last:
                        frames.append({"ms": round(ms), "rgb": "#%02x%02x%02x" % rgb, "share": round(share, 2),
                                       "wrong": wrong_colour(rgb, theme)})
                        last = rgb
            time.sleep(0.005)
    finally:
        for p in reversed(descendants(process.pid)):
            try:
                os.kill(p, 15)
            except OSError:
                pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(home, ignore_errors=True)
    return {"theme": theme, "mapped_ms": mapped_ms, "frames": frames, "wrong": [f for f in frames if f["wrong"]]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", required=True)
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the program")
    args = parser.parse_args()
    extra = [item.split("=", 1) for item in args.env]
    print(json.dumps(capture(args.program, args.theme, args.seconds, extra)))


if __name__ == "__main__":
    sys.exit(main())
