"""Importing real news into a database that already holds real fact-checks.

The 58 documents of GUM news (``../shared/data/gum-news``: Wikinews articles, interviews
and speeches, read by path), each written to a file and imported as `workbench import`
imports it, one after another, into a database holding the 10,375 verified claims of
CheckThat! 2020 (``../shared/data/checkthat2020``) as known fact-checks, stored as
`workbench checks import` stores them (the claim index merged after the bulk import).
A desk's database after a `checks import`: each sentence of a new article is matched
against thousands of published claims and the articles imported before it, where
``import_1mb.py``'s new database holds nothing to match.

Prints, median of ``--runs`` runs (each on a new database): the CPU seconds of all the
imports, per MB of text, the share of cross-referencing (``importer.cross_reference``,
timed around the same call), and the cross-references stored.
Usage: ``python bench/import_news.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkthat import load
from bench.cpu_timed import cpu_timed
from bench.segmentation import gum_documents
from workbench import importer
from workbench.config import Settings
from workbench.factchecks import settle_index
from workbench.store import Store


def run(docs: list[tuple[str, str]]) -> dict[str, float]:
    """Import every document into a new database holding the claims; CPU seconds."""
    cross_reference = importer.cross_reference
    timed, spent = cpu_timed(cross_reference)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "desk.db", reviewer="bench")
        settle_index(store, len(load(store)))
        settings = Settings(reviewer="bench")
        importer.cross_reference = timed
        try:
            c0 = time.process_time()
            for name, text in docs:
                path = Path(tmp) / f"{name}.txt"
                path.write_text(text, encoding="utf-8")
                importer.import_source(store, str(path), settings)
            total = time.process_time() - c0
        finally:
            importer.cross_reference = cross_reference
        (found,) = store.conn.execute("SELECT COUNT(*) FROM crossrefs").fetchone()
        sentences = sum(a.counts.sentences for a in store.articles())
        store.close()
    return {"total": total, "matching": spent[0], "crossrefs": found, "sentences": sentences}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = [(name, text) for name, text, _ in gum_documents()]
    mb = sum(len(text.encode()) for _, text in docs) / 1e6
    runs = [run(docs) for _ in range(args.runs)]
    total = statistics.median(r["total"] for r in runs)
    matching = statistics.median(r["matching"] for r in runs)
    last = runs[-1]
    print(f"GUM news: {len(docs)} documents, {mb:.3f} MB, {last['sentences']:,.0f} sentences, "
          f"imported into a database holding CheckThat! 2020's verified claims; "
          f"median of {args.runs} runs, CPU seconds")  # fmt: skip
    print(f"all the imports            {total:8.2f} s   ({total / mb:.1f} s per MB)")
    print(f"  cross-referencing        {matching:8.2f} s   ({100 * matching / total:.0f}%)")
    print(f"  the rest                 {total - matching:8.2f} s")
    print(f"cross-references stored    {last['crossrefs']:8.0f}")


if __name__ == "__main__":
    main()
