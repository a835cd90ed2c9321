"""The review screen at scale: a key press, a verdict and memory, 15 vs 10,000 sentences.

Pilot sleeps between keys, so wall time says nothing about the widget: key
presses are measured in CPU time (``time.process_time``).  Targets: a key on
10,000 sentences costs at most 1.5 times a key on the sample; a verdict is
stored and shown in under 20 ms; memory with 10,000 sentences under 250 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(db: Path, n: int) -> int:
    from bench.articles import article
    from workbench.model import Document
    from workbench.segment import segment
    from workbench.store import Store

    text = (
        (ROOT / "seeds" / "us-troops-syria-withdrawal.txt").read_text() if n <= 15 else article(n)
    )
    store = Store(db, reviewer="bench")
    a = store.import_article(Document("bench", text, f"bench-{n}"), segment(text)).article
    store.close()
    return a.id


async def measure(db: Path, article_id: int, presses: int) -> dict[str, float]:
    from workbench.config import Settings
    from workbench.store import Store
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.screens.review import ReviewScreen

    store = Store(db, reviewer="bench")
    app = WorkbenchApp(store, Settings(reviewer="bench"), article_id)
    keys, verdict_cpu, verdict_wall = [], [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for i in range(presses):
            t0 = time.process_time()
            await pilot.press("j" if i % 4 != 3 else "k")
            keys.append(time.process_time() - t0)
        for _ in range(presses // 2):
            t0 = time.process_time()
            await pilot.press("v")
            verdict_cpu.append(time.process_time() - t0)
            t0 = time.perf_counter()
            screen.action_verdict("disputed")  # stored (committed) and the row redrawn
            await pilot.pause(0)
            verdict_wall.append(time.perf_counter() - t0)
    store.close()
    return {
        "key_ms": statistics.median(keys) * 1000,
        "verdict_key_cpu_ms": statistics.median(verdict_cpu) * 1000,
        "verdict_wall_ms": statistics.median(verdict_wall) * 1000,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(n: int, presses: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        aid = build(db, n)
        t0 = time.perf_counter()
        result = asyncio.run(measure(db, aid, presses))
        result["session_s"] = time.perf_counter() - t0
        print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="15,10000")
    ap.add_argument("--presses", type=int, default=60)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.presses)
        return
    rows = {}
    for n in [int(x) for x in args.sizes.split(",")]:
        # One process per size, so memory figures don't mix.
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--presses", str(args.presses)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        rows[n] = json.loads(out.stdout.strip().splitlines()[-1])
    sizes = list(rows)
    print(
        f"{'sentences':>10} {'key CPU ms':>11} {'v key CPU ms':>13} {'verdict ms':>11} {'peak RSS MB':>12}"
    )
    for n in sizes:
        r = rows[n]
        print(
            f"{n:>10} {r['key_ms']:>11.2f} {r['verdict_key_cpu_ms']:>13.2f}"
            f" {r['verdict_wall_ms']:>11.2f} {r['rss_mb']:>12.1f}"
        )
    if len(sizes) > 1:
        small, big = rows[sizes[0]], rows[sizes[-1]]
        print(
            f"key press ratio {sizes[-1]}/{sizes[0]}: {big['key_ms'] / small['key_ms']:.2f} (target <= 1.5)"
        )
        print(f"verdict key ratio: {big['verdict_key_cpu_ms'] / small['verdict_key_cpu_ms']:.2f}")


if __name__ == "__main__":
    main()
