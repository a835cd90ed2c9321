"""Salvaging a damaged database: every row SQLite can still read, into a new file.

Tables are read in pages of rows by id; where a read fails (a damaged page),
the reader jumps ahead to the next id it can read and notes what it skipped.
The copy is made at the damaged file's schema version, then upgraded like any
database of that version; rows whose parent was lost (a review whose sentence
is gone) are left out, and the claim index is built afresh.  The damaged file
is only read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import DatabaseError
from workbench.store import claims
from workbench.store.database import immediate, migrate, open_database
from workbench.store.version import SCHEMA_VERSION

# Parents before children, so a row's parent is copied before it (those a version has).
TABLES = (
    "articles", "sentences", "reviews", "evidence", "evidence_links", "fact_checks",
    "crossrefs", "batches", "events", "meta",
)  # fmt: skip
PAGE = 500


@dataclass
class Salvage:
    """What a recovery copied, per table, and what it could not read."""

    copied: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)  # damaged stretches skipped
    orphans: int = 0  # rows left out: what they belonged to was lost

    @property
    def complete(self) -> bool:
        return not self.unreadable and not self.orphans


def recover(damaged: Path, target: Path) -> Salvage:
    """Copy what can be read of ``damaged`` into a new database at ``target``."""
    if target.exists():
        raise DatabaseError(f"{target} already exists: give a new file to recover into")
    try:
        src = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        version = src.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{damaged} can't be read at all ({exc}): restore a backup") from None
    dst = open_database(target, schema=min(version, SCHEMA_VERSION) or SCHEMA_VERSION)
    salvage = Salvage()
    try:
        with immediate(dst):
            dst.execute("PRAGMA defer_foreign_keys = ON")
            for table in TABLES:
                _copy(src, dst, table, salvage)
            salvage.orphans = _drop_orphans(dst)
        migrate(dst)
        dst.execute("PRAGMA foreign_keys = ON")
        with immediate(dst):
            claims.reindex_all(dst)
    finally:
        src.close()
        dst.close()
    return salvage


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    except sqlite3.DatabaseError:
        return []


def _is_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", [name]).fetchone()
    return found is not None and found[0] == "table"


def _copy(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, salvage: Salvage) -> None:
    if not _is_table(dst, table):  # a view in this version, or not there at all
        return
    wanted = _columns(dst, table)
    cols = [c for c in _columns(src, table) if c in wanted]
    if not cols:
        return
    names = ", ".join(f"[{c}]" for c in cols)
    insert = f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({', '.join('?' * len(cols))})"
    start, copied, page = -(2**63), 0, PAGE
    while True:
        try:
            rows = src.execute(
                f"SELECT rowid, {names} FROM [{table}] WHERE rowid >= ? ORDER BY rowid LIMIT ?",
                [start, page],
            ).fetchall()
        except sqlite3.DatabaseError:
            if page > 1:  # somewhere in these rows: go one row at a time up to the damage
                page = 1
                continue
            found = _next_readable(src, table, start)
            salvage.unreadable[table] = salvage.unreadable.get(table, 0) + 1
            if found is None:
                break
            start = found  # (read from it, not past the one before: that is in the damage)
            continue
        if not rows:
            break
        dst.executemany(insert, [r[1:] for r in rows])
        copied += len(rows)
        start, page = rows[-1][0] + 1, PAGE
    salvage.copied[table] = copied


def _next_readable(src: sqlite3.Connection, table: str, start: int) -> int | None:
    """The first id past the damaged stretch that reading from ``start`` on met, whose row
    can be read (None: no more rows).

    Reading on from an id fails while the id falls in the damage.  The probe jumps
    further at each miss (a damaged stretch can be long), which may land past rows that
    can be read: it then goes back by halves to the first id past the damage."""
    bad = max(start, 0)  # reading on from here failed
    step, probe = 1, bad + 1
    readable, found = _first_from(src, table, probe)
    while not readable and probe < 2**62:
        bad, probe, step = probe, probe + step, step * 2
        readable, found = _first_from(src, table, probe)
    if not readable:
        return None
    while probe - bad > 1:  # reading on from bad fails, from probe it doesn't
        middle = (bad + probe) // 2
        readable, got = _first_from(src, table, middle)
        if readable:
            probe, found = middle, got
        else:
            bad = middle
    return found


def _first_from(src: sqlite3.Connection, table: str, rowid: int) -> tuple[bool, int | None]:
    """Can reading on from ``rowid`` be done, and the first id from there (its row read
    whole; None: no more rows)."""
    try:
        row = src.execute(
            f"SELECT rowid FROM [{table}] WHERE rowid >= ? ORDER BY rowid LIMIT 1", [rowid]
        ).fetchone()
        if row is None:
            return True, None
        src.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [row[0]]).fetchone()
        return True, int(row[0])
    except sqlite3.DatabaseError:
        return False, None


def _drop_orphans(dst: sqlite3.Connection) -> int:
    """Leave out rows whose parent was lost; returns how many."""
    dropped = 0
    while broken := dst.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid, _parent, _fk in broken:
            dst.execute(f"DELETE FROM [{table}] WHERE rowid = ?", [rowid])
            dropped += 1
    return dropped
