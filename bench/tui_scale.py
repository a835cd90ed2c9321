"""The review screen at scale: 15 (the sample), 10,000 and 100,000 sentences.

For each size a database is built in a process of its own (a third of the sentences
with a verdict, every 50th flagged: a review under way), then another process opens it
in the app (Pilot, headless, 120x40) and measures, in CPU time (``time.process_time``:
Pilot sleeps between keys, so wall time says nothing about the widget):

- a key press (``j``/``k``) and the ``v`` key, median; setting a verdict (wall time of
  the store's write and the row's redraw), median;
- reading the article again (``ReviewScreen.load``: what opening an article costs, the
  CPU time of the UI's thread), and
  reading its texts for ``/`` (past 10,000 sentences in the background after opening:
  ``Store.sentence_texts`` and ``TextSearch``; every measure below waits for it first,
  as the CPU time of that thread would count);
- ``G`` (to the last sentence), ``f`` (each step of the filter cycle, its median over three
  cycles, the list redrawn included: the largest),
  ``/`` (enter on a search typed in the prompt: median of four words; the prompt
  closing and the whole screen redrawn included; the prompt has counted the matches
  when the typing paused after each character, so the search's answer is ready), a
  character typed in the prompt (median), the count the prompt then shows (the
  largest: the UI thread's CPU time), the search alone (the screen's filter, the words
  found in every text, the list's redraw: median of four), and a resize (median of four);
- the process's peak memory (``ru_maxrss``) with the article open;
- for reference, a resize of a minimal Textual app (a label, a scrolling page of text,
  Textual's footer) in a process of its own: what any screen costs on this machine now.

Targets: a key at 10,000 costs at most 1.5 times a key on the sample; a verdict under
20 ms; ``f``, ``/`` and a resize at 100,000 under 50 ms each; memory with 100,000
sentences open under 150 MB.  ``bench/first_frame.py`` measures opening, whole process.
Usage: ``python bench/tui_scale.py [--sizes 15,10000,100000] [--presses N]``.
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

SEARCHES = ("troops", "said", "iraq", "withdraw")


def build(db: Path, n: int) -> int:
    """The article (the sample for 15 or fewer), a third of it reviewed (set-up, not measured:
    written straight into the tables in one transaction, as ``bench/export.py`` does)."""
    from bench.articles import article
    from workbench.model import Document
    from workbench.segment import segment
    from workbench.store import Store

    text = (
        (ROOT / "seeds" / "us-troops-syria-withdrawal.txt").read_text() if n <= 15 else article(n)
    )
    store = Store(db, reviewer="bench")
    a = store.import_article(Document("bench", text, f"bench-{n}"), segment(text)).article
    ids = [r[0] for r in store.conn.execute(
        "SELECT id FROM sentences WHERE article_id = ? ORDER BY start", [a.id])]  # fmt: skip
    verdicts = ("verified", "disputed", "opinion")
    with store.conn:
        store.conn.executemany(
            "INSERT INTO reviews (sentence_id, verdict, note, flagged, reviewer, reviewed_at)"
            " VALUES (?, ?, '', ?, 'bench', '2026-01-02T03:04:05+00:00')",
            [(sid, verdicts[(i // 3) % 3], int(i % 50 == 0)) for i, sid in enumerate(ids)
             if i % 3 == 1],
        )  # fmt: skip
    store.close()
    return a.id


def cpu(t0: float) -> float:
    return (time.process_time() - t0) * 1000


async def measure(db: Path, article_id: int, presses: int) -> dict[str, float]:
    from workbench.config import Settings
    from workbench.store import Store
    from workbench.text_search import TextSearch
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.screens.review import SEARCH_READ_APART, ReviewScreen

    store = Store(db, reviewer="bench")
    app = WorkbenchApp(store, Settings(reviewer="bench"), article_id, freeze_heap=True)  # as run
    keys, verdict_cpu, verdict_wall = [], [], []
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)

        async def settled() -> None:  # the texts for `/` read, if read in the background
            if screen.sentence_list.total > SEARCH_READ_APART:
                while not screen.search_ready:
                    await pilot.pause(0.01)

        await settled()
        for i in range(presses):
            t0 = time.process_time()
            await pilot.press("j" if i % 4 != 3 else "k")
            keys.append(cpu(t0))
        for _ in range(presses // 2):
            t0 = time.process_time()
            await pilot.press("v")
            verdict_cpu.append(cpu(t0))
            t0 = time.perf_counter()
            screen.action_verdict("disputed")  # stored (committed) and the row redrawn
            await pilot.pause(0)
            verdict_wall.append((time.perf_counter() - t0) * 1000)
        t0 = time.thread_time()  # this thread's: the background read is "texts"
        screen.load()
        await pilot.pause()
        out["load_ms"] = (time.thread_time() - t0) * 1000
        await settled()
        t0 = time.process_time()
        await pilot.press("G")
        out["last_ms"] = cpu(t0)
        steps: list[list[float]] = [[] for _ in range(6)]
        for _ in range(3):  # all -> unreviewed -> verified -> disputed -> opinion -> flagged -> all
            for step in steps:
                t0 = time.process_time()
                await pilot.press("f")
                await pilot.pause()  # (the list redrawn)
                step.append(cpu(t0))
            assert screen.filter == "all"
        filters = [statistics.median(step) for step in steps]  # each step's, of 3 cycles
        out["filter_max_ms"], out["filter_median_ms"] = max(filters), statistics.median(filters)
        out["filter_to_all_ms"] = filters[-1]
        searches, own, typing = [], [], []
        for word in SEARCHES:
            t0 = time.process_time()
            screen.query_text = word  # the search alone: the screen's filter, the words
            screen.apply_filter()  # found in every text, the list redrawn
            await pilot.pause()
            own.append(cpu(t0))
            screen.query_text = ""
            screen.apply_filter()
            await pilot.pause()
        screen.load()  # the texts read again: no answer kept from the searches above
        await pilot.pause()
        await settled()
        counts: list[float] = []
        count = screen.search_preview

        def timed_count(text: str) -> str:  # the prompt's count of the matches, timed
            t0 = time.thread_time()
            said = count(text)
            counts.append((time.thread_time() - t0) * 1000)
            return said

        screen.search_preview = timed_count  # type: ignore[method-assign]
        for word in SEARCHES:
            await pilot.press("slash")
            await pilot.pause()
            preview = app.screen.query_one("#prompt-preview")
            for char in word:
                t0 = time.process_time()
                await pilot.press(char)  # the prompt shows the character
                await pilot.pause()
                typing.append(cpu(t0))
                while not str(preview.render()):  # and, once typing pauses, the count
                    await pilot.pause(0.01)
            t0 = time.process_time()
            await pilot.press("enter")  # the prompt closes, the list shows what matches
            await pilot.pause()
            searches.append(cpu(t0))
            assert screen.query_text == word
            screen.query_text = ""
            screen.apply_filter()
            await pilot.pause()
        out["search_ms"], out["search_own_ms"] = statistics.median(searches), statistics.median(own)
        out["search_key_ms"], out["search_count_ms"] = statistics.median(typing), max(counts)
        resizes = []
        for size in RESIZES:
            t0 = time.process_time()
            await pilot.resize_terminal(*size)
            await pilot.pause()
            resizes.append(cpu(t0))
        out["resize_ms"] = statistics.median(resizes)
        out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.process_time()  # what the background read costs (after the peak is taken)
        TextSearch(store.sentence_texts(article_id)[1])
        out["texts_ms"] = cpu(t0)
    store.close()
    out.update(
        key_ms=statistics.median(keys),
        verdict_key_cpu_ms=statistics.median(verdict_cpu),
        verdict_wall_ms=statistics.median(verdict_wall),
    )
    return out


RESIZES = ((100, 40), (120, 40), (90, 30), (120, 40))


async def measure_minimal(rounds: int = 3) -> dict[str, float]:
    """The floor on this machine: a resize of a minimal Textual app (a label, a scrolling
    page of text, Textual's footer), measured as the review screen's is."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Footer, Label, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("A header")
            yield VerticalScroll(Static("Some words of an article. " * 400))
            yield Footer()

    resizes = []
    async with Minimal().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            for size in RESIZES:
                t0 = time.process_time()
                await pilot.resize_terminal(*size)
                await pilot.pause()
                resizes.append(cpu(t0))
    return {"resize_ms": statistics.median(resizes)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="15,10000,100000")
    ap.add_argument("--presses", type=int, default=60)
    ap.add_argument("--build", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--minimal", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.minimal:
        print(json.dumps(asyncio.run(measure_minimal())))
        return
    if args.build:
        print(build(Path(args.db), args.build))
        return
    if args.measure:
        print(json.dumps(asyncio.run(measure(Path(args.db), args.measure, args.presses))))
        return
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in args.sizes.split(",")]:
            # A process to build and one to measure, so memory figures don't mix.
            db = str(Path(tmp) / f"bench-{n}.db")
            run = [sys.executable, __file__, "--db", db, "--presses", str(args.presses)]
            built = subprocess.run([*run, "--build", str(n)], capture_output=True, text=True,
                                   check=True)  # fmt: skip
            aid = built.stdout.strip().splitlines()[-1]
            out = subprocess.run([*run, "--measure", aid], capture_output=True, text=True,
                                 check=True)  # fmt: skip
            rows[n] = json.loads(out.stdout.strip().splitlines()[-1])
    minimal = subprocess.run([sys.executable, __file__, "--minimal"], capture_output=True,
                             text=True, check=True)  # fmt: skip
    floor = json.loads(minimal.stdout.strip().splitlines()[-1])
    sizes = list(rows)
    cols = [("key", "key_ms"), ("v key", "verdict_key_cpu_ms"), ("verdict", "verdict_wall_ms"),
            ("load", "load_ms"), ("texts", "texts_ms"), ("G", "last_ms"), ("f max", "filter_max_ms"),
            ("f->all", "filter_to_all_ms"), ("/ enter", "search_ms"), ("search", "search_own_ms"),
            ("/ key", "search_key_ms"), ("/ count", "search_count_ms"),
            ("resize", "resize_ms"),
            ("peak MB", "rss_mb")]  # fmt: skip
    print("CPU ms (verdict: wall ms); peak RSS in MB")
    print(f"{'sentences':>10}" + "".join(f"{name:>9}" for name, _ in cols))
    for n in sizes:
        print(f"{n:>10}" + "".join(f"{rows[n][key]:>9.1f}" for _, key in cols))
    if len(sizes) > 1:
        small = rows[sizes[0]]
        for n in sizes[1:]:
            big = rows[n]
            print(f"{n} vs {sizes[0]}: key ratio {big['key_ms'] / small['key_ms']:.2f}"
                  f" (target <= 1.5 at 10,000), v key ratio"
                  f" {big['verdict_key_cpu_ms'] / small['verdict_key_cpu_ms']:.2f}")  # fmt: skip
        big = rows[sizes[-1]]
        print(f"at {sizes[-1]}: f {big['filter_max_ms']:.1f} ms, / {big['search_ms']:.1f} ms"
              f" (the search alone {big['search_own_ms']:.1f} ms; a character typed in the"
              f" prompt {big['search_key_ms']:.1f}, the count of matches it shows when typing"
              f" pauses at most {big['search_count_ms']:.1f}),"
              f" resize {big['resize_ms']:.1f} ms (targets < 50 ms each);"
              f" peak memory {big['rss_mb']:.0f} MB (target < 150 MB)")  # fmt: skip
    print(f"a minimal Textual app's resize (a label, a page of text, the footer): "
          f"{floor['resize_ms']:.1f} ms, the floor on this machine now")  # fmt: skip


if __name__ == "__main__":
    main()
