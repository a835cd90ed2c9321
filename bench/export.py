"""Exporting a 10,000-sentence review in every format (target: under 1 s each).

The review has a verdict on every sentence, a note on every third, evidence on
every tenth.  Times are the median of --runs runs: building the report from
the store, then rendering each format.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article
from workbench.model import Document, Verdict
from workbench.report import FORMATS, render
from workbench.segment import segment
from workbench.store import Store


def build(store: Store, n: int) -> int:
    text = article(n)
    a = store.import_article(Document("bench", text, "bench"), segment(text)).article
    verdicts = [Verdict.VERIFIED, Verdict.DISPUTED, Verdict.OPINION]
    with store.change():  # one transaction for the set-up
        for i, s in enumerate(store.sentences_of(a.id)):
            store.set_verdict(s.id, verdicts[i % 3])
            if i % 3 == 0:
                store.set_note(s.id, f"Checked against source {i}.")
            if i % 10 == 0:
                store.add_evidence(s.id, url=f"https://example.org/{i}", title=f"Source {i}",
                                   quote="a quoted line", stance="supports")  # fmt: skip
    return a.id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db", reviewer="bench")
        aid = build(store, args.sentences)
        times: dict[str, list[float]] = {"report snapshot (store)": []}
        sizes: dict[str, int] = {}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            report = store.report(aid)
            times["report snapshot (store)"].append(time.perf_counter() - t0)
            for fmt in FORMATS:
                t0 = time.perf_counter()
                out = render(report, fmt)
                times.setdefault(fmt, []).append(time.perf_counter() - t0)
                sizes[fmt] = len(out.encode())
        n = report.summary.sentences
    print(f"{n} sentences, median of {args.runs} runs")
    print(f"{'step':<26}{'seconds':>9}{'MB':>8}")
    for name, ts in times.items():
        mb = f"{sizes[name] / 1e6:.1f}" if name in sizes else ""
        print(f"{name:<26}{statistics.median(ts):>9.3f}{mb:>8}")


if __name__ == "__main__":
    main()
