"""Start-up to the first frame: workbench on the sample, on 10,000 and on 100,000 sentences,
against a minimal Textual app.

Each run is a fresh process that starts, opens its database, draws its first frame
(headless, 120x40) and exits, so imports count: the whole process, wall time.  The runs
are paired (one of each app in turn) and the medians compared.  Targets: the sample
within 1.5 times the minimal app; 100,000 sentences within 1.5 times the sample.
Usage: ``python bench/first_frame.py [--runs N] [--sizes 10000,100000]``; ``--mode``
runs one start.
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
    store.close()  # as the command does: the file is known sound next time (no damage check)


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--mode", choices=["minimal", "workbench", "build"])
    ap.add_argument("--db")
    ap.add_argument("--n", type=int)
    args = ap.parse_args()
    if args.mode == "minimal":
        minimal()
        return
    if args.mode == "workbench":
        workbench(args.db)
        return
    if args.mode == "build":
        build(args.db, args.n)
        return
    sizes = [int(x) for x in args.sizes.split(",") if x]
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {"sample": str(Path(tmp) / "sample.db")}
        for n in sizes:
            dbs[f"{n:,}"] = str(Path(tmp) / f"bench-{n}.db")
            cmd = [sys.executable, __file__, "--mode", "build", "--db", dbs[f"{n:,}"]]
            subprocess.run([*cmd, "--n", str(n)], check=True)
        for db in dbs.values():  # the first start imports the sample (and checks each file)
            subprocess.run([sys.executable, __file__, "--mode", "workbench", "--db", db],
                           check=True)  # fmt: skip
        times: dict[str, list[float]] = {"minimal": [], **{name: [] for name in dbs}}
        for _ in range(args.runs):
            for name in times:
                mode = "minimal" if name == "minimal" else "workbench"
                cmd = [sys.executable, __file__, "--mode", mode, "--db", dbs.get(name, "")]
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True)
                times[name].append(time.perf_counter() - t0)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"{'app':<16}{'median ms':>10}{'min ms':>9}{'max ms':>9}")
    for name, ts in times.items():
        label = name if name in ("minimal", "sample") else f"{name} sentences"
        print(f"{label:<16}{med[name] * 1000:>10.0f}{min(ts) * 1000:>9.0f}{max(ts) * 1000:>9.0f}")
    print(f"ratio sample/minimal: {med['sample'] / med['minimal']:.2f} (target <= 1.5)")
    for n in sizes:
        name = f"{n:,}"
        target = " (target <= 1.5)" if n == sizes[-1] else ""
        print(f"ratio {name} sentences/sample: {med[name] / med['sample']:.2f}{target}")


if __name__ == "__main__":
    main()
