"""Joining and splitting a sentence, and undoing and redoing them, 15 vs 10,000 sentences.

Each operation is one stored change: a single SQLite transaction (the rows,
the audit log's batch and events, the claim index) committed before the call
returns.  Positions are derived from offsets, so a join or a split at sentence
1 should touch a handful of rows whatever the article's length.  Target: each
operation under 100 ms at sentence 1 of a 10,000-sentence article, and a cost
that does not grow with the article (ratio 10,000 / 15 near 1).

One cycle at sentence 1: join (with sentence 2), undo, redo, undo (the article
is back), split (at the space nearest the middle), undo, redo, undo.  The
cycle runs --runs times; the table gives each operation's median and largest
CPU time (``time.process_time``) and its median wall time (``perf_counter``:
what the reviewer waits for, the commit included).

Articles: the generated ones of ``bench/articles.py`` (four sentences to a
paragraph), and the bundled sample as imported.  The sample has one sentence
to a line and no blank line, so every sentence is its own paragraph and join
refuses there: the sample gets the split half of the cycle, and the ratios
compare the generated articles, which are built alike.

Before timing, a join and a split are undone and the article's sentence texts
compared with the original's; the script stops if they differ.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article
from workbench.config import Settings
from workbench.importer import import_sample
from workbench.model import Document
from workbench.segment import segment
from workbench.store import Store

JOIN = ["join", "undo join", "redo join", "undo join again"]
SPLIT = ["split", "undo split", "redo split", "undo split again"]
TARGET_MS = 100.0
TARGET_RATIO = 1.5

Timings = dict[str, tuple[list[float], list[float]]]  # operation: (CPU s, wall s)


def split_point(text: str) -> int:
    """Just after the space nearest the middle: both parts non-empty."""
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    return min(spaces, key=lambda i: abs(i - middle)) + 1


def texts(store: Store, article_id: int) -> list[str]:
    return [s.text for s in store.sentences_of(article_id)]


def fail(what: str) -> None:
    sys.exit(f"join_split: {what}")


def check(store: Store, article_id: int, joinable: bool) -> None:
    """Undoing a join or a split gives back the article's sentences (not timed)."""
    original = texts(store, article_id)
    first = store.sentence_at(article_id, 1)
    if joinable:
        store.join_sentences(first.id)
        joined = texts(store, article_id)
        if len(joined) != len(original) - 1 or not joined[0].startswith(original[0]):
            fail(f"join did not join sentences 1 and 2 ({len(original)} -> {len(joined)})")
        store.undo(article_id)
        if texts(store, article_id) != original:
            fail("after join and undo the sentences differ from the original")
    store.split_sentence(first.id, split_point(first.text))
    parts = texts(store, article_id)
    if len(parts) != len(original) + 1 or parts[0] + " " + parts[1] != original[0]:
        fail(f"split did not split sentence 1 ({len(original)} -> {len(parts)})")
    store.undo(article_id)
    if texts(store, article_id) != original:
        fail("after split and undo the sentences differ from the original")


def timed(times: Timings, name: str, op: Callable[[], object]) -> None:
    c0, w0 = time.process_time(), time.perf_counter()
    result = op()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    if result is None:
        fail(f"{name} did nothing")
    cpu_list, wall_list = times.setdefault(name, ([], []))
    cpu_list.append(cpu)
    wall_list.append(wall)


def measure(store: Store, article_id: int, runs: int, joinable: bool) -> Timings:
    check(store, article_id, joinable)
    first = store.sentence_at(article_id, 1)
    at = split_point(first.text)
    undo, redo = (lambda: store.undo(article_id)), (lambda: store.redo(article_id))
    times: Timings = {}
    for _ in range(runs):
        if joinable:
            for name, op in zip(JOIN, [lambda: store.join_sentences(first.id), undo, redo, undo],
                                strict=True):  # fmt: skip
                timed(times, name, op)
        for name, op in zip(SPLIT, [lambda: store.split_sentence(first.id, at), undo, redo, undo],
                            strict=True):  # fmt: skip
            timed(times, name, op)
    return times


def run(label: str, make: Callable[[Store], int], runs: int) -> tuple[str, int, Timings]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db", reviewer="bench")
        aid = make(store)
        n = len(store.sentences_of(aid))
        joinable = store.sentence_at(aid, 1).paragraph == store.sentence_at(aid, 2).paragraph
        times = measure(store, aid, runs, joinable)
        store.close()
    return label, n, times


def generated(n: int) -> Callable[[Store], int]:
    def make(store: Store) -> int:
        text = article(n)
        doc = Document(f"bench {n}", text, f"bench-{n}")
        return store.import_article(doc, segment(text)).article.id

    return make


def sample(store: Store) -> int:
    return import_sample(store, Settings(reviewer="bench")).article.id


def ms(xs: list[float], f: Callable[[list[float]], float] = statistics.median) -> float:
    return f(xs) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="15,10000", help="generated articles' sentence counts")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    rows = [run("sample", sample, args.runs)]
    sizes = [int(x) for x in args.sizes.split(",")]
    rows += [run(f"generated {n}", generated(n), args.runs) for n in sizes]
    print(f"median of {args.runs} cycles at sentence 1; CPU ms median (max), wall ms median")
    print(
        f"{'article':<16}{'sentences':>10}  {'operation':<17}{'CPU ms':>8}{'max':>8}{'wall ms':>9}"
    )
    for label, n, times in rows:
        for name in JOIN + SPLIT:
            if name not in times:
                print(
                    f"{label:<16}{n:>10}  {name:<17}{'refused (each sentence its own paragraph)':>25}"
                )
                continue
            cpu, wall = times[name]
            print(
                f"{label:<16}{n:>10}  {name:<17}{ms(cpu):>8.2f}{ms(cpu, max):>8.2f}{ms(wall):>9.2f}"
            )
    small, big = rows[1], rows[-1]
    if small is big:
        return
    print(f"ratio {big[1]} / {small[1]} sentences (generated), medians")
    print(f"{'operation':<17}{'CPU':>7}{'wall':>7}")
    slowest, grows = 0.0, []
    for name in JOIN + SPLIT:
        (c_s, w_s), (c_b, w_b) = small[2][name], big[2][name]
        ratio = statistics.median(c_b) / statistics.median(c_s)
        slowest = max(slowest, ms(c_b), ms(w_b))
        if ratio > TARGET_RATIO:
            grows.append(f"{name} {ratio:.2f}")
        print(f"{name:<17}{ratio:>7.2f}{statistics.median(w_b) / statistics.median(w_s):>7.2f}")
    fast = "met" if slowest < TARGET_MS else "NOT met"
    flat = "met" if not grows else "NOT met: " + ", ".join(grows)
    print(
        f"target: under {TARGET_MS:.0f} ms at {big[1]} sentences {fast} (slowest median"
        f" {slowest:.1f} ms); flat (CPU ratio at most {TARGET_RATIO}) {flat}"
    )


if __name__ == "__main__":
    main()
