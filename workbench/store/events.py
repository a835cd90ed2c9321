"""The audit log, and undo/redo built on it.

Every change is recorded as row changes: the table, the row's primary key, the
row before and after.  Undo writes the "before" rows back, redo the "after"
rows; one user action is one *batch* of row changes.  Because the log lives in
the database, undo and redo survive a restart and work across processes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    """What an undo or redo did: the action's name and the sentences it touched."""

    action: str
    batch: int
    article_id: int | None
    sentence_ids: tuple[int, ...]
    structural: bool = False  # sentences were added, removed or renumbered


def next_batch(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM events").fetchone()
    return int(row[0])


def read_row(db: sqlite3.Connection, tbl: str, pk: Row) -> Row | None:
    where = " AND ".join(f"[{k}] = ?" for k in pk)
    cur = db.execute(f"SELECT * FROM [{tbl}] WHERE {where}", list(pk.values()))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def write_row(db: sqlite3.Connection, tbl: str, pk: Row, values: Row | None) -> None:
    """Make the row identified by ``pk`` equal ``values`` (``None`` deletes it)."""
    if values is None:
        where = " AND ".join(f"[{k}] = ?" for k in pk)
        db.execute(f"DELETE FROM [{tbl}] WHERE {where}", list(pk.values()))
        return
    # An upsert, not INSERT OR REPLACE: a replace deletes the row first, which
    # would cascade to everything that references it.
    row = {**values, **pk}
    cols = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" for _ in row)
    target = ", ".join(f"[{k}]" for k in pk)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in row if c not in pk)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    db.execute(
        f"INSERT INTO [{tbl}] ({cols}) VALUES ({marks}) ON CONFLICT ({target}) {action}",
        list(row.values()),
    )


def record(
    db: sqlite3.Connection,
    *,
    batch: int,
    at: str,
    reviewer: str,
    action: str,
    article_id: int | None,
    sentence_id: int | None,
    tbl: str,
    pk: Row,
    before: Row | None,
    after: Row | None,
) -> None:
    """Append one row change to the log (the caller has already made it)."""
    db.execute(
        "INSERT INTO events (batch, at, reviewer, action, article_id, sentence_id, tbl, pk,"
        " before, after, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'done')",
        [
            batch,
            at,
            reviewer,
            action,
            article_id,
            sentence_id,
            tbl,
            json.dumps(pk),
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def drop_redo(db: sqlite3.Connection, article_id: int | None) -> None:
    """A new change makes the undone ones unreachable for redo (as in any editor)."""
    db.execute(
        "UPDATE events SET state = 'dropped' WHERE state = 'undone' AND article_id IS ?",
        [article_id],
    )


def undo(db: sqlite3.Connection, article_id: int | None) -> Change | None:
    """Revert the latest batch still done for this article."""
    row = db.execute(
        "SELECT MAX(batch) FROM events WHERE state = 'done' AND article_id IS ?", [article_id]
    ).fetchone()
    if row[0] is None:
        return None
    return _replay(db, int(row[0]), undo=True)


def redo(db: sqlite3.Connection, article_id: int | None) -> Change | None:
    """Re-apply the earliest undone batch (undone batches always sit on top)."""
    row = db.execute(
        "SELECT MIN(batch) FROM events WHERE state = 'undone' AND article_id IS ?", [article_id]
    ).fetchone()
    if row[0] is None:
        return None
    return _replay(db, int(row[0]), undo=False)


def _replay(db: sqlite3.Connection, batch: int, *, undo: bool) -> Change:
    rows = db.execute(
        "SELECT id, action, article_id, sentence_id, tbl, pk, before, after FROM events"
        " WHERE batch = ? ORDER BY id " + ("DESC" if undo else "ASC"),
        [batch],
    ).fetchall()
    sentence_ids: list[int] = []
    structural = False
    for _id, _action, _article, sentence_id, tbl, pk, before, after in rows:
        target = before if undo else after
        key = json.loads(pk)
        write_row(db, tbl, key, None if target is None else json.loads(target))
        if tbl == "sentences":
            structural = True
            if key["id"] not in sentence_ids:
                sentence_ids.append(key["id"])
        if sentence_id is not None and sentence_id not in sentence_ids:
            sentence_ids.append(sentence_id)
    db.execute("UPDATE events SET state = ? WHERE batch = ?", ["undone" if undo else "done", batch])
    first = rows[-1] if undo else rows[0]  # the action is named by its first change
    return Change(
        action=first[1],
        batch=batch,
        article_id=first[2],
        sentence_ids=tuple(sentence_ids),
        structural=structural,
    )
