"""Building a ``Report`` snapshot of one article's review: three queries, one read transaction."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from workbench.model import Article, CrossRef, Evidence, Report, Sentence, SentenceReport
from workbench.store.database import snapshot
from workbench.store.queries import (
    CROSSREF_SELECT,
    EVIDENCE_COLUMNS,
    row_to_crossref,
    row_to_evidence,
    sentences_in,
)


def build(
    conn: sqlite3.Connection, article: Article, *, text: str, exported_at: str, version: str
) -> Report:
    """Everything the exporters need about an article, read in one transaction."""
    with snapshot(conn):  # one consistent view, even with another writer
        sentences: list[Sentence] = sentences_in(conn, article.id)
        evidence: dict[int, list[Evidence]] = defaultdict(list)
        for row in conn.execute(
            f"SELECT k.sentence_id, {EVIDENCE_COLUMNS} FROM evidence_links k"
            " JOIN evidence e ON e.id = k.evidence_id JOIN sentences s ON s.id = k.sentence_id"
            " WHERE s.article_id = ? ORDER BY k.linked_at, e.id",
            [article.id],
        ):
            evidence[row[0]].append(row_to_evidence(row[1:]))
        crossrefs: dict[int, list[CrossRef]] = defaultdict(list)
        for row in conn.execute(
            CROSSREF_SELECT + " JOIN sentences os ON os.id = c.sentence_id"
            " WHERE os.article_id = ? AND c.status != 'rejected'"
            " ORDER BY c.score DESC, c.id",
            [article.id],
        ):
            ref = row_to_crossref(row)
            crossrefs[ref.sentence_id].append(ref)
    # Most sentences have neither: they share one empty tuple (no lookups, no copies).
    attached: dict[int, tuple[tuple[Evidence, ...], tuple[CrossRef, ...]]] = {
        sid: (tuple(found), ()) for sid, found in evidence.items()
    }
    for sid, refs in crossrefs.items():
        attached[sid] = (attached.get(sid, ((), ()))[0], tuple(refs))
    nothing: tuple[tuple[Evidence, ...], tuple[CrossRef, ...]] = ((), ())
    get = attached.get
    return Report(
        workbench_version=version,
        exported_at=exported_at,
        article=article,
        text=text,
        sentences=tuple(SentenceReport(s, *get(s.id, nothing)) for s in sentences),
    )
