"""SQL shared by the store's reads, and the mapping of rows to model objects.

A sentence's position is derived, never stored: its rank by offset in its
article.  Lists compute it with a window function, single reads by counting
the sentences before it (an index range).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from workbench.model import (
    Article,
    Counts,
    CrossRef,
    Evidence,
    Sentence,
    Stance,
    Verdict,
    XrefStatus,
)
from workbench.store.database import snapshot

ARTICLE_COLUMNS = (
    "a.id, a.title, a.source, a.url, a.imported_at, a.sha256, COUNT(s.id),"
    " COALESCE(SUM(r.verdict = 'verified'), 0), COALESCE(SUM(r.verdict = 'disputed'), 0),"
    " COALESCE(SUM(r.verdict = 'opinion'), 0), COALESCE(SUM(r.flagged), 0),"
    " a.published, a.authors, a.outlet"
)

POSITION_OF = (
    "(SELECT COUNT(*) FROM sentences x WHERE x.article_id = s.article_id AND x.start <= s.start)"
)
POSITION_IN_LIST = "ROW_NUMBER() OVER (ORDER BY s.start)"

_SENTENCE_REST = (
    ' s.paragraph, s.start, s."end", s.key, s.text,'
    " r.verdict, r.note, r.reviewer, r.reviewed_at, r.flagged,"
    " (SELECT COUNT(*) FROM evidence_links el WHERE el.sentence_id = s.id),"
    " (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id AND c.status != 'rejected'),"
    " (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id"
    "   AND (c.status = 'confirmed' OR (c.strong AND c.status = 'suggested'))),"
    " r.version, r.reviewed_text, r.claimant"
    " FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
)

# One sentence (by id or place): its position counted.
SENTENCE_SELECT = f"SELECT s.id, s.article_id, {POSITION_OF}," + _SENTENCE_REST
# Every sentence of one article, in order: positions numbered as the rows come; the
# counts of evidence and matches are read apart, grouped (``sentences_in``): a subquery
# per row costs five times the rows' own reading at 100,000 sentences.
SENTENCES_OF = (
    f"SELECT s.id, s.article_id, {POSITION_IN_LIST},"
    ' s.paragraph, s.start, s."end", s.key, s.text,'
    " r.verdict, r.note, r.reviewer, r.reviewed_at, r.flagged, 0, 0, 0,"
    " r.version, r.reviewed_text, r.claimant"
    " FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
    " WHERE s.article_id = ? ORDER BY s.start"
)
EVIDENCE_COUNTS = (
    "SELECT l.sentence_id, COUNT(*) FROM evidence_links l"
    " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = ? GROUP BY l.sentence_id"
)
CROSSREF_COUNTS = (
    "SELECT c.sentence_id, SUM(c.status != 'rejected'),"
    " SUM(c.status = 'confirmed' OR (c.strong AND c.status = 'suggested'))"
    " FROM crossrefs c JOIN sentences s ON s.id = c.sentence_id WHERE s.article_id = ?"
    " GROUP BY c.sentence_id"
)


def sentences_in(conn: sqlite3.Connection, article_id: int) -> list[Sentence]:
    """Every sentence of an article in order, with its review and counts (one snapshot)."""
    with snapshot(conn):
        evidence = dict(conn.execute(EVIDENCE_COUNTS, [article_id]).fetchall())
        refs = {sid: (n, strong) for sid, n, strong in conn.execute(CROSSREF_COUNTS, [article_id])}
        rows = conn.execute(SENTENCES_OF, [article_id]).fetchall()
    if not evidence and not refs:
        return [row_to_sentence(r) for r in rows]
    out = []
    for r in rows:
        sid = r[0]
        if sid in evidence or sid in refs:
            n, strong = refs.get(sid, (0, 0))
            r = (*r[:13], evidence.get(sid, 0), n, strong, *r[16:])
        out.append(row_to_sentence(r))
    return out

EVIDENCE_COLUMNS = (
    "e.id, e.url, e.title, e.quote, e.stance, e.note, e.created_at,"
    " (SELECT COUNT(*) FROM evidence_links l WHERE l.evidence_id = e.id), e.version"
)

CROSSREF_SELECT = """
SELECT c.id, c.sentence_id, c.kind, c.target_id, c.score, c.method, c.status, c.strong,
  COALESCE(ts.text, f.claim, ''),
  CASE c.kind WHEN 'sentence' THEN COALESCE(ta.title, '')
    ELSE TRIM(COALESCE(f.publisher, '') || CASE WHEN f.publisher != '' AND f.title != ''
      THEN ': ' ELSE '' END || COALESCE(f.title, '')) END,
  CASE c.kind WHEN 'sentence' THEN tr.verdict ELSE NULLIF(f.rating, '') END,
  ts.article_id,
  CASE WHEN ts.id IS NULL THEN NULL ELSE
    (SELECT COUNT(*) FROM sentences x WHERE x.article_id = ts.article_id AND x.start <= ts.start)
  END,
  f.url, c.version, ts.key, ta.sha256, f.claim, f.title, f.publisher, f.rating, f.date
FROM crossrefs c
LEFT JOIN sentences ts ON c.kind = 'sentence' AND ts.id = c.target_id
LEFT JOIN articles ta ON ta.id = ts.article_id
LEFT JOIN reviews tr ON tr.sentence_id = ts.id
LEFT JOIN fact_checks f ON c.kind = 'factcheck' AND f.id = c.target_id
"""


def row_to_article(r: tuple[Any, ...]) -> Article:
    return Article(
        id=r[0],
        title=r[1],
        source=r[2],
        url=r[3],
        imported_at=r[4],
        sha256=r[5],
        counts=Counts(sentences=r[6], verified=r[7], disputed=r[8], opinion=r[9], flagged=r[10]),
        published=r[11],
        authors=tuple(json.loads(r[12] or "[]")),
        outlet=r[13],
    )


def row_to_sentence(r: tuple[Any, ...]) -> Sentence:
    return Sentence(
        id=r[0],
        article_id=r[1],
        position=r[2],
        paragraph=r[3],
        start=r[4],
        end=r[5],
        key=r[6],
        text=r[7],
        verdict=None if r[8] is None else Verdict(r[8]),
        note=r[9] or "",
        reviewer=r[10],
        reviewed_at=r[11],
        flagged=bool(r[12]),
        evidence_count=r[13],
        xref_count=r[14],
        strong_xref=bool(r[15]),
        version=r[16],
        reviewed_text=r[17],
        claimant=r[18] or None,
    )


def row_to_evidence(r: tuple[Any, ...]) -> Evidence:
    return Evidence(
        id=r[0],
        url=r[1],
        title=r[2],
        quote=r[3],
        stance=Stance(r[4]),
        note=r[5],
        created_at=r[6],
        link_count=r[7],
        version=r[8],
    )


def row_to_crossref(r: tuple[Any, ...]) -> CrossRef:
    return CrossRef(
        id=r[0],
        sentence_id=r[1],
        kind=r[2],
        target_id=r[3],
        score=round(float(r[4]), 1),
        method=r[5],
        status=XrefStatus(r[6]),
        strong=bool(r[7]),
        text=r[8],
        source=r[9] or "",
        verdict=r[10],
        target_article_id=r[11],
        target_position=r[12],
        url=r[13] or None,
        target_key=r[15],
        target_sha256=r[16],
        fact_check=None if r[2] != "factcheck" or r[17] is None else dict(
            claim=r[17], title=r[18] or "", publisher=r[19] or "", rating=r[20] or "",
            url=r[13] or "", date=r[21] or "",
        ),
    )
