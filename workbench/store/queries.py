"""SQL shared by the store's reads, and the mapping of rows to model objects.

A sentence's position is derived, never stored: its rank by offset in its
article.  A whole article's list numbers its rows as they come, single reads
count the sentences before it (an index range).
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
from workbench.store import keys
from workbench.store.database import snapshot

_COUNTS = (
    "COUNT(s.id),"
    " COALESCE(SUM(r.verdict = 'verified'), 0), COALESCE(SUM(r.verdict = 'disputed'), 0),"
    " COALESCE(SUM(r.verdict = 'opinion'), 0), COALESCE(SUM(r.flagged), 0)"
)
_ARTICLE_COLUMNS = (
    "a.id, a.title, a.source, a.url, a.imported_at, a.sha256, {}, a.published, a.authors, a.outlet"
)
# An article with its counts (from ``articles a`` joined to its sentences s and reviews r,
# grouped), or without (its counts zero: a report counts the rows it reads itself).
ARTICLE_COLUMNS = _ARTICLE_COLUMNS.format(_COUNTS)
ARTICLE_UNCOUNTED = _ARTICLE_COLUMNS.format("0, 0, 0, 0, 0")

POSITION_OF = (
    "(SELECT COUNT(*) FROM sentences x WHERE x.article_id = s.article_id AND x.start <= s.start)"
)
POSITION_IN_LIST = "ROW_NUMBER() OVER (ORDER BY s.start)"

# A match the list marks (≈ or ≡): confirmed, or suggested and not merely possible.
MARKED = "(c.status = 'confirmed' OR (c.status = 'suggested' AND NOT c.possible))"

_SENTENCE_REST = (
    f' s.paragraph, s.start, s."end", {keys.column("s.")}, s.text,'
    " r.verdict, r.note, r.reviewer, r.reviewed_at, r.flagged,"
    " (SELECT COUNT(*) FROM evidence_links el WHERE el.sentence_id = s.id),"
    f" (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id AND {MARKED}),"
    " (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id"
    f"   AND (c.status = 'confirmed' OR (c.strong AND {MARKED}))),"
    " r.version, r.reviewed_text, r.claimant"
    " FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
)

# One sentence (by id or place): its position counted.
SENTENCE_SELECT = f"SELECT s.id, s.article_id, {POSITION_OF}," + _SENTENCE_REST
# Every sentence of one article, in order: positions numbered as the rows come; the
# counts of evidence and matches are read apart, grouped (``sentences_in``): a subquery
# per row costs five times the rows' own reading at 100,000 sentences.
# The key comes as stored (its text made in Python: a third of the query's time in SQL).
SENTENCES_OF = (
    "SELECT s.id, s.article_id, 0,"
    ' s.paragraph, s.start, s."end", s.key, s.text,'
    " r.verdict, r.note, r.reviewer, r.reviewed_at, r.flagged, 0, 0, 0,"
    " r.version, r.reviewed_text, r.claimant, s.occurrence"
    " FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
    " WHERE s.article_id = ? ORDER BY s.start"
)
# Every sentence of one article as a report shows it (``reporting.build``), in the order of
# SentenceReport's fields after its position (the key as stored: ``SentenceReport.key``
# makes its text); the verdict and flag last, made Python's there.
# A sentence's review as one digit: its verdict (MARK_OF) plus FLAGGED_MARK when flagged.
MARK_OF = {None: 0, "verified": 1, "disputed": 2, "opinion": 3}
FLAGGED_MARK = 4
# A sentence's review mark (as one digit: its verdict's MARK_OF, plus FLAGGED_MARK when
# flagged), as SQL.
MARK_SQL = (
    "CASE r.verdict "
    + " ".join(f"WHEN '{verdict}' THEN {mark}" for verdict, mark in MARK_OF.items() if verdict)
    + f" ELSE 0 END + {FLAGGED_MARK} * (COALESCE(r.flagged, 0) != 0)"
)
# A report's sentences, in order: the verdict and flag as one mark (``REVIEW_OF_MARK`` reads it):
# each column read costs the sqlite3 module a release of the GIL and a lock of SQLite's.
REPORT_SENTENCES = (
    'SELECT s.id, s.paragraph, s.start, s."end", s.key, s.occurrence, s.text, s.gap,'
    " COALESCE(r.note, ''), r.reviewer, r.reviewed_at, r.reviewed_text, r.claimant,"
    f" {MARK_SQL} FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
    " WHERE s.article_id = ? ORDER BY s.start"
)
# The lazy sentence list (``tui/widgets/sentence_list.py``) reads an article as its ids in
# order, its reviews as a byte each, a search as a byte each, and sentences a window at a
# time.  A whole article comes back as one string (``group_concat``), not a row per
# sentence: a Python row costs more than SQLite's reading (100,000 ids: 10 ms as one
# string, 35 as rows).  ``group_concat`` sees the rows in the order of its subquery (an
# aggregate's subquery with ORDER BY is not flattened): the covering index (article_id,
# start) gives them in text order.
SENTENCE_IDS = (
    "SELECT group_concat(id) FROM (SELECT id FROM sentences WHERE article_id = ? ORDER BY start)"
)
REVIEW_MARKS = (
    "SELECT group_concat(v), group_concat(m, '') FROM (SELECT COALESCE(r.version, 0) AS v,"
    f" {MARK_SQL} AS m FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
    " WHERE s.article_id = ? ORDER BY s.start)"
)
# A (casefolded) word in a sentence's text, case folded as Python folds it: SQLite's
# lower() folds ASCII letters alone, so a text with other characters that lower() does
# not find it in is asked of Python (``folded_contains``, registered on every connection).
# Two arguments: the word, twice.
WORD_FOLDED_IN_TEXT = (
    "(instr(lower(s.text), ?) > 0"
    " OR (length(s.text) != length(CAST(s.text AS BLOB)) AND folded_contains(s.text, ?)))"
)
# Sentences by id with their reviews and counts (a window: a subquery per row is cheap
# here); the position is the caller's (its index in the ids + 1), counting it would cost
# an index range per row.
SENTENCES_BY_ID = "SELECT s.id, s.article_id, 0," + _SENTENCE_REST + " WHERE s.id IN ({marks})"


EVIDENCE_COUNTS = (
    "SELECT l.sentence_id, COUNT(*) FROM evidence_links l"
    " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = ? GROUP BY l.sentence_id"
)
CROSSREF_COUNTS = (
    f"SELECT c.sentence_id, SUM({MARKED}),"
    f" SUM(c.status = 'confirmed' OR (c.strong AND {MARKED}))"
    " FROM crossrefs c JOIN sentences s ON s.id = c.sentence_id WHERE s.article_id = ?"
    " GROUP BY c.sentence_id"
)


def sentences_in(conn: sqlite3.Connection, article_id: int) -> list[Sentence]:
    """Every sentence of an article in order, with its review and counts (one snapshot).

    Positions are numbered here as the rows come (in order of offset), not by a window
    function: at 100,000 sentences that halves the query."""
    with snapshot(conn):
        evidence = dict(conn.execute(EVIDENCE_COUNTS, [article_id]).fetchall())
        refs = {sid: (n, strong) for sid, n, strong in conn.execute(CROSSREF_COUNTS, [article_id])}
        rows = conn.execute(SENTENCES_OF, [article_id]).fetchall()
    out = []
    unpack = keys.unpack
    for position, r in enumerate(rows, 1):
        sid = r[0]
        n, strong = refs.get(sid, (0, 0)) if refs else (0, 0)
        counts = (evidence.get(sid, 0), n, strong)
        out.append(row_to_sentence(r, position, counts, unpack(r[6], r[19])))
    return out


EVIDENCE_COLUMNS = (
    "e.id, e.url, e.title, e.quote, e.stance, e.note, e.created_at,"
    " (SELECT COUNT(*) FROM evidence_links l WHERE l.evidence_id = e.id), e.version"
)

CROSSREF_SELECT = f"""
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
  f.url, c.version, {keys.column("ts.")}, ta.sha256, f.claim, f.title, f.publisher, f.rating,
  f.date, c.possible
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


_SENTENCE_FIELDS = tuple(Sentence.__dataclass_fields__)
VERDICTS: dict[str | None, Verdict | None] = {None: None, **{v.value: v for v in Verdict}}
# A review mark (``MARK_SQL``) as (verdict, flagged).
REVIEW_OF_MARK: dict[int, tuple[Verdict | None, bool]] = {
    mark + flag: (VERDICTS[verdict], bool(flag))
    for verdict, mark in MARK_OF.items()
    for flag in (0, FLAGGED_MARK)
}
_new = object.__new__


def row_to_sentence(
    r: tuple[Any, ...],
    position: int | None = None,
    counts: tuple[int, int, int] | None = None,
    key: str | None = None,
) -> Sentence:
    """A Sentence from a row of SENTENCE_SELECT/SENTENCES_OF (``position``, the evidence,
    match and strong-match ``counts`` and the ``key`` given apart, if they are known apart).

    Filled in directly, not through the frozen dataclass's ``__init__`` (which sets each
    field through ``object.__setattr__``): a 100,000-sentence article reads three times
    faster.  The values are the ``__init__``'s own: the field order is the columns'.
    """
    evidence, refs, strong = counts or r[13:16]
    sentence = _new(Sentence)
    sentence.__dict__.update(zip(_SENTENCE_FIELDS, (
        r[0], r[1], r[2] if position is None else position, r[3], r[4], r[5],
        r[6] if key is None else key, r[7],
        VERDICTS[r[8]], r[9] or "", r[10], r[11], bool(r[12]), evidence, refs, bool(strong),
        r[16], r[17], r[18] or None,
    ), strict=True))  # fmt: skip
    return sentence


_EVIDENCE_FIELDS = tuple(Evidence.__dataclass_fields__)  # the columns' order
STANCES = {s.value: s for s in Stance}


def row_to_evidence(r: tuple[Any, ...]) -> Evidence:
    """Evidence from a row of EVIDENCE_COLUMNS, filled in directly as ``row_to_sentence``
    is (a report of 100,000 sentences reads 10,000 of these: a tenth of its time)."""
    evidence = _new(Evidence)
    stance = STANCES.get(r[4]) or Stance(r[4])
    evidence.__dict__.update(zip(_EVIDENCE_FIELDS, (*r[:4], stance, *r[5:9]), strict=True))
    return evidence


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
        fact_check=None
        if r[2] != "factcheck" or r[17] is None
        else dict(
            claim=r[17],
            title=r[18] or "",
            publisher=r[19] or "",
            rating=r[20] or "",
            url=r[13] or "",
            date=r[21] or "",
        ),
        under_suggest=bool(r[22]),
    )
