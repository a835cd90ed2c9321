"""Importing 1 MB of news-like text: reading, segmenting, storing, cross-referencing.

The database is new, so cross-referencing matches the article against nothing but
itself excluded: the cost measured is the per-sentence work and the indexing.

Target: under 3 s.  Prints the time of each step (median of --runs runs) and the
segmenter's throughput.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article_of_size
from workbench.config import Settings
from workbench.importer import cross_reference, import_source
from workbench.ingest import read_source
from workbench.segment import segment
from workbench.store import Store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    text = article_of_size(int(args.size_mb * 1024 * 1024))
    totals, segs, stores, matches = [], [], [], []
    n = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "big.txt"
            src.write_text(text, encoding="utf-8")
            store = Store(Path(tmp) / "bench.db")
            t0 = time.perf_counter()
            n = len(segment(text))
            segs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            result = import_source(store, str(src), Settings(reviewer="bench"))
            totals.append(time.perf_counter() - t0)
            assert result.article.counts.sentences == n
            store.close()
            store = Store(Path(tmp) / "apart.db")  # the same, step by step
            doc = read_source(str(src), max_bytes=10**9)
            t0 = time.perf_counter()
            article = store.import_article(doc, segment(doc.text)).article
            stores.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            cross_reference(store, article.id, Settings(reviewer="bench"))
            matches.append(time.perf_counter() - t0)
            store.close()
    mb = len(text.encode()) / 1024 / 1024
    seg = statistics.median(segs)
    print(f"text: {mb:.2f} MB, {n} sentences, {args.runs} runs (median)")
    print(f"{'step':<40}{'seconds':>10}")
    print(f"{'segmenting alone':<40}{seg:>10.3f}   ({mb / seg:.1f} MB/s)")
    total = statistics.median(totals)
    print(f"{'import (read+segment+store+xref)':<40}{total:>10.3f}   target < 3 s")
    print(f"{'  segment and store (no matching)':<40}{statistics.median(stores):>10.3f}")
    match = statistics.median(matches)
    print(f"{'  cross-referencing (match, keep, index)':<40}{match:>10.3f}   "
          f"{100 * match / total:.0f}% of the import (target under a third)")  # fmt: skip


if __name__ == "__main__":
    main()
