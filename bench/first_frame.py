"""Start-up to the first frame: the `workbench` command on the sample, on 10,000 and on
100,000 sentences, against a minimal Textual app.

Each run is a fresh process, timed from its start to the moment its first complete frame
was written, so imports count.  The app draws through ``bench/frame_driver.py``: every
frame rendered for a 120x40 truecolor terminal, as in one, and kept; the app exits once it
has settled.  What it wrote is then played on a terminal emulator (pyte): the first
complete frame is the last write that changed the text on the screen, scrollbars aside (a
long article's scrollbar is drawn from estimated row heights, and its thumb redrawn as the
rows on screen are measured, a frame or two later).  The workbench runs are the command
itself (``python -m workbench --db FILE``, with its argument parsing, its settings and its
garbage collector's start-up pause); the minimal app (a label and the footer, whose keys
come a frame after it is first drawn) runs through the same driver and the same test.
The runs are paired (one of each app in turn) and the medians compared.  Targets: the
sample within 1.5 times the minimal app; 100,000 sentences within 1.5 times the sample.
The whole process (to its exit) is printed beside.

``--python PATH``: time the workbench installed for that interpreter (as the README
installs it: ``pip install .`` compiles its modules), not this source tree.  Needs
``pip install '.[bench]'`` (pyte).
Usage: ``python bench/first_frame.py [--runs N] [--sizes 10000,100000] [--python PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Label

class Minimal(App):
    def compose(self):
        yield Label("hello")
        yield Footer()

Minimal().run()
"""


def build(db: str, n: int) -> None:
    """A database holding one article of ``n`` generated sentences (set-up, not timed)."""
    sys.path.insert(0, str(ROOT))
    from bench.articles import article
    from workbench.model import Document
    from workbench.segment import segment
    from workbench.store import Store

    text = article(n)
    with Store(db, reviewer="bench") as store:
        store.import_article(Document(f"{n} sentences", text, f"bench-{n}"), segment(text))


def start(cmd: list[str], env: dict[str, str], out: Path) -> tuple[float, float]:
    """Run one start: seconds to its first complete frame, and to its exit.  (In the
    folder of ``out``: from the source tree's folder, ``python -m workbench`` would run
    the tree, not the workbench installed.)"""
    out.unlink(missing_ok=True)
    t0 = time.monotonic()
    subprocess.run(cmd, env=env, check=True, stdin=subprocess.DEVNULL, timeout=120,
                   cwd=out.parent)  # fmt: skip
    end = time.monotonic()
    written = out.read_text(encoding="utf-8")
    if written == "timeout":
        raise SystemExit(f"the app did not settle within 20 s of its first write: {' '.join(cmd)}")
    return last_change(json.loads(written)) - t0, end - t0


SCROLLBAR = frozenset(" ▁▂▃▄▅▆▇█▔▕▏")  # what a scrollbar is drawn with (its thumb, its track)


def last_change(written: list[tuple[float, str]]) -> float:
    """When the last write that changed the text on the screen was written: played on a
    120x40 terminal emulator; a change of scrollbar glyphs alone does not count."""
    import pyte

    screen = pyte.Screen(120, 40)
    stream = pyte.Stream(screen)
    shown = list(screen.display)
    last = written[0][0]
    for at, data in written:
        stream.feed(data)
        now = list(screen.display)
        changed = {c for old, new in zip(shown, now, strict=True) if old != new
                   for pair in zip(old.ljust(len(new)), new.ljust(len(old)), strict=True)
                   if pair[0] != pair[1] for c in pair}  # fmt: skip
        if changed - SCROLLBAR:
            last = at
        shown = now
    return last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--python", help="an interpreter with workbench installed (default: the tree)")
    ap.add_argument("--mode", choices=["build"])
    ap.add_argument("--db")
    ap.add_argument("--n", type=int)
    args = ap.parse_args()
    if args.mode == "build":
        build(args.db, args.n)
        return
    sizes = [int(x) for x in args.sizes.split(",") if x]
    python = args.python or sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        driver_dir = home / "driver"  # the driver alone on the path: an installed workbench
        driver_dir.mkdir()  # is not hidden by the tree's
        shutil.copy(ROOT / "bench" / "frame_driver.py", driver_dir)
        out = home / "frame"
        env = {
            **os.environ,
            "PYTHONPATH": str(driver_dir) if args.python else f"{driver_dir}{os.pathsep}{ROOT}",
            "TEXTUAL_DRIVER": "frame_driver:FirstFrameDriver",
            "FIRST_FRAME_OUT": str(out),
            "COLUMNS": "120",
            "LINES": "40",
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "WORKBENCH_REVIEWER": "bench",
        }
        env.pop("WORKBENCH_CONFIG", None)
        dbs = {"sample": str(home / "sample.db")}
        for n in sizes:
            dbs[f"{n:,}"] = str(home / f"bench-{n}.db")
            cmd = [sys.executable, __file__, "--mode", "build", "--db", dbs[f"{n:,}"]]
            subprocess.run([*cmd, "--n", str(n)], check=True)
        commands = {"minimal": [python, "-c", MINIMAL]}
        for name, db in dbs.items():
            commands[name] = [python, "-m", "workbench", "--db", db]
            start(commands[name], env, out)  # the first start imports the sample, checks the file
        frames: dict[str, list[float]] = {name: [] for name in commands}
        exits: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                frame, whole = start(cmd, env, out)
                frames[name].append(frame)
                exits[name].append(whole)
    med = {name: statistics.median(ts) for name, ts in frames.items()}
    print(f"to the first complete frame, {args.runs} paired runs, wall; "
          f"workbench {'installed for ' + python if args.python else 'from the source tree'}")  # fmt: skip
    print(f"{'app':<18}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'to exit ms':>12}")
    for name, ts in frames.items():
        label = name if name in ("minimal", "sample") else f"{name} sentences"
        whole = statistics.median(exits[name])
        print(f"{label:<18}{med[name] * 1000:>10.0f}{min(ts) * 1000:>9.0f}"
              f"{max(ts) * 1000:>9.0f}{whole * 1000:>12.0f}")  # fmt: skip
    ratios = [a / b for a, b in zip(frames["sample"], frames["minimal"], strict=True)]
    print(f"ratio sample/minimal: {med['sample'] / med['minimal']:.2f} (target <= 1.5; "
          f"paired runs {min(ratios):.2f}-{max(ratios):.2f})")  # fmt: skip
    for n in sizes:
        name = f"{n:,}"
        target = " (target <= 1.5)" if n == sizes[-1] else ""
        print(f"ratio {name} sentences/sample: {med[name] / med['sample']:.2f}{target}")


if __name__ == "__main__":
    main()
