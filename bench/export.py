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
from workbench.model import Document
from workbench.report import FORMATS, render
from workbench.segment import segment
from workbench.store import Store


def build(store: Store, n: int) -> int:
    """The review, written in one transaction straight into the tables (set-up, not measured:
    through the Store's one-change-at-a-time API, 100,000 verdicts take minutes)."""
    text = article(n)
    a = store.import_article(Document("bench", text, "bench"), segment(text)).article
    verdicts = ["verified", "disputed", "opinion"]
    at = "2026-01-02T03:04:05+00:00"
    ids = [s.id for s in store.sentences_of(a.id)]
    with store.conn:
        store.conn.executemany(
            "INSERT INTO reviews (sentence_id, verdict, note, flagged, reviewer, reviewed_at)"
            " VALUES (?, ?, ?, 0, 'bench', ?)",
            [(sid, verdicts[i % 3], f"Checked against source {i}." if i % 3 == 0 else "", at)
             for i, sid in enumerate(ids)],
        )  # fmt: skip
        for i, sid in enumerate(ids[::10]):
            eid = store.conn.execute(
                "INSERT INTO evidence (url, title, quote, stance, note, reviewer, created_at)"
                " VALUES (?, ?, 'a quoted line', 'supports', '', 'bench', ?)",
                [f"https://example.org/{i * 10}", f"Source {i * 10}", at],
            ).lastrowid
            store.conn.execute(
                "INSERT INTO evidence_links (evidence_id, sentence_id, reviewer, linked_at)"
                " VALUES (?, ?, 'bench', ?)",
                [eid, sid, at],
            )
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
