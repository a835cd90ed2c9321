"""Building a ``Report`` snapshot of one article's review: its sentences, their evidence and
cross-references and the article's tail, read in one transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import replace
from operator import attrgetter

from workbench.collection import collection_paused
from workbench.model import Article, Counts, CrossRef, Evidence, Report, SentenceReport, Verdict
from workbench.store.database import snapshot
from workbench.store.queries import (
    CROSSREF_SELECT,
    EVIDENCE_COLUMNS,
    REPORT_SENTENCES,
    REVIEW_OF_MARK,
    row_to_crossref,
    row_to_evidence,
)

_VERDICT, _FLAGGED = attrgetter("verdict"), attrgetter("flagged")


def build(conn: sqlite3.Connection, article: Article, *, exported_at: str, version: str) -> Report:
    """Everything the exporters need about an article, read in one transaction.  The text
    is put back together from the sentences read (each with the text before it) and the
    article's tail when a format asks for it (``Report.text``), not read a second time;
    the counts per verdict are those of the sentences read (``article``'s are not used)."""
    # one consistent view, even with another writer; no cyclic garbage collection while
    # a hundred thousand tuples are made (it would set off again and again: a third of
    # their making)
    with snapshot(conn), collection_paused():
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
        # Most sentences have neither: they share one empty pair (no lookups, no copies).
        attached: dict[int, tuple[tuple[Evidence, ...], tuple[CrossRef, ...]]] = {
            sid: (tuple(found), ()) for sid, found in evidence.items()
        }
        for sid, refs in crossrefs.items():
            attached[sid] = (attached.get(sid, ((), ()))[0], tuple(refs))
        nothing: tuple[tuple[Evidence, ...], tuple[CrossRef, ...]] = ((), ())
        get, new, marked = attached.get, tuple.__new__, REVIEW_OF_MARK
        # a tuple a row, in SentenceReport's field order: position, the row up to its
        # review mark, the verdict and flag it stands for, then what is attached (made by
        # ``tuple.__new__``: ``_make`` is a Python call a row, a tenth of this loop)
        sentences = tuple(
            new(SentenceReport, (i, *r[:-1], *marked[r[-1]], *get(r[0], nothing)))
            for i, r in enumerate(conn.execute(REPORT_SENTENCES, [article.id]), 1)
        )
        (tail,) = conn.execute("SELECT tail FROM articles WHERE id = ?", [article.id]).fetchone()
    per_verdict = Counter(map(_VERDICT, sentences))
    counts = Counts(
        sentences=len(sentences),
        verified=per_verdict[Verdict.VERIFIED],
        disputed=per_verdict[Verdict.DISPUTED],
        opinion=per_verdict[Verdict.OPINION],
        flagged=sum(map(_FLAGGED, sentences)),
    )
    return Report(
        workbench_version=version,
        exported_at=exported_at,
        article=replace(article, counts=counts),
        tail=tail,
        sentences=sentences,
    )
