"""How big the database file is against the text it holds, unreviewed and reviewed.

For each size (15 sentences: the bundled sample; then ``--sizes`` sentences of
news-like text), a new database gets the article as ``workbench import`` stores it
(segmented, stored, cross-referenced).  The unreviewed figure is the file then; the
reviewed one after a review as in ``bench/export.py`` (a verdict on every sentence, a
note on every third, evidence on every tenth), made through the Store's verbs, one undo
step each, so the log is what a reviewer's would be.  The file is measured as a user's
is: after a checkpoint (``PRAGMA wal_checkpoint(TRUNCATE)``), never vacuumed.

Targets: the unreviewed file at most 2.5 times the text (in UTF-8 bytes), the reviewed
one at most 3.5 times.  ``--tables`` lists the largest tables and indexes of each file
(``dbstat``), in MB.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import SAMPLE, article
from workbench.config import Settings
from workbench.importer import import_source
from workbench.model import Verdict
from workbench.store import Store

VERDICTS = [Verdict.VERIFIED, Verdict.DISPUTED, Verdict.OPINION]


def review(store: Store, article_id: int) -> None:
    """A verdict on every sentence, a note on every third, evidence on every tenth: each
    its own undo step, committed together (one transaction around them all spares the
    set-up a commit per step; the log is the same)."""
    ids = store.sentence_ids(article_id)
    store.conn.execute("BEGIN IMMEDIATE")
    for i, sid in enumerate(ids):
        store.set_verdict(sid, VERDICTS[i % 3])
        if i % 3 == 0:
            store.set_note(sid, f"Checked against source {i}.")
        if i % 10 == 0:
            store.add_evidence(sid, url=f"https://example.org/{i}", title=f"Source {i}",
                               quote="a quoted line")  # fmt: skip
    store.conn.execute("COMMIT")


def measure(path: Path) -> tuple[int, list[tuple[str, int]]]:
    """The file's size after a checkpoint, and the bytes of each table and index."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tables = conn.execute(
        "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
    ).fetchall()
    conn.close()
    return path.stat().st_size, tables


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="15,10000,100000",
                    help="sentences per article (15: the bundled sample)")  # fmt: skip
    ap.add_argument("--tables", type=int, default=6, help="largest tables shown per file")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    listings = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            source = Path(tmp) / f"article-{n}.txt"
            if n == 15:
                source.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
            else:
                source.write_text(article(n), encoding="utf-8")
            text_bytes = len(source.read_text(encoding="utf-8").encode())
            db = Path(tmp) / f"db-{n}.db"
            store = Store(db, reviewer="bench")
            t0 = time.perf_counter()
            imported = import_source(store, str(source), Settings(reviewer="bench"))
            took_import = time.perf_counter() - t0
            sentences = imported.article.counts.sentences
            store.close()
            plain, plain_tables = measure(db)
            store = Store(db, reviewer="bench")
            t0 = time.perf_counter()
            review(store, imported.article.id)
            took_review = time.perf_counter() - t0
            store.close()
            reviewed, reviewed_tables = measure(db)
            rows.append((n, sentences, text_bytes, plain, reviewed, took_import, took_review))
            listings.append((f"{sentences:,} sentences, unreviewed", plain_tables))
            listings.append((f"{sentences:,} sentences, reviewed", reviewed_tables))
    print("file size / text size (UTF-8), after a checkpoint; targets 2.5 and 3.5")
    print(f"{'sentences':>10}{'text MB':>10}{'file MB':>10}{'ratio':>8}"
          f"{'reviewed MB':>13}{'ratio':>8}{'import s':>10}{'review s':>10}")  # fmt: skip
    for _n, sentences, text_bytes, plain, reviewed, took_import, took_review in rows:
        print(f"{sentences:>10,}{text_bytes / 1e6:>10.3f}{plain / 1e6:>10.3f}"
              f"{plain / text_bytes:>8.2f}{reviewed / 1e6:>13.3f}{reviewed / text_bytes:>8.2f}"
              f"{took_import:>10.2f}{took_review:>10.2f}")  # fmt: skip
    if args.tables:
        for title, tables in listings:
            total = sum(size for _, size in tables)
            top = ", ".join(f"{name} {size / 1e6:.2f}" for name, size in tables[: args.tables])
            print(f"{title} ({total / 1e6:.2f} MB): {top}")


if __name__ == "__main__":
    main()
