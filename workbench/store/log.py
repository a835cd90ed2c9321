"""The audit log, and undo/redo built on it.

One user action is one *batch*: who, when, what, and the row changes it made
(``changes``), kept in the batch's own row.  Every row the log writes carries
``version``: the id of the batch that wrote it last, so "has anyone changed
this row since?" is one comparison, and "who?" one lookup.

A row change is kept as what undoing it needs, and no more (``encode``): the
table, the row's key, what the row held before (only the columns the change
changed, or the whole row when the change deleted it; nothing when it was
new), and the version the change left it with (unsaid when it is the batch's
own).  What a change wrote is the row as it is now, or, once changed again,
what the next change found there: it is not stored twice.  The ``events``
view lists the changes one row each.

Undo and redo never rewrite history: they append a batch of their own (kind
``undo`` or ``redo``) whose changes put the rows back, versions included (a
row undone is again as its earlier writer left it), and only flip the undone
batch's state.  They act on the reviewer's own changes, newest first, and
refuse, with one line saying who changed what and when, when a row has been
changed by anyone since.  Because the log lives in the database, undo and
redo survive a restart and work across processes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from workbench.errors import ConflictError
from workbench.store import claims, keys

Row = dict[str, Any]

# Logged with every update, changed or not: what the row belongs to (kept in the
# row changes handed to ``encode``, which keeps only what changed).
CONTEXT = frozenset({"version", "sentence_id", "article_id", "evidence_id"})

# Each logged table's key columns, in the order ``encode`` writes their values.
KEYS: dict[str, tuple[str, ...]] = {
    "reviews": ("sentence_id",),
    "evidence_links": ("evidence_id", "sentence_id"),
}
ID = ("id",)

# Rows that reference a sentence or a piece of evidence: deleting the parent
# would take them along, so a replay refuses when one of them is someone's work.
DEPENDENTS = {
    "sentences": (
        "SELECT version FROM reviews WHERE sentence_id = :id AND version IS NOT NULL"
        " UNION ALL SELECT version FROM evidence_links WHERE sentence_id = :id"
        " AND version IS NOT NULL"
        " UNION ALL SELECT version FROM crossrefs WHERE version IS NOT NULL AND"
        " (sentence_id = :id OR (kind = 'sentence' AND target_id = :id))"
    ),
    "evidence": (
        "SELECT version FROM evidence_links WHERE evidence_id = :id AND version IS NOT NULL"
    ),
}


# What a row belongs to: it can't be put back once its parent is gone.
PARENTS = {
    "sentences": (("articles", "article_id"),),
    "reviews": (("sentences", "sentence_id"),),
    "evidence_links": (("sentences", "sentence_id"), ("evidence", "evidence_id")),
    "crossrefs": (("sentences", "sentence_id"),),
}


@dataclass(frozen=True, slots=True)
class Change:
    """What an undo or redo did: the action's name and the sentences it touched."""

    action: str
    batch: int  # the change undone or redone
    article_id: int | None
    sentence_ids: tuple[int, ...]
    structural: bool = False  # sentences were added, removed or their text changed

    @property
    def whole_article(self) -> bool:
        """A step over the whole article (a re-import, a restored report), not one sentence."""
        return self.action in ("re-import", "restore report")


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row change of a batch, as undoing it reads it."""

    tbl: str
    pk: Row
    before: Row | None  # what the row held (its key included); None: the change made it
    kept: bool  # whether the change left a row (False: it deleted it)
    version: int | None  # the version it left the row with


def encode(tbl: str, pk: Row, before: Row | None, after: Row | None, batch: int) -> list[Any]:
    """A row change as the log keeps it: ``[table, key, before]``, and a fourth item when
    the row was not left as the batch's own: ``null`` (deleted) or the version it was left
    with (0: none, a row older than versions).  A row the batch made is ``[table, key]``.

    ``before`` and ``after`` are the row before and after the change (``None``: no row);
    of an update, only the columns it changed are kept, with the version; of a row deleted,
    the whole row but its key and its NULL columns (a NULL column needs no saying: that is
    what an insert leaves a column it does not name).
    """
    names = KEYS.get(tbl, ID)
    key: Any = pk[names[0]] if len(names) == 1 else [pk[k] for k in names]
    if before is None:
        image = None
    elif after is None:
        image = {k: v for k, v in before.items() if v is not None and k not in pk}
    else:
        image = {k: v for k, v in before.items()
                 if k == "version" or (k not in pk and after.get(k, v) != v)}  # fmt: skip
    entry: list[Any] = [tbl, key, image]
    if after is None:
        entry.append(None)
    elif after.get("version") != batch:
        entry.append(after.get("version") or 0)
    elif image is None:
        del entry[2:]
    return entry


def decode(entry: list[Any], batch: int) -> RowChange:
    """The row change ``encode`` wrote (for batch ``batch``)."""
    tbl, key, image, *left = entry if len(entry) > 2 else [*entry, None]
    names = KEYS.get(tbl, ID)
    pk = dict(zip(names, key if len(names) > 1 else [key], strict=True))
    before = None if image is None else {**image, **pk}
    if not left:
        return RowChange(tbl, pk, before, True, batch)
    return RowChange(tbl, pk, before, left[0] is not None, left[0] or None)


def changes_of(conn: sqlite3.Connection, batch: int) -> list[RowChange]:
    """A batch's row changes, in the order they were made."""
    row = conn.execute("SELECT changes FROM batches WHERE id = ?", [batch]).fetchone()
    return [] if row is None else [decode(e, batch) for e in json.loads(row[0])]


def seconds(at: str) -> int | str:
    """A batch's time as the log keeps it: seconds since 1970 (a time it can't read, as is)."""
    try:
        return int(datetime.fromisoformat(at).timestamp())
    except (TypeError, ValueError):
        return at


def iso(at: int | str) -> str:
    """A logged time as ISO 8601, in UTC."""
    if isinstance(at, int):
        return datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")
    return at


def read_row(conn: sqlite3.Connection, tbl: str, pk: Row) -> Row | None:
    where = " AND ".join(f"[{k}] = ?" for k in pk)
    cur = conn.execute(f"SELECT * FROM [{tbl}] WHERE {where}", list(pk.values()))
    row = cur.fetchone()
    if row is None:
        return None
    found = dict(zip([d[0] for d in cur.description], row, strict=True))
    return keys.read_row(found) if tbl == "sentences" else found


def put_row(
    conn: sqlite3.Connection, tbl: str, pk: Row, values: Row | None, *, before: Row | None
) -> None:
    """Make the row identified by ``pk`` (``before``: as it is, None when there is none)
    hold ``values`` (``None`` deletes it).

    An existing row is updated in place, never replaced: a replace deletes
    the row first, which would cascade to everything that references it.  A
    sentence whose text goes or changes leaves the claim index first (the index
    keeps no copy of the text: it must be told the words it drops, ``before``'s).
    """
    where = " AND ".join(f"[{k}] = ?" for k in pk)
    exists = before is not None
    if tbl == "sentences" and before is not None:
        text = None if values is None else values.get("text", before["text"])
        if text != before["text"]:
            claims.forget_sentence(conn, pk["id"], before["text"])
    if tbl == "sentences" and values is not None:
        values = keys.stored_row(values)
    if values is None:
        conn.execute(f"DELETE FROM [{tbl}] WHERE {where}", list(pk.values()))
        return
    if exists:
        sets = [c for c in values if c not in pk]
        if sets:
            conn.execute(
                f"UPDATE [{tbl}] SET {', '.join(f'[{c}] = ?' for c in sets)} WHERE {where}",
                [values[c] for c in sets] + list(pk.values()),
            )
        return
    row = {**values, **pk}
    conn.execute(
        f"INSERT INTO [{tbl}] ({', '.join(f'[{c}]' for c in row)})"
        f" VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )


@dataclass
class Tx:
    """One user action being written: its transaction's connection and its batch.

    The batch row is created at the first write, so an action that changes
    nothing leaves nothing in the log; its row changes are written into it by
    ``finish``, before the transaction commits.
    """

    conn: sqlite3.Connection
    reviewer: str
    at: str
    action: str
    article_id: int | None
    sentence_id: int | None = None
    kind: str = "change"
    target: int | None = None
    _batch: int | None = None
    touched: set[int] = field(default_factory=set)  # sentence ids
    structural: bool = False
    _changes: list[list[Any]] = field(default_factory=list)

    @property
    def batch(self) -> int:
        if self._batch is None:
            self._batch = self.conn.execute(
                "INSERT INTO batches (at, reviewer, action, article_id, sentence_id, target, step)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [seconds(self.at), self.reviewer, self.action, self.article_id,
                 self.sentence_id, self.target, "done" if self.kind == "change" else self.kind],
            ).lastrowid  # fmt: skip
            if self.kind == "change":
                # A new change makes this reviewer's undone ones unreachable for redo.
                self.conn.execute(
                    "UPDATE batches SET step = 'dropped' WHERE step = 'undone'"
                    " AND reviewer = ? AND article_id IS ?",
                    [self.reviewer, self.article_id],
                )
        assert self._batch is not None  # an INSERT's row id
        return self._batch

    @property
    def wrote(self) -> bool:
        return self._batch is not None

    def finish(self) -> None:
        """Write the batch's row changes into its row (inside the transaction)."""
        if self._changes:
            self.conn.execute(
                "UPDATE batches SET changes = ? WHERE id = ?",
                [json.dumps(self._changes, ensure_ascii=False, separators=(",", ":")),
                 self.batch],
            )  # fmt: skip

    def read(self, tbl: str, pk: Row) -> Row | None:
        return read_row(self.conn, tbl, pk)

    def write(
        self,
        tbl: str,
        pk: Row,
        changes: Row | None,
        *,
        defaults: Row | None = None,
        stamp: Row | None = None,
    ) -> bool:
        """Change one row and log it.  Returns False when the row already held ``changes``.

        ``changes`` are merged into the row as it is inside the transaction (a
        concurrent writer's other fields are kept); ``None`` deletes the row.
        ``stamp`` (who and when) is added only if something changed.
        """
        before = self.read(tbl, pk)
        if changes is None:
            if before is None:
                return False
            after = None
        else:
            held = before if before is not None else defaults
            if held is not None and all(held.get(k) == v for k, v in changes.items()):
                return False  # already so (a row of defaults alone is not created)
            after = {**(before or defaults or {}), **changes, **(stamp or {}), **pk}
            after["version"] = self.batch
        put_row(self.conn, tbl, pk, after, before=before)
        if before is not None and after is not None:  # an update: log what it changed
            keys = {k for k in after if after[k] != before.get(k)} | CONTEXT
            before = {k: v for k, v in before.items() if k in keys}
            after = {k: v for k, v in after.items() if k in keys}
        self._record(tbl, pk, before, after)
        return True

    def insert(self, tbl: str, values: Row) -> int:
        """Add a row with a new id (never one used before) and log it; returns the id."""
        row = {**values, "version": self.batch}
        stored = keys.stored_row(row) if tbl == "sentences" else row
        cols = ", ".join(f"[{c}]" for c in stored)
        new_id = self.conn.execute(
            f"INSERT INTO [{tbl}] ({cols}) VALUES ({', '.join('?' for _ in stored)})",
            list(stored.values()),
        ).lastrowid
        assert new_id is not None
        self._record(tbl, {"id": new_id}, None, {"id": new_id, **row})
        return new_id

    def _record(self, tbl: str, pk: Row, before: Row | None, after: Row | None) -> None:
        self._changes.append(encode(tbl, pk, before, after, self.batch))
        self._note(tbl, pk, before, after)

    def _note(self, tbl: str, pk: Row, before: Row | None, after: Row | None) -> None:
        if tbl == "sentences":
            self.structural = True
            self.touched.add(pk["id"])
        for row in (before, after):
            if row is not None and row.get("sentence_id") is not None:
                self.touched.add(row["sentence_id"])


def undo(tx: Tx) -> Change | None:
    """Revert ``tx.reviewer``'s latest change in ``tx.article_id``'s scope."""
    row = tx.conn.execute(
        "SELECT id FROM batches WHERE article_id IS ? AND step = 'done' AND reviewer = ?"
        " ORDER BY id DESC LIMIT 1",
        [tx.article_id, tx.reviewer],
    ).fetchone()
    if row is None:
        return None
    target = row[0]
    # The rows are as the change's latest application left them: the change, or its redo.
    (source,) = tx.conn.execute(
        "SELECT MAX(id) FROM batches WHERE id = ? OR (target = ? AND step = 'redo')",
        [target, target],
    ).fetchone()
    return _replay(tx, target, source, "undo")


def redo(tx: Tx) -> Change | None:
    """Re-apply the change ``tx.reviewer`` undid last (undone changes sit on top)."""
    row = tx.conn.execute(
        "SELECT id FROM batches WHERE step = 'undone' AND reviewer = ? AND article_id IS ?"
        " ORDER BY id ASC LIMIT 1",
        [tx.reviewer, tx.article_id],
    ).fetchone()
    if row is None:
        return None
    target = row[0]
    (source,) = tx.conn.execute(
        "SELECT MAX(id) FROM batches WHERE target = ? AND step = 'undo'", [target]
    ).fetchone()
    return _replay(tx, target, source, "redo")


def _replay(tx: Tx, target: int, source: int | None, word: str) -> Change:
    """Walk ``source``'s row changes backwards, putting each row back as it was before it.

    Before each step the row must be as that change left it (or as this replay
    just wrote it): anything else means someone changed it since.
    """
    action, sentence_id = tx.conn.execute(
        "SELECT action, sentence_id FROM batches WHERE id = ?", [target]
    ).fetchone()
    tx.kind, tx.target, tx.action, tx.sentence_id = word, target, f"{word} {action}", sentence_id
    texts: dict[int, str] = {}
    for change in reversed(changes_of(tx.conn, source) if source is not None else []):
        tbl, pk, wanted = change.tbl, change.pk, change.before
        current = read_row(tx.conn, tbl, pk)
        if not _unchanged(current, change):
            raise ConflictError(_conflict(tx.conn, tbl, pk, current, word))
        if wanted is None:
            _refuse_orphans(tx, tbl, pk, word)
            new = None
        elif current is None:
            _refuse_without_parent(tx, tbl, wanted, word)
            new = dict(wanted)
        else:  # only the columns this change changed: others keep their own updates
            new = dict(wanted)
            new["version"] = wanted.get("version")
            if tbl == "articles" and "text" in new:  # logged before the text was kept once
                texts[pk["id"]] = new.pop("text")
        if current is None and new is None:
            continue
        put_row(tx.conn, tbl, pk, new, before=current)
        if current is not None and new is not None:
            keys = set(new) | CONTEXT
            tx._record(tbl, pk, {k: v for k, v in current.items() if k in keys},
                       {**{k: v for k, v in current.items() if k in keys}, **new})  # fmt: skip
        else:
            tx._record(tbl, pk, current, new)
    for article_id, text in texts.items():
        _space_as(tx, article_id, text)
    tx.conn.execute(
        "UPDATE batches SET step = ? WHERE id = ?",
        ["undone" if word == "undo" else "done", target],
    )
    touched = set(tx.touched)
    if sentence_id is not None:
        touched.add(sentence_id)
    return Change(
        action=action,
        batch=target,
        article_id=tx.article_id,
        sentence_ids=tuple(sorted(touched)),
        structural=tx.structural,
    )


def _space_as(tx: Tx, article_id: int, text: str) -> None:
    """Give an article's sentences the spacing they have in ``text``.

    A re-import logged before the article's text was kept once (in its sentences)
    logged the whole text instead of the spaces between sentences: replaying one
    puts the sentences back, and then the spaces are read off the text.
    """
    end = 0
    for sid, start, stop in tx.conn.execute(
        'SELECT id, start, "end" FROM sentences WHERE article_id = ? ORDER BY start',
        [article_id],
    ).fetchall():
        tx.write("sentences", {"id": sid}, {"gap": text[end:start]})
        end = stop
    tx.write("articles", {"id": article_id}, {"tail": text[end:]})


def _unchanged(current: Row | None, change: RowChange) -> bool:
    """Whether a row is as a change left it: the same version (or both absent)."""
    if current is None or not change.kept:
        return current is None and not change.kept
    return current.get("version") == change.version


def _refuse_without_parent(tx: Tx, tbl: str, row: Row, word: str) -> None:
    """A row can't come back when what it belongs to has been deleted since: refuse."""
    for parent, column in PARENTS.get(tbl, ()):
        key = {"id": row[column]}
        found = tx.conn.execute(f"SELECT 1 FROM [{parent}] WHERE id = ?", [key["id"]]).fetchone()
        if found is None:
            raise ConflictError(_conflict(tx.conn, parent, key, None, word))


def _refuse_orphans(tx: Tx, tbl: str, pk: Row, word: str) -> None:
    """Deleting this row would take someone's later work along with it: refuse."""
    sql = DEPENDENTS.get(tbl)
    if sql is None:
        return
    for (version,) in tx.conn.execute(sql, {"id": pk["id"]}):
        if version is not None:
            who, at = author(tx.conn, version)
            what = describe_row(tx.conn, tbl, read_row(tx.conn, tbl, pk) or pk)
            raise ConflictError(f"{what} has newer work by {who} at {when(at)}: not {word}ne")


def author(conn: sqlite3.Connection, version: int | None) -> tuple[str, str]:
    row = conn.execute("SELECT reviewer, at FROM batches WHERE id = ?", [version]).fetchone()
    return (row[0], iso(row[1])) if row else ("someone", "")


def last_change(conn: sqlite3.Connection, tbl: str, pk: Row) -> tuple[str, str, Row | None] | None:
    """Who changed a row last, when, and what it held before: newest batches first, those
    that name the row found by their text."""
    names = KEYS.get(tbl, ID)
    key = pk[names[0]] if len(names) == 1 else [pk[k] for k in names]
    named = json.dumps([tbl, key], separators=(",", ":"))[:-1]  # '["reviews",12' finds 123 too
    for batch, reviewer, at, changes in conn.execute(
        "SELECT id, reviewer, at, changes FROM batches WHERE instr(changes, ?) ORDER BY id DESC",
        [named],
    ):
        for entry in reversed(json.loads(changes)):
            change = decode(entry, batch)
            if change.tbl == tbl and change.pk == pk:
                return reviewer, iso(at), change.before
    return None


def _conflict(conn: sqlite3.Connection, tbl: str, pk: Row, current: Row | None, word: str) -> str:
    if current is not None:
        who, at = author(conn, current.get("version"))
        return (
            f"{describe_row(conn, tbl, current)} was changed by {who} at {when(at)}: not {word}ne"
        )
    last = last_change(conn, tbl, pk)
    if last is None:
        return f"{describe_row(conn, tbl, pk)} was deleted since: not {word}ne"
    row = last[2] or pk
    return (
        f"{describe_row(conn, tbl, row)} was deleted by {last[0]} at {when(last[1])}: not {word}ne"
    )


def position_sql(sentence_id: str) -> str:
    """SQL for the position of the sentence whose id is ``sentence_id`` (a parameter or a
    column): NULL when there is no such sentence."""
    return (
        "(SELECT (SELECT COUNT(*) FROM sentences x WHERE x.article_id = s.article_id"
        f" AND x.start <= s.start) FROM sentences s WHERE s.id = {sentence_id})"
    )


def position_of(conn: sqlite3.Connection, sentence_id: int) -> int | None:
    (position,) = conn.execute("SELECT " + position_sql("?"), [sentence_id]).fetchone()
    return position


def describe_row(conn: sqlite3.Connection, tbl: str, row: Row) -> str:
    """How a reviewer would name a row: "sentence 5", "evidence “CENTCOM”"."""
    sentence_id = row.get("id") if tbl == "sentences" else row.get("sentence_id")
    if sentence_id is not None:
        position = position_of(conn, sentence_id)
        if position is not None:
            name = f"sentence {position}"
        elif tbl == "sentences" and row.get("text"):
            text = row["text"]
            name = f"the sentence “{text[:40]}{'…' if len(text) > 40 else ''}”"
        else:
            name = "a sentence since deleted"
        return {
            "evidence_links": f"the evidence of {name}",
            "crossrefs": f"a match of {name}",
        }.get(tbl, name)
    if tbl == "evidence":
        title = row.get("title") or row.get("url") or f"#{row.get('id')}"
        return f"evidence “{title}”"
    if tbl == "articles":
        title = row.get("title") or f"#{row.get('id')}"
        return f"article “{title}”"
    return f"a row of {tbl}"


def when(at: str) -> str:
    """A logged time for people: local, to the minute."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at or "an unknown time"
