"""Restoring a report's reviews onto a stored article: sentence by sentence, newest wins.

A sentence reviewed both here and in the report keeps whichever review was
made later (by its time); one reviewed on one side only takes that review.
``replace`` takes the report as it is instead: its empty reviews clear
stored ones.  Evidence is added to what is linked (never stored twice), or,
with ``replace``, made exactly the report's.  The report's confirmed
cross-references are confirmed here too: to a fact-check (brought back if
it isn't known), or to a sentence of an article stored here; one rejected
here stays rejected unless ``replace``.  The article's details (date,
authors, outlet, URL) fill those it lacks.
"""

from __future__ import annotations

import json
from datetime import datetime

from workbench.model import Document, ReportEntry
from workbench.store import claims, evidence, keys
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
) -> tuple[int, int, int, tuple[int, ...]]:
    """Write the report's reviews onto the article; returns (taken, kept, same, unplaced):
    unplaced, the report's positions of the reviews that no sentence here is (the article
    here cut otherwise: sentences joined or split since), which the caller must name."""
    conn = tx.conn
    rows = conn.execute(
        f"SELECT id, {keys.column()}, text, ROW_NUMBER() OVER (ORDER BY start) FROM sentences"
        " WHERE article_id = ? ORDER BY start",
        [article_id],
    ).fetchall()
    by_key = {key: sid for sid, key, _, _ in rows}
    by_place = {(pos, text): sid for sid, _, text, pos in rows}
    taken = kept = same = 0
    unplaced = []
    for entry in entries:
        # the same text in the same place first: a repeated text's keys can be numbered
        # otherwise here (its occurrences counted after a join or a split)
        sid = by_place.get((entry.position, entry.text))
        if sid is None and entry.key:
            sid = by_key.get(entry.key)
        if sid is None:
            if entry.carries:
                unplaced.append(entry.position)
            continue
        review = tx.read("reviews", {"sentence_id": sid}) or {}
        ours = (review.get("verdict"), review.get("note") or "", int(bool(review.get("flagged"))),
                review.get("claimant"))  # fmt: skip
        verdict = entry.verdict.value if entry.verdict else None
        theirs = (verdict, entry.note, int(entry.flagged), entry.claimant)
        if ours == theirs:
            same += entry.reviewed
        elif replace or (entry.reviewed and (not any(ours) or newer(
                entry.reviewed_at, review.get("reviewed_at")))):  # fmt: skip
            reviewed = entry.reviewed  # (a review --replace clears names no one)
            tx.write("reviews", {"sentence_id": sid}, {
                "verdict": verdict, "note": entry.note, "flagged": int(entry.flagged),
                "claimant": entry.claimant,
                "reviewer": (entry.reviewer or tx.reviewer) if reviewed else None,
                "reviewed_at": (entry.reviewed_at or tx.at) if reviewed else None,
                "reviewed_text": entry.reviewed_text if reviewed else None,
            }, defaults=REVIEW_DEFAULTS)  # fmt: skip
            taken += 1
        elif entry.reviewed:
            kept += 1
        _evidence(tx, sid, entry, replace)
        _crossrefs(tx, sid, entry, replace)
    return taken, kept, same, tuple(sorted(unplaced))


def article_details(tx: Tx, article_id: int, doc: Document) -> None:
    """The report's publication date, authors, outlet and URL, where the article has none."""
    row = tx.read("articles", {"id": article_id}) or {}
    given = {"published": doc.published, "outlet": doc.outlet, "url": doc.url,
             "authors": json.dumps(list(doc.authors), ensure_ascii=False) if doc.authors
             else None}  # fmt: skip
    changes = {k: v for k, v in given.items() if v and row.get(k) in (None, "", "[]")}
    if changes:
        tx.write("articles", {"id": article_id}, changes)


def _crossrefs(tx: Tx, sentence_id: int, entry: ReportEntry, replace: bool) -> None:
    for ref in entry.crossrefs:
        target = _target(tx, ref)
        if target is None or (ref["kind"] == "sentence" and target == sentence_id):
            continue  # an article not stored here: nothing to point at
        _confirm(tx, sentence_id, target, ref, replace)
        if ref["kind"] == "sentence":  # stored both ways: each article sees it
            _confirm(tx, target, sentence_id, ref, replace)


def _confirm(tx: Tx, sentence_id: int, target: int, ref: dict[str, object], replace: bool) -> None:
    row = tx.conn.execute(
        "SELECT id, status FROM crossrefs WHERE sentence_id = ? AND kind = ? AND target_id = ?",
        [sentence_id, ref["kind"], target],
    ).fetchone()
    if row is None:
        tx.insert("crossrefs", {
            "sentence_id": sentence_id, "kind": ref["kind"], "target_id": target,
            "score": ref["score"], "method": "report", "status": "confirmed",
            "strong": int(bool(ref["strong"])), "created_at": tx.at,
        })  # fmt: skip
    elif row[1] == "suggested" or (replace and row[1] == "rejected"):
        tx.write("crossrefs", {"id": row[0]}, {"status": "confirmed"})


def _target(tx: Tx, ref: dict[str, object]) -> int | None:
    """The id here of a report's cross-reference target (a fact-check is added if unknown)."""
    conn = tx.conn
    if ref["kind"] == "sentence":
        found = conn.execute(
            "SELECT s.id FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE a.sha256 = ? AND s.key = ? AND s.occurrence IS ? AND a.deleted_at IS NULL",
            [ref["article_sha256"], *keys.pack(str(ref["key"]))],
        ).fetchone()
        return found[0] if found else None
    fields = ref["fact_check"]
    assert isinstance(fields, dict)
    found = conn.execute("SELECT id FROM fact_checks WHERE digest = ?", [ref["digest"]]).fetchone()
    if found:
        return int(found[0])
    new_id = conn.execute(
        "INSERT INTO fact_checks (claim, title, rating, url, publisher, date, digest, imported_at)"
        " VALUES (:claim, :title, :rating, :url, :publisher, :date, :digest, :at)",
        {**fields, "digest": ref["digest"], "at": tx.at},
    ).lastrowid
    assert new_id is not None
    claims.index_fact_checks(conn, [new_id])
    return new_id


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
