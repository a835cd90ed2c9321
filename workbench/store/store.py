"""The Store: every read and write of workbench's data, returning model objects.

One ``Store`` owns one SQLite connection and belongs to the thread that made
it.  Each public write is one transaction and is committed before the method
returns, so whatever the screen shows next is already on disk.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import NotFoundError
from workbench.model import Article, Counts, Document, Segment, Sentence, Verdict
from workbench.store import events
from workbench.store.database import immediate, open_database, wrap
from workbench.store.editing import EditingOps
from workbench.store.evidence import EvidenceOps
from workbench.store.queries import (
    ARTICLE_COLUMNS,
    SENTENCE_SELECT,
    row_to_article,
    row_to_sentence,
)
from workbench.store.reporting import ReportOps

if TYPE_CHECKING:
    from sqlite_utils import Database

Clock = Callable[[], datetime]

REVIEW_DEFAULTS: dict[str, Any] = {
    "verdict": None,
    "note": "",
    "flagged": 0,
    "reviewer": None,
    "reviewed_at": None,
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(EvidenceOps, EditingOps, ReportOps):
    """workbench's data in one SQLite file (WAL mode, busy timeout)."""

    def __init__(self, path: str | Path, *, reviewer: str = "reviewer", clock: Clock = utc_now):
        self.path = str(path)
        self.reviewer = reviewer
        self.clock = clock
        self.conn: sqlite3.Connection = open_database(self.path)
        self._batch: int | None = None
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection (built on first use)."""
        if self._db is None:
            self._db = wrap(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> str:
        """The current time as ISO 8601 with its UTC offset."""
        return self.clock().isoformat(timespec="seconds")

    # -- transactions and the log --------------------------------------------

    @contextmanager
    def change(self) -> Iterator[int]:
        """One user action: a single transaction and a single undo step."""
        if self._batch is not None:
            yield self._batch
            return
        with immediate(self.conn):
            self._batch = events.next_batch(self.conn)
            try:
                yield self._batch
            finally:
                self._batch = None

    def write(
        self,
        action: str,
        tbl: str,
        pk: dict[str, Any],
        changes: dict[str, Any] | None,
        *,
        article_id: int | None,
        sentence_id: int | None = None,
        defaults: dict[str, Any] | None = None,
        stamp: dict[str, Any] | None = None,
    ) -> bool:
        """Change one row and log it, in the current action's transaction.

        ``changes`` are merged into the row as it is *inside* the transaction
        (so a concurrent writer's other fields are kept); ``None`` deletes the
        row.  ``stamp`` (who and when) is added only if something changed.
        Returns False when the row already held ``changes``.
        """
        with self.change() as batch:
            before = events.read_row(self.conn, tbl, pk)
            if changes is None:
                after = None
            else:
                if before is not None and all(before.get(k) == v for k, v in changes.items()):
                    return False
                after = {**(before or defaults or {}), **changes, **(stamp or {})}
            if before == after:
                return False
            events.write_row(self.conn, tbl, pk, after)
            events.drop_redo(self.conn, article_id)
            events.record(
                self.db,
                batch=batch,
                at=self.now(),
                reviewer=self.reviewer,
                action=action,
                article_id=article_id,
                sentence_id=sentence_id,
                tbl=tbl,
                pk=pk,
                before=before,
                after=after,
            )
            return True

    def undo(self, article_id: int | None) -> events.Change | None:
        """Revert the latest change to this article (``None``: library-level changes)."""
        with immediate(self.conn):
            change = events.undo(self.conn, article_id)
            if change is not None and change.structural:
                self._reindex(list(change.sentence_ids))
            return change

    def redo(self, article_id: int | None) -> events.Change | None:
        """Re-apply the change undone last."""
        with immediate(self.conn):
            change = events.redo(self.conn, article_id)
            if change is not None and change.structural:
                self._reindex(list(change.sentence_ids))
            return change

    def history(self, article_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """The audit log, newest first: who changed what and when."""
        sql = "SELECT id, batch, at, reviewer, action, article_id, sentence_id, state FROM events"
        args: list[Any] = []
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args.append(article_id)
        sql += " ORDER BY id DESC LIMIT ?"
        cur = self.conn.execute(sql, [*args, limit])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    # -- articles -------------------------------------------------------------

    def import_article(self, doc: Document, segments: list[Segment]) -> tuple[Article, str]:
        """Store an article with its sentences, in one transaction.

        Returns the article and what happened: ``"new"``; ``"same"`` when this
        content is already stored; ``"updated"`` when a file imported before
        changed: sentences whose key is unchanged keep their reviews.
        """
        sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        with immediate(self.conn):
            same = self.conn.execute(
                "SELECT id FROM articles WHERE sha256 = ? ORDER BY deleted_at IS NOT NULL, id",
                [sha],
            ).fetchone()
            if same is not None:
                self.conn.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?", [same[0]])
                return self.article(same[0]), "same"
            earlier = None
            if doc.source not in ("stdin", "clipboard"):
                earlier = self.conn.execute(
                    "SELECT id FROM articles WHERE source = ? AND deleted_at IS NULL"
                    " ORDER BY id DESC",
                    [doc.source],
                ).fetchone()
            row = {
                "title": doc.title,
                "source": doc.source,
                "url": doc.url,
                "imported_at": self.now(),
                "sha256": sha,
                "text": doc.text,
            }
            if earlier is None:
                article_id = self.conn.execute(
                    "INSERT INTO articles (title, source, url, imported_at, sha256, text)"
                    " VALUES (:title, :source, :url, :imported_at, :sha256, :text)",
                    row,
                ).lastrowid
                self._insert_sentences(article_id, segments)
                status = "new"
            else:
                article_id = earlier[0]
                self.conn.execute(
                    "UPDATE articles SET title = :title, source = :source, url = :url,"
                    " imported_at = :imported_at, sha256 = :sha256, text = :text WHERE id = :id",
                    {**row, "id": article_id},
                )
                self._resegment(article_id, segments)
                status = "updated"
        return self.article(article_id), status

    def _insert_sentences(self, article_id: int, segments: list[Segment]) -> None:
        self.conn.executemany(
            'INSERT INTO sentences (article_id, position, paragraph, start, "end", key, text)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, s.position, s.paragraph, s.start, s.end, s.key, s.text)
                for s in segments
            ],
        )

    def _resegment(self, article_id: int, segments: list[Segment]) -> None:
        """Replace an article's sentences, keeping the rows (and reviews) of unchanged keys."""
        old = dict(
            self.conn.execute(
                "SELECT key, id FROM sentences WHERE article_id = ?", [article_id]
            ).fetchall()
        )
        keep = {s.key for s in segments} & old.keys()
        gone = [old[k] for k in old.keys() - keep]
        self.conn.executemany("DELETE FROM sentences WHERE id = ?", [(i,) for i in gone])
        # Move kept rows out of the way first: positions are re-numbered.
        self.conn.execute(
            "UPDATE sentences SET position = -position WHERE article_id = ?", [article_id]
        )
        self.conn.executemany(
            'UPDATE sentences SET position = ?, paragraph = ?, start = ?, "end" = ? WHERE id = ?',
            [
                (s.position, s.paragraph, s.start, s.end, old[s.key])
                for s in segments
                if s.key in keep
            ],
        )
        self._insert_sentences(article_id, [s for s in segments if s.key not in keep])

    def articles(self) -> list[Article]:
        """Every article with its counts per verdict, oldest first."""
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE a.deleted_at IS NULL"
            " GROUP BY a.id ORDER BY a.id"
        ).fetchall()
        return [row_to_article(r) for r in rows]

    def article(self, article_id: int) -> Article:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE a.id = ? AND a.deleted_at IS NULL"
            " GROUP BY a.id",
            [article_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id} (see: workbench list)")
        return row_to_article(row)

    def counts(self, article_id: int) -> Counts:
        return self.article(article_id).counts

    def article_text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return row[0]

    def delete_article(self, article_id: int) -> None:
        """Hide an article; undoable from the library (the rows stay until then)."""
        self.article(article_id)
        self.write(
            "delete article",
            "articles",
            {"id": article_id},
            {"deleted_at": self.now()},
            article_id=None,
        )

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with immediate(self.conn):
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- sentences and reviews -----------------------------------------------

    def sentences_of(self, article_id: int) -> list[Sentence]:
        """All sentences of an article in order, with their reviews and counts."""
        rows = self.conn.execute(
            SENTENCE_SELECT + " WHERE s.article_id = ? ORDER BY s.position", [article_id]
        ).fetchall()
        return [row_to_sentence(r) for r in rows]

    def sentence(self, sentence_id: int) -> Sentence:
        row = self.conn.execute(SENTENCE_SELECT + " WHERE s.id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no sentence with id {sentence_id}")
        return row_to_sentence(row)

    def sentence_at(self, article_id: int, position: int) -> Sentence:
        row = self.conn.execute(
            SENTENCE_SELECT + " WHERE s.article_id = ? AND s.position = ?", [article_id, position]
        ).fetchone()
        if row is None:
            n = self.article(article_id).counts.sentences
            raise NotFoundError(
                f"article {article_id} has no sentence {position} (it has {n}: 1 to {n})"
            )
        return row_to_sentence(row)

    def _review(self, sentence_id: int, action: str, changes: dict[str, Any]) -> Sentence:
        current = self.sentence(sentence_id)
        changed = self.write(
            action,
            "reviews",
            {"sentence_id": sentence_id},
            changes,
            article_id=current.article_id,
            sentence_id=sentence_id,
            defaults=REVIEW_DEFAULTS,
            stamp={"reviewer": self.reviewer, "reviewed_at": self.now()},
        )
        return self.sentence(sentence_id) if changed else current

    def set_verdict(self, sentence_id: int, verdict: Verdict | None) -> Sentence:
        """Set (or clear, with ``None``) a sentence's verdict."""
        value = None if verdict is None else Verdict(verdict).value
        return self._review(sentence_id, "verdict", {"verdict": value})

    def set_note(self, sentence_id: int, note: str) -> Sentence:
        """Write the reviewer's note on why (an empty note clears it)."""
        return self._review(sentence_id, "note", {"note": note.strip()})

    def toggle_flag(self, sentence_id: int) -> Sentence:
        """Flag a sentence for follow-up, or unflag it."""
        with self.change():
            flagged = self.sentence(sentence_id).flagged
            return self._review(sentence_id, "flag", {"flagged": 0 if flagged else 1})

    def set_flag(self, sentence_id: int, flagged: bool) -> Sentence:
        return self._review(sentence_id, "flag", {"flagged": int(flagged)})

    def search(self, article_id: int, query: str) -> list[int]:
        """Positions of the sentences whose text contains every word of ``query``."""
        words = query.casefold().split()
        if not words:
            return []
        sql = "SELECT position FROM sentences WHERE article_id = ?"
        args: list[Any] = [article_id]
        for w in words:
            sql += " AND instr(lower(text), ?) > 0"
            args.append(w)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY position", args).fetchall()]
