"""Keeping cross-references: the pairs matching found, and the reviewer's decisions.

Pairs at or above the possible threshold are stored as ``suggested``: under the
suggest threshold as ``possible`` (listed with the sentence's matches, never
marked on it), at or above the strong threshold as ``strong``.  A pair the
reviewer rejected is never suggested again, and a confirmed one keeps its
status.  A sentence-sentence
pair is stored in both directions, so both articles see it.  Suggestions are
the matcher's, not the reviewer's: they are kept outside the log, and a
pair found again keeps its row (and id).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.errors import NotFoundError
from workbench.model import CrossRef
from workbench.store.queries import CROSSREF_SELECT, row_to_crossref

Pair = tuple[int, str, int, float]  # (sentence id, kind, target id, score)

UPSERT = (
    "INSERT INTO crossrefs (sentence_id, kind, target_id, score, method, status, strong,"
    " possible, created_at) VALUES (?, ?, ?, ?, ?, 'suggested', ?, ?, ?)"
    " ON CONFLICT (sentence_id, kind, target_id) DO UPDATE SET score = excluded.score,"
    " strong = excluded.strong, possible = excluded.possible, method = excluded.method"
    " WHERE crossrefs.status = 'suggested'"
)


@dataclass(frozen=True)
class Levels:
    """Where a stored pair's probability (in percent) stops being merely possible and where
    it becomes strong."""

    suggest: float
    strong: float


def _rows(pairs: Iterable[Pair], levels: Levels, method: str, now: str) -> list[tuple]:
    rows = []
    for sentence_id, kind, target, score in pairs:
        score = round(score, 1)  # as stored and shown: "19%" is never a possible match
        possible = int(score < levels.suggest)
        is_strong = int(score >= levels.strong and not possible)
        row = (sentence_id, kind, target, score, method, is_strong, possible, now)
        rows.append(row)
        if kind == "sentence":
            rows.append((target, "sentence", sentence_id, *row[3:]))
    return rows


def keep(
    conn: sqlite3.Connection,
    sentence_ids: list[int],
    pairs: list[Pair],
    *,
    levels: Levels,
    method: str,
    now: str,
) -> int:
    """Replace the open suggestions of these sentences (both directions) with ``pairs``.

    Returns the number of suggestions written (rows; the possible ones not counted).
    """
    rows = _rows(pairs, levels, method, now)
    found = {(r[0], r[1], r[2]) for r in rows}
    stale = []
    for start in range(0, len(sentence_ids), 500):
        chunk = sentence_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for ref_id, sid, kind, target in conn.execute(
            f"SELECT id, sentence_id, kind, target_id FROM crossrefs WHERE status = 'suggested'"
            f" AND (sentence_id IN ({marks}) OR (kind = 'sentence' AND target_id IN ({marks})))",
            chunk + chunk,
        ):
            if (sid, kind, target) not in found:
                stale.append((ref_id,))
    conn.executemany("DELETE FROM crossrefs WHERE id = ?", stale)
    conn.executemany(UPSERT, rows)
    return _suggested(rows)


def add(conn: sqlite3.Connection, pairs: list[Pair], *, levels: Levels, method: str,
        now: str) -> int:  # fmt: skip
    """Add suggestions (those of newly imported fact-checks) without forgetting any; returns
    the number of suggestions written, as ``keep``."""
    rows = _rows(pairs, levels, method, now)
    conn.executemany(UPSERT, rows)
    return _suggested(rows)


def _suggested(rows: list[tuple]) -> int:
    return sum(1 for row in rows if not row[6])


def of_sentence(conn: sqlite3.Connection, sentence_id: int, *, rejected: bool) -> list[CrossRef]:
    sql = CROSSREF_SELECT + " WHERE c.sentence_id = ?"
    if not rejected:
        sql += " AND c.status != 'rejected'"
    rows = conn.execute(sql + " ORDER BY c.score DESC, c.id", [sentence_id]).fetchall()
    return [row_to_crossref(r) for r in rows]


def get(conn: sqlite3.Connection, crossref_id: int) -> CrossRef:
    row = conn.execute(CROSSREF_SELECT + " WHERE c.id = ?", [crossref_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no cross-reference with id {crossref_id}")
    return row_to_crossref(row)
