"""Start-up to the first frame: workbench on the sample against a minimal Textual app.

Each run is a fresh process that starts, draws its first frame (headless) and
exits, so imports count.  Target: a ratio of at most 1.5.
Usage: ``python bench/first_frame.py [--runs N]``; ``--mode`` runs one start.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Label

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Minimal().run(headless=True, size=(120, 40))


def workbench(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    from workbench.config import load_settings
    from workbench.store import Store
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.launch import choose_article

    settings = load_settings()
    store = Store(db, reviewer=settings.reviewer)

    class FirstFrame(WorkbenchApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(lambda: self.call_after_refresh(self.exit))

    FirstFrame(store, settings, choose_article(store, settings)).run(headless=True, size=(120, 40))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--mode", choices=["minimal", "workbench"])
    ap.add_argument("--db")
    args = ap.parse_args()
    if args.mode == "minimal":
        minimal()
        return
    if args.mode == "workbench":
        workbench(args.db)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        subprocess.run([sys.executable, __file__, "--mode", "workbench", "--db", db], check=True)
        times: dict[str, list[float]] = {"minimal": [], "workbench": []}
        for _ in range(args.runs):
            for mode in times:
                t0 = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--mode", mode, "--db", db], check=True)
                times[mode].append(time.perf_counter() - t0)
    m, w = statistics.median(times["minimal"]), statistics.median(times["workbench"])
    print(f"{'app':<12}{'median ms':>10}{'min ms':>9}{'max ms':>9}")
    for mode, ts in times.items():
        print(
            f"{mode:<12}{statistics.median(ts) * 1000:>10.0f}{min(ts) * 1000:>9.0f}{max(ts) * 1000:>9.0f}"
        )
    print(f"ratio workbench/minimal: {w / m:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
