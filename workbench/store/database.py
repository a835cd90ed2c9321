"""Opening the SQLite file safely: refuse what isn't ours, then migrate.

The checks run before anything is written, so a file that is not SQLite, is
corrupted, or comes from a newer workbench is left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from workbench.errors import DatabaseError
from workbench.store.schema import SCHEMA_VERSION, migrations

BUSY_TIMEOUT_MS = 10_000


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) a workbench database with WAL and a busy timeout."""
    name = str(path)
    if name != ":memory:":
        p = Path(name)
        if p.is_dir():
            raise DatabaseError(f"database path {name} is a directory")
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open database {name}: {exc}") from None
    try:
        _refuse_foreign(conn, name)
        db = Database(conn, execute_plugins=False)  # no entry-point scan at start-up
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if name != ":memory:":
            with db.ensure_autocommit_on():
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if migrations.pending(db):
            # Under the write lock, so two processes never migrate at once.
            with immediate(db):
                migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(describe_sqlite_error(name, exc)) from None
    except DatabaseError:
        conn.close()
        raise
    return db


def _refuse_foreign(conn: sqlite3.Connection, name: str) -> None:
    """Raise unless the file is empty, or an SQLite database this version understands."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(describe_sqlite_error(name, exc)) from None
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"database {name} was written by a newer workbench (schema {version}, "
            f"this one knows {SCHEMA_VERSION}): upgrade workbench to open it"
        )
    if tables and "articles" not in tables:
        raise DatabaseError(f"{name} is an SQLite database, but not a workbench one")


def describe_sqlite_error(name: str, exc: sqlite3.Error) -> str:
    """One line for the user about a database file SQLite refuses."""
    text = str(exc)
    if "not a database" in text:
        return f"{name} is not a workbench database (not an SQLite file)"
    if "malformed" in text or "corrupt" in text:
        return f"database {name} is corrupted ({text}); it was left untouched"
    if "locked" in text or "busy" in text:
        return f"database {name} is busy (another process holds a lock); try again"
    if "readonly" in text or "read-only" in text:
        return f"database {name} is read-only"
    return f"database {name}: {text}"


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """A write transaction that takes the lock up front.

    ``BEGIN IMMEDIATE`` waits (busy timeout) for another writer instead of
    failing half-way when a read transaction must upgrade to a write one.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
