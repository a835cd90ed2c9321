"""Restoring a report's reviews onto a stored article: sentence by sentence, newest wins.

A sentence reviewed both here and in the report keeps whichever review was
made later (by its time); one reviewed on one side only takes that review.
``replace`` takes the report as it is instead: its empty reviews clear
stored ones.  Evidence is added to what is linked (never stored twice), or,
with ``replace``, made exactly the report's.
"""

from __future__ import annotations

from datetime import datetime

from workbench.model import ReportEntry
from workbench.store import evidence
from workbench.store.imports import REVIEW_DEFAULTS
from workbench.store.log import Tx


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None  # a time without its offset can't be compared


def newer(theirs: str | None, ours: str | None) -> bool:
    """Whether the report's review time is later than ours (an unknown time never is)."""
    a, b = _time(theirs), _time(ours)
    if a is None:
        return False
    return b is None or a > b


def restore(
    tx: Tx, article_id: int, entries: list[ReportEntry], *, replace: bool
) -> tuple[int, int, int]:
    """Write the report's reviews onto the article; returns (taken, kept, same)."""
    conn = tx.conn
    rows = conn.execute(
        "SELECT id, key, text, ROW_NUMBER() OVER (ORDER BY start) FROM sentences"
        " WHERE article_id = ? ORDER BY start",
        [article_id],
    ).fetchall()
    by_key = {key: sid for sid, key, _, _ in rows}
    by_place = {(pos, text): sid for sid, _, text, pos in rows}
    taken = kept = same = 0
    for entry in entries:
        sid = by_key.get(entry.key) if entry.key else None
        if sid is None:
            sid = by_place.get((entry.position, entry.text))
        if sid is None:
            continue
        review = tx.read("reviews", {"sentence_id": sid}) or {}
        ours = (review.get("verdict"), review.get("note") or "", int(bool(review.get("flagged"))))
        verdict = entry.verdict.value if entry.verdict else None
        theirs = (verdict, entry.note, int(entry.flagged))
        if ours == theirs:
            same += entry.reviewed
        elif replace or (entry.reviewed and (not any(ours) or newer(
                entry.reviewed_at, review.get("reviewed_at")))):  # fmt: skip
            tx.write("reviews", {"sentence_id": sid}, {
                "verdict": verdict, "note": entry.note, "flagged": int(entry.flagged),
                "reviewer": entry.reviewer or tx.reviewer,
                "reviewed_at": entry.reviewed_at or tx.at, "reviewed_text": None,
            }, defaults=REVIEW_DEFAULTS)  # fmt: skip
            taken += 1
        elif entry.reviewed:
            kept += 1
        _evidence(tx, sid, entry, replace)
    return taken, kept, same


def _evidence(tx: Tx, sentence_id: int, entry: ReportEntry, replace: bool) -> None:
    wanted = set()
    for fields in entry.evidence:
        evidence_id = evidence.add(tx, evidence.clean_fields(fields))
        evidence.link(tx, evidence_id, sentence_id)
        wanted.add(evidence_id)
    if replace:
        for (evidence_id,) in tx.conn.execute(
            "SELECT evidence_id FROM evidence_links WHERE sentence_id = ?", [sentence_id]
        ).fetchall():
            if evidence_id not in wanted:
                tx.write("evidence_links", {"evidence_id": evidence_id,
                                            "sentence_id": sentence_id}, None)  # fmt: skip
