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
from workbench.importer import import_source
from workbench.segment import segment
from workbench.store import Store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    text = article_of_size(int(args.size_mb * 1024 * 1024))
    totals, segs = [], []
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
    mb = len(text.encode()) / 1024 / 1024
    seg = statistics.median(segs)
    print(f"text: {mb:.2f} MB, {n} sentences, {args.runs} runs (median)")
    print(f"{'step':<40}{'seconds':>10}")
    print(f"{'segmenting alone':<40}{seg:>10.3f}   ({mb / seg:.1f} MB/s)")
    print(
        f"{'import (read+segment+store+xref)':<40}{statistics.median(totals):>10.3f}   target < 3 s"
    )


if __name__ == "__main__":
    main()
