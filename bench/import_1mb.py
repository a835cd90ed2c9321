"""Importing 1 MB of news-like text: reading, segmenting, storing, cross-referencing.

The database is new, so cross-referencing matches the article against nothing but
itself excluded: the cost measured is the per-sentence work and the indexing.

Target: under 3 s for 1 MB, under 10 s for 10 MB.  ``--size-mb`` takes any size up to
the import limit (50 MB): the text is cut at the last paragraph that fits.  Prints the
time of each step (median of --runs runs; the import and cross-referencing in CPU time
too), the segmenter's throughput and the database file's size against the text's.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article_of_size
from workbench.config import Settings
from workbench.importer import cross_reference, import_source
from workbench.ingest import DEFAULT_MAX_BYTES, read_source
from workbench.segment import segment
from workbench.store import Store


def checkpointed_size(path: Path) -> int:
    """The database file's size once its write-ahead log is folded in."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size


def text_of_size(size: int) -> str:
    """About ``size`` bytes of article text, never more: whole paragraphs, so that a size at
    the import limit is still imported."""
    text = article_of_size(size)
    if len(text.encode()) <= size:
        return text
    cut = text.encode()[:size].decode(errors="ignore")
    return cut[: cut.rfind("\n\n") + 1] or cut


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    size = int(args.size_mb * 1024 * 1024)
    if size > DEFAULT_MAX_BYTES:
        ap.error(f"--size-mb: at most the import limit, {DEFAULT_MAX_BYTES / 1024 / 1024:g} MB")
    text = text_of_size(size)
    totals, segs, stores, matches, files = [], [], [], [], []
    cpu_totals, cpu_matches = [], []
    n = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "big.txt"
            src.write_text(text, encoding="utf-8")
            store = Store(Path(tmp) / "bench.db")
            t0 = time.perf_counter()
            n = len(segment(text))
            segs.append(time.perf_counter() - t0)
            t0, c0 = time.perf_counter(), time.process_time()
            result = import_source(store, str(src), Settings(reviewer="bench"))
            totals.append(time.perf_counter() - t0)
            cpu_totals.append(time.process_time() - c0)
            assert result.article.counts.sentences == n
            store.close()
            files.append(checkpointed_size(Path(tmp) / "bench.db"))
            store = Store(Path(tmp) / "apart.db")  # the same, step by step
            doc = read_source(str(src), max_bytes=10**9)
            t0 = time.perf_counter()
            article = store.import_article(doc, segment(doc.text)).article
            stores.append(time.perf_counter() - t0)
            t0, c0 = time.perf_counter(), time.process_time()
            cross_reference(store, article.id, Settings(reviewer="bench"))
            matches.append(time.perf_counter() - t0)
            cpu_matches.append(time.process_time() - c0)
            store.close()
    mb = len(text.encode()) / 1024 / 1024
    seg = statistics.median(segs)
    print(f"text: {mb:.2f} MB, {n} sentences, {args.runs} runs (median)")
    print(f"{'step':<40}{'seconds':>10}")
    print(f"{'segmenting alone':<40}{seg:>10.3f}   ({mb / seg:.1f} MB/s)")
    total = statistics.median(totals)
    target = "target < 3 s for 1 MB, < 10 s for 10 MB"
    print(f"{'import (read+segment+store+xref)':<40}{total:>10.3f}   {target}")
    print(f"{'  segment and store (no matching)':<40}{statistics.median(stores):>10.3f}")
    match = statistics.median(matches)
    print(f"{'  cross-referencing (match, keep, index)':<40}{match:>10.3f}   "
          f"{100 * match / total:.0f}% of the import (target under a third)")  # fmt: skip
    cpu_total, cpu_match = statistics.median(cpu_totals), statistics.median(cpu_matches)
    print(f"{'CPU: import, cross-referencing':<40}{cpu_total:>10.3f}{cpu_match:>8.3f}   "
          f"{100 * cpu_match / cpu_total:.0f}%")  # fmt: skip
    file_size = statistics.median(files)
    print(f"database file: {file_size / 1e6:.1f} MB, {file_size / len(text.encode()):.2f} times"
          " the text")  # fmt: skip


if __name__ == "__main__":
    main()
