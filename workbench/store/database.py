"""Opening the SQLite file safely: refuse what isn't ours or is damaged, then migrate.

The checks run before anything is written, so a file that is not SQLite, is
damaged, or comes from a newer workbench is left exactly as it was.  The
damage check (``PRAGMA quick_check``) reads the whole file, so its result is
remembered for a file that has not changed since (see ``checked``).  An
up-to-date database opens with the standard library alone: sqlite-utils is
loaded only to migrate, or when a write needs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from workbench.errors import DatabaseError
from workbench.store import checked
from workbench.store.version import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
COMPACT = 6  # the schema that keeps the text once: upgrading to it frees most of a file
RECOVER_HINT = "`workbench recover {name} NEW.db` copies what can still be read (README)"


def open_database(
    path: str | Path, *, check: bool = True, schema: int = SCHEMA_VERSION
) -> sqlite3.Connection:
    """Open (creating if needed) a workbench database with WAL and a busy timeout.

    ``check=False`` skips the damage check: for a worker's second connection
    to a file this process has just checked.  ``schema``: upgrade no further
    than this version (a recovery copies an older file's rows as they are, then
    upgrades them).
    """
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
    conn.create_function("folded_contains", 2, _folded_contains, deterministic=True)
    try:
        version = _refuse_foreign(conn, name)
        if check and name != ":memory:":
            _refuse_damaged(conn, name)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA recursive_triggers = ON")
        if name != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if version < schema:
            migrate(conn, schema)
            if name != ":memory:" and (version == 0 or version < COMPACT <= schema):
                _shrink(conn)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseError(describe_sqlite_error(name, exc)) from None
    except DatabaseError:
        conn.close()
        raise
    return conn


def _folded_contains(text: str | None, word: str | None) -> bool:
    """SQL ``folded_contains(text, word)``: ``word`` (case folded) in ``text`` case folded,
    the way Python folds case (every script, "ß" as "ss")."""
    return text is not None and word is not None and word in text.casefold()


def _shrink(conn: sqlite3.Connection) -> None:
    """Give back the pages a migration freed: a new file starts without those of its
    migrations, an upgraded one without the copies schema 6 dropped (a file of
    megabytes takes seconds, once).  Best effort: a file another process holds busy,
    or a full disk, keeps its free pages, which later writes fill."""
    with suppress(sqlite3.OperationalError):
        conn.execute("VACUUM")


def wrap(conn: sqlite3.Connection):
    """The sqlite-utils view of a connection (no plugin entry-point scan)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def migrate(conn: sqlite3.Connection, schema: int = SCHEMA_VERSION) -> None:
    """Apply pending migrations, up to version ``schema``, under the write lock (two
    processes never migrate at once).

    Foreign keys are off meanwhile (it can only be switched outside a
    transaction): a migration that rebuilds a table must not cascade its
    ``DROP TABLE`` to the rows that reference it.  The keys are checked before
    the migration commits.
    """
    from workbench.store.schema import migrations

    conn.execute("PRAGMA foreign_keys = OFF")
    with immediate(conn):
        db = wrap(conn)
        # migration "m006_compact" brings a database to version 6
        later = [m.name for m in migrations.pending(db) if int(m.name[1:4]) > schema]
        migrations.apply(db, stop_before=later[:1] or None)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise DatabaseError(
                f"upgrading the database left a broken reference ({broken[0]} row {broken[1]}):"
                " nothing was changed"
            )


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


def _refuse_damaged(conn: sqlite3.Connection, name: str) -> None:
    """Run ``PRAGMA quick_check`` unless this very file passed it before."""
    if checked.is_known_good(name):
        return
    try:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(describe_sqlite_error(name, exc)) from None
    if problems != ["ok"]:
        lines = [ln.strip() for p in problems for ln in p.splitlines()]
        detail = next((ln for ln in lines if ln and not ln.startswith("***")), "no answer")
        raise DatabaseError(
            f"database {name} is damaged ({detail[:100]}); it was left untouched:"
            f" {RECOVER_HINT.format(name=name)}"
        )
    checked.remember_good(name)


SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26  # primary result codes


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # extended codes keep the primary in the low byte


def _not_a_database(exc: sqlite3.Error) -> bool:
    return _code(exc) == SQLITE_NOTADB or "not a database" in str(exc)


def _corrupt(exc: sqlite3.Error) -> bool:
    """By the result code: a damaged full-text index says only "vtable constructor failed"."""
    text = str(exc)
    return _code(exc) == SQLITE_CORRUPT or "malformed" in text or "corrupt" in text


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is broken (not merely busy or full)."""
    return _corrupt(exc) or _not_a_database(exc)


def describe_sqlite_error(name: str, exc: sqlite3.Error) -> str:
    """One line for the user about a database file SQLite refuses."""
    text = str(exc)
    if _not_a_database(exc):
        return f"{name} is not a workbench database (not an SQLite file)"
    if _corrupt(exc):
        return f"database {name} is damaged ({text}); nothing was changed: " + RECOVER_HINT.format(
            name=name
        )
    if "disk is full" in text or "disk full" in text:
        return f"database {name}: the disk is full; nothing was changed"
    if "locked" in text or "busy" in text:
        return f"database {name} is busy (another process holds a lock); try again"
    if "readonly" in text or "read-only" in text:
        return f"database {name} is read-only; nothing was changed"
    if "disk I/O" in text:
        return f"database {name}: the disk failed to read or write ({text}); nothing was changed"
    return f"database {name}: {text}"


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the lock up front; inside one, it joins it.

    ``BEGIN IMMEDIATE`` waits (busy timeout) for another writer.  sqlite-utils'
    ``atomic()`` begins a deferred transaction, which in WAL mode fails at
    once with "database is locked" when a read must upgrade to a write after
    another process committed: so the outer transaction is opened here.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


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
