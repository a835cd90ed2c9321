"""Correcting the segmenter: joining two sentences, splitting one.

Reviews, evidence and cross-references follow the text:

- **join** (a sentence with the next): the joined sentence keeps the first one's
  verdict, or the second's when the first has none; notes are kept both, one
  after the other; it is flagged if either was; the evidence and the
  cross-references of both now belong to it.
- **split** (at a point in a sentence): the first part keeps the sentence's
  review, evidence and cross-references; the second part starts unreviewed.

Positions are derived from offsets, so no other sentence is touched: each is
a handful of logged row changes, whatever the article's length.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from workbench.errors import ValidationError
from workbench.store import keys
from workbench.store.log import Tx


def key_for(conn: sqlite3.Connection, article_id: int, text: str, exclude: set[int]) -> str:
    """A stable key for new text: its digest and an occurrence number no sentence holds."""
    from workbench.segment import sentence_digest  # (sentencex: not at start-up)

    digest = sentence_digest(text)
    stored, _ = keys.pack(f"{digest}:1")
    taken = {
        occurrence
        for sid, occurrence in conn.execute(
            "SELECT id, occurrence FROM sentences WHERE article_id = ? AND key = ?",
            [article_id, stored],
        )
        if sid not in exclude
    }
    n = len(taken) + 1
    while n in taken:
        n += 1
    return f"{digest}:{n}"


def _rows(conn: sqlite3.Connection, sql: str, args: list[Any]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _next(conn: sqlite3.Connection, article_id: int, start: int) -> dict[str, Any] | None:
    rows = _rows(
        conn,
        "SELECT * FROM sentences WHERE article_id = ? AND start > ? ORDER BY start LIMIT 1",
        [article_id, start],
    )
    return rows[0] if rows else None


def join(tx: Tx, a: dict[str, Any]) -> None:
    """Join sentence row ``a`` with the next one (and the spaces between them)."""
    conn = tx.conn
    b = _next(conn, a["article_id"], a["start"])
    if b is None:
        raise ValidationError("the last sentence has no next one to join")
    if b["paragraph"] != a["paragraph"]:
        raise ValidationError("sentences in different paragraphs can't be joined")
    joined = a["text"] + b["gap"] + b["text"]  # the article's text from a's start to b's end
    ra = tx.read("reviews", {"sentence_id": a["id"]})
    rb = tx.read("reviews", {"sentence_id": b["id"]})
    if rb is not None:
        first = ra or {}
        merged = {k: v for k, v in (ra or rb).items() if k not in ("sentence_id", "version")}
        merged["verdict"] = first.get("verdict") or rb.get("verdict")
        merged["note"] = "\n".join(n for n in (first.get("note"), rb.get("note")) if n)
        merged["flagged"] = int(bool(first.get("flagged")) or bool(rb.get("flagged")))
        tx.write("reviews", {"sentence_id": b["id"]}, None)
        tx.write("reviews", {"sentence_id": a["id"]}, merged)
    for link in _rows(conn, "SELECT * FROM evidence_links WHERE sentence_id = ?", [b["id"]]):
        tx.write("evidence_links", {"evidence_id": link["evidence_id"], "sentence_id": b["id"]},
                 None)  # fmt: skip
        moved = {
            k: v for k, v in link.items() if k not in ("evidence_id", "sentence_id", "version")
        }
        tx.write("evidence_links", {"evidence_id": link["evidence_id"], "sentence_id": a["id"]},
                 moved)  # fmt: skip
    _move_crossrefs(tx, b["id"], a["id"])
    tx.write("sentences", {"id": b["id"]}, None)
    key = key_for(conn, a["article_id"], joined, {a["id"], b["id"]})
    tx.write("sentences", {"id": a["id"]}, {"end": b["end"], "text": joined, "key": key})


def _move_crossrefs(tx: Tx, old: int, new: int) -> None:
    """Give ``new`` the matches of ``old`` (and repoint matches that point at ``old``).

    A pair ``new`` already has keeps the more decided of the two.
    """
    conn = tx.conn
    rank = {"suggested": 0, "rejected": 1, "confirmed": 2}
    for ref in _rows(conn, "SELECT * FROM crossrefs WHERE sentence_id = ?", [old]):
        _move_crossref(tx, ref, {"sentence_id": new}, rank)
    for ref in _rows(
        conn, "SELECT * FROM crossrefs WHERE kind = 'sentence' AND target_id = ?", [old]
    ):
        _move_crossref(tx, ref, {"target_id": new}, rank)


def _move_crossref(tx: Tx, ref: dict[str, Any], to: dict[str, Any], rank: dict[str, int]) -> None:
    moved = {**ref, **to}
    if moved["kind"] == "sentence" and moved["target_id"] == moved["sentence_id"]:
        tx.write("crossrefs", {"id": ref["id"]}, None)  # a match of the sentence with itself
        return
    clash = tx.conn.execute(
        "SELECT id, status FROM crossrefs WHERE sentence_id = ? AND kind = ? AND target_id = ?",
        [moved["sentence_id"], moved["kind"], moved["target_id"]],
    ).fetchone()
    if clash is not None and rank[clash[1]] >= rank[ref["status"]]:
        tx.write("crossrefs", {"id": ref["id"]}, None)
        return
    if clash is not None:
        tx.write("crossrefs", {"id": clash[0]}, None)
    tx.write("crossrefs", {"id": ref["id"]}, to)


def split(tx: Tx, s: dict[str, Any], at: int) -> int:
    """Split sentence row ``s`` ``at`` characters into its text; returns the new part's id."""
    text, base = s["text"], s["start"]  # the sentence is exactly text[start:end] of the article
    from workbench.segment import character_start, strip_span

    at = character_start(text, at)  # never inside a character (an accent, an emoji)
    if not 0 < at < len(text):
        raise ValidationError("split inside the sentence: both parts need some text")
    a_start, a_end = strip_span(text, 0, at)
    b_start, b_end = strip_span(text, at, len(text))
    if a_start == a_end or b_start == b_end:
        raise ValidationError("split inside the sentence: both parts need some text")
    first, second, gap = text[a_start:a_end], text[b_start:b_end], text[a_end:b_start]
    a_end, b_start, b_end = base + a_end, base + b_start, base + b_end
    article_id = s["article_id"]
    tx.write("sentences", {"id": s["id"]}, {
        "end": a_end, "text": first, "key": key_for(tx.conn, article_id, first, {s["id"]}),
    })  # fmt: skip
    return tx.insert("sentences", {
        "article_id": article_id, "paragraph": s["paragraph"], "start": b_start, "end": b_end,
        "text": second, "key": key_for(tx.conn, article_id, second, set()), "gap": gap,
    })  # fmt: skip
