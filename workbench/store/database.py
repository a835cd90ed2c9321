"""Opening the SQLite file safely: refuse what isn't ours, then migrate.

The checks run before anything is written, so a file that is not SQLite, is
corrupted, or comes from a newer workbench is left exactly as it was.  An
up-to-date database opens with the standard library alone: sqlite-utils (and
its import time) is loaded only to migrate, or when a write needs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import DatabaseError
from workbench.store.version import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


def open_database(path: str | Path) -> sqlite3.Connection:
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
        version = _refuse_foreign(conn, name)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")
        if name != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(describe_sqlite_error(name, exc)) from None
    except DatabaseError:
        conn.close()
        raise
    return conn


def wrap(conn: sqlite3.Connection):
    """The sqlite-utils view of a connection (no plugin entry-point scan)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply pending migrations under the write lock (two processes never migrate at once)."""
    from workbench.store.schema import migrations

    with immediate(conn):
        migrations.apply(wrap(conn))


def _refuse_foreign(conn: sqlite3.Connection, name: str) -> int:
    """The schema version, unless the file is not an SQLite database this version understands."""
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
    return version


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


_savepoints = 0


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the lock up front (a savepoint when nested).

    ``BEGIN IMMEDIATE`` waits (busy timeout) for another writer instead of
    failing half-way when a read transaction must upgrade to a write one.
    """
    global _savepoints
    if conn.in_transaction:
        _savepoints += 1
        name = f"wb_{_savepoints}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        else:
            conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: every query inside sees the same state of the database."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
