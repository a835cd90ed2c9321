"""Evidence and its links to sentences.

A piece of evidence is one row, linked to any number of sentences in any
article.  The same evidence (URL, title, quote and stance alike) is never
stored twice: adding it again links the stored piece.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from workbench.errors import NotFoundError, ValidationError
from workbench.model import Evidence, Stance
from workbench.store.log import Tx
from workbench.store.queries import EVIDENCE_COLUMNS, row_to_evidence
from workbench.validate import check_url

IDENTITY = ("url", "title", "quote", "stance")


def clean_fields(fields: dict[str, Any]) -> dict[str, str]:
    """The user's fields checked and trimmed (an unknown field is refused)."""
    out: dict[str, str] = {}
    for name, value in fields.items():
        if name == "url":
            out["url"] = check_url(str(value or ""))
        elif name == "stance":
            out["stance"] = stance(value)
        elif name in ("title", "quote", "note"):
            out[name] = str(value or "").strip()
        else:
            raise ValidationError(f"evidence has no field {name!r}")
    return out


def stance(value: Any) -> str:
    try:
        return Stance(str(value).strip().lower()).value
    except ValueError:
        choices = ", ".join(s.value for s in Stance)
        raise ValidationError(f"unknown stance {value!r} (choose one of: {choices})") from None


def find_same(conn: sqlite3.Connection, row: dict[str, str]) -> dict[str, Any] | None:
    """The stored piece with this URL, title, quote and stance, if there is one."""
    cur = conn.execute(
        "SELECT * FROM evidence WHERE url = ? AND title = ? AND quote = ? AND stance = ?"
        " ORDER BY id LIMIT 1",
        [row[k] for k in IDENTITY],
    )
    found = cur.fetchone()
    return None if found is None else dict(zip([d[0] for d in cur.description], found, strict=True))


def add(tx: Tx, row: dict[str, str]) -> int:
    """Store a piece of evidence, or reuse the same one already stored; returns its id.

    When the stored piece has a different note, the new note is added to it
    (both kept, one per line): nothing typed is lost.
    """
    same = find_same(tx.conn, row)
    if same is None:
        return tx.insert("evidence", {**row, "reviewer": tx.reviewer, "created_at": tx.at})
    note = row.get("note", "")
    if note and note not in same["note"].split("\n"):
        tx.write(
            "evidence", {"id": same["id"]}, {"note": "\n".join(filter(None, [same["note"], note]))}
        )
    return same["id"]


def link(tx: Tx, evidence_id: int, sentence_id: int) -> bool:
    """Link evidence to a sentence; False if it was already linked."""
    return tx.write(
        "evidence_links",
        {"evidence_id": evidence_id, "sentence_id": sentence_id},
        {},
        stamp={"reviewer": tx.reviewer, "linked_at": tx.at},
    )


def get(conn: sqlite3.Connection, evidence_id: int) -> Evidence:
    row = conn.execute(
        f"SELECT {EVIDENCE_COLUMNS} FROM evidence e WHERE e.id = ?", [evidence_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no evidence with id {evidence_id}")
    return row_to_evidence(row)


def of_sentence(conn: sqlite3.Connection, sentence_id: int) -> list[Evidence]:
    """The evidence linked to one sentence, in the order it was linked."""
    rows = conn.execute(
        f"SELECT {EVIDENCE_COLUMNS} FROM evidence e JOIN evidence_links k"
        " ON k.evidence_id = e.id WHERE k.sentence_id = ? ORDER BY k.linked_at, e.id",
        [sentence_id],
    ).fetchall()
    return [row_to_evidence(r) for r in rows]


def library(conn: sqlite3.Connection) -> list[Evidence]:
    """Every stored piece of evidence, newest first."""
    rows = conn.execute(f"SELECT {EVIDENCE_COLUMNS} FROM evidence e ORDER BY e.id DESC").fetchall()
    return [row_to_evidence(r) for r in rows]
