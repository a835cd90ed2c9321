"""The Store: every read and write of workbench's data, returning model objects.

One ``Store`` owns one SQLite connection and belongs to the thread that made
it.  Each public write is one user action: one transaction, one batch in the
log (one undo step), committed before the method returns, so whatever the
screen shows next is already on disk.  SQLite's own errors are turned into
``DatabaseError`` here, at the edge, with one line naming the file.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.errors import ConflictError, DatabaseError, NotFoundError, ValidationError
from workbench.model import (
    Article,
    CrossRef,
    Document,
    Evidence,
    FactCheck,
    Report,
    ReportEntry,
    Restored,
    Segment,
    Sentence,
    Stance,
    Stored,
    Verdict,
    XrefStatus,
    verdict_from_rating,
)
from workbench.store import checked, claims, crossrefs, editing, evidence, imports, log, merge
from workbench.store.crossrefs import Levels
from workbench.store.database import (
    BUSY_TIMEOUT_MS,
    describe_sqlite_error,
    immediate,
    is_damage,
    open_database,
    snapshot,
    wrap,
)
from workbench.store.queries import (
    ARTICLE_COLUMNS,
    ARTICLE_UNCOUNTED,
    REVIEW_MARKS,
    SENTENCE_IDS,
    SENTENCE_SELECT,
    SENTENCES_BY_ID,
    WORD_FOLDED_IN_TEXT,
    row_to_article,
    row_to_sentence,
    sentences_in,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.xref.query import Pool

Clock = Callable[[], datetime]
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class _Unchecked:
    """No version to check: the caller read nothing it could be stale about."""


UNCHECKED: Any = _Unchecked()
# A sentence asked for by its id (a screen's) that a change made meanwhile removed: a
# re-import, a join, an undo (the id means nothing to the reviewer)
GONE_SENTENCE = "that sentence is no longer in the article (changed meanwhile)"
_DIGITS = bytes.maketrans(b"01234567", bytes(range(8)))  # a string of digits as their values


def utc_now() -> datetime:
    return datetime.now(UTC)


def _edge(method: F) -> F:
    """Turn SQLite's errors into one line naming the file (the transaction rolled back)."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._refused(exc) from None

    return wrapper  # type: ignore[return-value]


def _at_the_edge(cls: type) -> type:
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and callable(member):
            setattr(cls, name, _edge(member))
    return cls


@_at_the_edge
class Store:
    """workbench's data in one SQLite file (WAL mode, busy timeout)."""

    def __init__(
        self,
        path: str | Path,
        *,
        reviewer: str = "reviewer",
        clock: Clock = utc_now,
        check: bool = True,
        repair: bool = True,
    ) -> None:
        """``check=False``: no damage check (a second connection to a file this process has
        checked), and the file is not remembered as sound on closing either: only a
        connection that checked it may say so.  ``repair=False``: the claim index is not
        looked over (a write transaction) on opening: for a connection that only reads."""
        self.path = str(path)
        self.reviewer = reviewer
        self.clock = clock
        self.conn: sqlite3.Connection = open_database(self.path, check=check)
        self._tx: log.Tx | None = None
        self._db: Database | None = None
        self._damaged = False
        self._checked = check
        self._writes = 0  # this connection's commits (PRAGMA data_version counts the others')
        self._vocab: claims.Vocabulary | None = None
        try:
            if repair:
                self.repair_index()
        except BaseException:
            self.conn.close()
            raise

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection (built on first use)."""
        if self._db is None:
            self._db = wrap(self.conn)
        return self._db

    def _refused(self, exc: sqlite3.Error) -> DatabaseError:
        """SQLite's error as one line naming the file.  Damage met after the open-time
        check (a failing disk changes pages, not the file's size or time) makes the file
        unchecked again: the next open checks it, and refuses it before reading."""
        if is_damage(exc) and not self._damaged:
            self._damaged = True
            if self.path != ":memory:":
                checked.forget(self.path)
        return DatabaseError(describe_sqlite_error(self.path, exc))

    def close(self) -> None:
        self.conn.close()
        if self._checked and not self._damaged and self.path != ":memory:":
            # Sound when opened, and every transaction since went through: as it is
            # now, the file needs no check next time (until another program changes it).
            checked.remember_good(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> str:
        """The current time as ISO 8601 with its UTC offset."""
        return self.clock().isoformat(timespec="seconds")

    def data_version(self) -> int:
        """Changes when another connection (another process) commits: cheap to poll."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- transactions and the log ---------------------------------------------

    @contextmanager
    def step(self, action: str, *, article_id: int | None) -> Iterator[log.Tx]:
        """Group several changes into one transaction and one undo step (scripts, set-ups).

        What the step does once its changes are made (the claim index kept in step, the
        log written, the commit) is at the edge too: an error there is one line.
        """
        try:
            with self._change(action, article_id=article_id) as tx:
                yield tx
        except sqlite3.Error as exc:
            raise self._refused(exc) from None

    @contextmanager
    def _change(
        self, action: str, *, article_id: int | None, sentence_id: int | None = None
    ) -> Iterator[log.Tx]:
        """One user action: a single transaction and a single undo step.

        Inside another action it joins that one (one step for both).
        """
        if self._tx is not None:
            yield self._tx
            return
        with immediate(self.conn):
            self._tx = log.Tx(self.conn, reviewer=self.reviewer, at=self.now(), action=action,
                              article_id=article_id, sentence_id=sentence_id)  # fmt: skip
            try:
                yield self._tx
                if self._tx.structural:
                    self._reindex(self._tx.touched)
                self._tx.finish()
            finally:
                self._tx = None
                self._writes += 1

    def undo(self, article_id: int | None) -> log.Change | None:
        """Revert this reviewer's latest change to the article (``None``: library-level).

        Refused (``ConflictError``, nothing changed) when anyone has changed
        its rows since.
        """
        with self._change("undo", article_id=article_id) as tx:
            return log.undo(tx)

    def redo(self, article_id: int | None) -> log.Change | None:
        """Re-apply the change this reviewer undid last (refused like ``undo``)."""
        with self._change("redo", article_id=article_id) as tx:
            return log.redo(tx)

    def history(self, article_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """The audit log, newest first: who did what and when (undo and redo included), and
        on which sentence: its position now (``position``; None when it is no longer there)."""
        sql = "SELECT id, at, reviewer, action, kind, target, state, article_id, sentence_id, "
        sql += log.position_sql("batches.sentence_id") + " AS position FROM batches"
        args: list[Any] = []
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args.append(article_id)
        cur = self.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, row, strict=True)) for row in cur]
        for row in rows:
            row["at"] = log.iso(row["at"])
        return rows

    def _reindex(self, ids: set[int]) -> None:
        """Keep the claim index in step with changed sentence texts."""
        if ids:
            claims.index_sentences(self.conn, sorted(ids))

    # -- articles -------------------------------------------------------------

    def import_article(self, doc: Document, segments: list[Segment]) -> Stored:
        """Store an article with its sentences, in one transaction.

        ``new``; ``same`` when this content is already stored; ``updated``
        when a file imported before has changed: every review is kept (see
        ``store.imports``), and the update is one undo step.
        """
        with self._change("import", article_id=None) as tx:
            return self._import(tx, doc, segments, keep_cuts=True)

    def _import(
        self, tx: log.Tx, doc: Document, segments: list[Segment], *, keep_cuts: bool
    ) -> Stored:
        """``keep_cuts``: a re-import carries the reviewer's joins and splits over
        (``workbench.recut``); a restore does not, its report's own cuts stand."""
        gaps, tail = imports.spacing(doc.text, segments)
        row = imports.article_row(doc, tx.at, tail)
        same = imports.find_same(self.conn, row["sha256"])
        if same is not None:
            if same[1] is not None:  # it was deleted: importing it again brings it back
                tx.action = "import a deleted article again"
                tx.write("articles", {"id": same[0]}, {"deleted_at": None})
            tx.article_id = same[0] if tx.article_id is None and not tx.wrote else tx.article_id
            return Stored(self.article(same[0]), "same")
        earlier = imports.find_earlier(self.conn, doc.source)
        if earlier is None:
            # Indexed when matched (``keep_matches``): matching it before it is in the index
            # spares every query scoring the article's own sentences.  An import cut short
            # in between is indexed when the database is next opened (``repair_index``).
            article_id = imports.insert_new(self.conn, row, segments, gaps)
            imports.check_spacing(doc.text, segments, gaps, tail)
            if not tx.wrote:
                tx.article_id = article_id
            return Stored(self.article(article_id), "new")
        if not tx.wrote:
            tx.article_id, tx.action = earlier, "re-import"
        old = imports.stored_sentences(self.conn, earlier)
        lost = 0
        if keep_cuts:
            carried = imports.carry_cuts(self.conn, earlier, old, doc.text, segments)
            lost = carried.lost
            if carried.segments is not None:
                segments = carried.segments
                gaps, _ = imports.spacing(doc.text, segments)
        changed, gone = imports.reimport(tx, earlier, old, row, segments, gaps)
        imports.check_spacing(doc.text, segments, gaps, tail)
        positions = tuple(sorted(log.position_of(self.conn, sid) or 0 for sid in changed))
        return Stored(self.article(earlier), "updated", positions, gone, lost)

    def restore_review(
        self, doc: Document, segments: list[Segment], entries: list[ReportEntry], *,
        replace: bool = False,
    ) -> Restored:  # fmt: skip
        """A report's article and reviews: imported (or found), then merged, as one step."""
        with self._change("restore report", article_id=None) as tx:
            stored = self._import(tx, doc, segments, keep_cuts=False)
            tx.article_id = stored.article.id
            merge.article_details(tx, stored.article.id, doc)
            taken, kept, same, unplaced = merge.restore(
                tx, stored.article.id, entries, replace=replace
            )
        return Restored(Stored(self.article(stored.article.id), stored.status, stored.changed,
                               stored.gone), taken, kept, same, unplaced)  # fmt: skip

    def articles(self) -> list[Article]:
        """Every article with its counts per verdict, oldest first."""
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE a.deleted_at IS NULL"
            " GROUP BY a.id ORDER BY a.id"
        ).fetchall()
        return [row_to_article(r) for r in rows]

    def article(self, article_id: int, *, counted: bool = True) -> Article:
        """An article with its counts per verdict (``counted``; else zero, and no sentence
        read: at 100,000 sentences the counts cost 37 ms)."""
        query = (
            f"SELECT {ARTICLE_COLUMNS} FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE a.id = ? AND a.deleted_at IS NULL"
            " GROUP BY a.id"
            if counted
            else f"SELECT {ARTICLE_UNCOUNTED} FROM articles a"
            " WHERE a.id = ? AND a.deleted_at IS NULL"
        )
        row = self.conn.execute(query, [article_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id} (see: workbench list)")
        return row_to_article(row)

    def article_text(self, article_id: int) -> str:
        """The article's text as imported, put back together from its sentences."""
        text = imports.text_of(self.conn, article_id)
        if text is None:
            raise NotFoundError(f"no article with id {article_id}")
        return text

    def text_between(self, article_id: int, start: int, end: int) -> str:
        """The article's text from the sentence starting at ``start`` to the end of the last
        one starting before ``end`` (a paragraph: what the detail pane shows), read from
        those sentences alone, not the whole text."""
        (text,) = self.conn.execute(imports.TEXT_BETWEEN, [article_id, start, end]).fetchone()
        return text or ""

    def set_article_info(self, article_id: int, **fields: Any) -> Article:
        """Change an article's title, URL, publication date, authors or outlet (undoable).

        Values are checked: an http(s) URL, an ISO 8601 date, names on one line.
        """
        from workbench.validate import check_date, check_name, check_url

        self.article(article_id)
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "title":
                changes["title"] = check_name(str(value), "the title") or "Untitled"
            elif name == "url":
                changes["url"] = check_url(str(value or "")) or None
            elif name == "published":
                changes["published"] = check_date(str(value or "")) or None
            elif name == "outlet":
                changes["outlet"] = check_name(str(value or ""), "the outlet") or None
            elif name == "authors":
                names = [check_name(str(a), "an author") for a in value or ()]
                changes["authors"] = json.dumps([a for a in names if a], ensure_ascii=False)
            else:
                raise ValidationError(f"an article has no field {name!r}")
        with self._change("article details", article_id=article_id) as tx:
            tx.write("articles", {"id": article_id}, changes)
        return self.article(article_id)

    def set_claimant(self, sentence_id: int, claimant: str) -> Sentence:
        """Who made the claim (a person or an organisation); empty clears it."""
        from workbench.validate import check_name

        name = check_name(claimant, "the claimant") or None
        current = self.sentence(sentence_id)
        with self._change("claimant", article_id=current.article_id,
                          sentence_id=sentence_id) as tx:  # fmt: skip
            self._review(tx, sentence_id, {"claimant": name})  # (its time: a restore's newer)
        return self.sentence(sentence_id)

    def delete_article(self, article_id: int) -> None:
        """Hide an article; undoable from the library (the rows stay until then)."""
        self.article(article_id)
        with self._change("delete article", article_id=None) as tx:
            tx.write("articles", {"id": article_id}, {"deleted_at": tx.at})

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        self._writes += 1
        with immediate(self.conn):
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- sentences and reviews ------------------------------------------------

    def sentences_of(self, article_id: int) -> list[Sentence]:
        """All sentences of an article in order, with their reviews and counts."""
        return sentences_in(self.conn, article_id)

    def sentence(self, sentence_id: int) -> Sentence:
        row = self.conn.execute(SENTENCE_SELECT + " WHERE s.id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(GONE_SENTENCE)
        return row_to_sentence(row)

    def sentence_at(self, article_id: int, position: int) -> Sentence:
        row = None
        if 1 <= position <= 2**62:
            found = self.conn.execute(
                "SELECT id FROM sentences WHERE article_id = ? ORDER BY start LIMIT 1 OFFSET ?",
                [article_id, position - 1],
            ).fetchone()
            row = None if found is None else self.sentence(found[0])
        if row is None:
            n = self.article(article_id).counts.sentences
            raise NotFoundError(
                f"article {article_id} has no sentence {position} (it has {n}: 1 to {n})"
            )
        return row

    def sentence_covering(self, article_id: int, offset: int) -> int | None:
        """The id of the sentence that holds the article's text at ``offset`` (or the last
        one before it): where a sentence joined into another, or removed, went."""
        found = self.conn.execute(
            "SELECT id FROM sentences WHERE article_id = ? AND start <= ?"
            " ORDER BY start DESC LIMIT 1",
            [article_id, offset],
        ).fetchone()
        return None if found is None else int(found[0])

    def search_all(self, query: str, *, limit: int = 200) -> list[tuple[Sentence, str]]:
        """Sentences of every live article holding every word of ``query``, with the
        article's title: newest articles first, in text order.  Case is folded as the
        review screen's `/` folds it (``text_search``): "STRASSE" finds "Straße"."""
        words = query.casefold().split()
        if not words:
            return []
        where = " AND ".join([WORD_FOLDED_IN_TEXT] * len(words))
        rows = self.conn.execute(
            f"SELECT s.id, a.title FROM sentences s JOIN articles a ON a.id = s.article_id"
            f" WHERE a.deleted_at IS NULL AND {where} ORDER BY a.id DESC, s.start LIMIT ?",
            [*[w for w in words for _ in range(2)], limit],
        ).fetchall()
        return [(self.sentence(sid), title) for sid, title in rows]

    def _review(self, tx: log.Tx, sentence_id: int, changes: dict[str, Any]) -> bool:
        """Write a review.  Its time is its last change's (a restore takes the newer of two
        reviews by it); its reviewer is the verdict's: named when the verdict is set or
        cleared, or on a sentence with no verdict, so a note or a flag added to someone's
        verdict leaves the verdict theirs (the history says who wrote what)."""
        stamp: dict[str, Any] = {"reviewer": self.reviewer, "reviewed_at": tx.at}
        if "verdict" not in changes:
            row = tx.read("reviews", {"sentence_id": sentence_id})
            if row is not None and row.get("verdict") is not None:
                del stamp["reviewer"]
        return tx.write(
            "reviews",
            {"sentence_id": sentence_id},
            changes,
            defaults=imports.REVIEW_DEFAULTS,
            stamp=stamp,
        )

    def _expect(self, sentence: Sentence, changed: bool, what: str) -> None:
        """Refuse to save over a review whose ``what`` someone ``changed`` meanwhile."""
        if changed:
            who, at = log.author(self.conn, sentence.version)
            raise ConflictError(
                f"the {what} of sentence {sentence.position} was changed by {who}"
                f" at {log.when(at)} while you were writing",
                current=sentence,
            )

    def set_verdict(
        self,
        sentence_id: int,
        verdict: Verdict | None,
        *,
        note: str | None = None,
        claimant: str | None = None,
    ) -> Sentence:
        """Set (or clear, with ``None``) a sentence's verdict, and its note if given.

        A verdict is made on the text as it is now: a "text changed" mark goes.
        """
        current = self.sentence(sentence_id)
        value = None if verdict is None else Verdict(verdict).value
        changes: dict[str, Any] = {"verdict": value, "reviewed_text": None}
        if note is not None:
            changes["note"] = note.strip()
        if claimant is not None:
            from workbench.validate import check_name

            changes["claimant"] = check_name(claimant, "the claimant") or None
        action = "verdict" if note is None else "verdict and note"
        with self._change(action, article_id=current.article_id, sentence_id=sentence_id) as tx:
            self._review(tx, sentence_id, changes)
        return self.sentence(sentence_id)

    def set_note(self, sentence_id: int, note: str, *, expected: str = UNCHECKED) -> Sentence:
        """Write the reviewer's note on why (an empty note clears it).

        ``expected``: the note as the editor opened it; a save over a note someone
        changed meanwhile is refused (``ConflictError`` with the sentence as it is
        now).  A change to the rest of the review (a flag, the text marked changed by
        a re-import) is no conflict: the note is what the reviewer writes over.
        """
        current = self.sentence(sentence_id)
        with self._change("note", article_id=current.article_id, sentence_id=sentence_id) as tx:
            now = self.sentence(sentence_id)
            self._expect(now, expected is not UNCHECKED and now.note != expected, "note")
            self._review(tx, sentence_id, {"note": note.strip()})
        return self.sentence(sentence_id)

    def toggle_flag(self, sentence_id: int) -> Sentence:
        """Flag a sentence for follow-up, or unflag it."""
        current = self.sentence(sentence_id)
        with self._change("flag", article_id=current.article_id, sentence_id=sentence_id) as tx:
            flagged = self.sentence(sentence_id).flagged  # as it is inside the transaction
            self._review(tx, sentence_id, {"flagged": 0 if flagged else 1})
        return self.sentence(sentence_id)

    # -- reading a window of sentences (the lazy list) ---------------------------

    def sentence_ids(self, article_id: int) -> list[int]:
        """The ids of an article's sentences in text order: sentence ``i + 1`` is ``ids[i]``.

        What the review screen holds of an article (100,000 sentences: about 15 ms and
        4 MB); it reads the sentences themselves a window at a time (``sentences_by_id``).
        """
        (joined,) = self.conn.execute(SENTENCE_IDS, [article_id]).fetchone()
        return list(map(int, joined.split(","))) if joined else []

    def sentence_texts(self, article_id: int) -> tuple[list[int], list[str]]:
        """The ids and texts of an article's sentences in text order, read together (what
        the review screen searches: ``text_search.TextSearch``)."""
        with snapshot(self.conn):
            ids = self.sentence_ids(article_id)
            cursor = self.conn.execute(
                "SELECT text FROM sentences WHERE article_id = ? ORDER BY start", [article_id]
            )
            return ids, [text for (text,) in cursor]  # no row kept: 100,000 are 10 MB

    def sentences_by_id(self, ids: Sequence[int], positions: Sequence[int]) -> list[Sentence]:
        """These sentences with their reviews and counts, in the order of ``ids`` (an id no
        longer stored is left out), numbered with ``positions``: the caller's, each one's
        index in ``sentence_ids`` + 1 (counting them here would cost an index range each)."""
        position_of = dict(zip(ids, positions, strict=True))
        found: dict[int, Sentence] = {}
        with snapshot(self.conn):
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                sql = SENTENCES_BY_ID.format(marks=",".join("?" * len(chunk)))
                for r in self.conn.execute(sql, chunk):
                    found[r[0]] = row_to_sentence((r[0], r[1], position_of[r[0]], *r[3:]))
        return [found[i] for i in ids if i in found]

    def review_marks(self, article_id: int) -> tuple[list[int], bytes]:
        """Every sentence's review in text order, compactly: its version (the batch that
        wrote it last; 0: no review), and a byte: its verdict (0 none, 1 verified,
        2 disputed, 3 opinion: ``queries.MARK_OF``) plus 4 when flagged.

        What the review screen filters on and tells changes made elsewhere by (two readings
        differ where a review changed, an undo included).  100,000 sentences: one query,
        about 40 ms, and 1 MB.
        """
        versions, marks = self.conn.execute(REVIEW_MARKS, [article_id]).fetchone()
        if not versions:
            return [], b""
        return list(map(int, versions.split(","))), marks.encode().translate(_DIGITS)

    # -- evidence ---------------------------------------------------------------

    def add_evidence(
        self,
        sentence_id: int,
        *,
        url: str = "",
        title: str = "",
        quote: str = "",
        stance: str | Stance = Stance.SUPPORTS,
        note: str = "",
        also_link: tuple[int, ...] | list[int] = (),
    ) -> Evidence:
        """Add a piece of evidence to a sentence (and to ``also_link``), as one undoable step.

        The same evidence already stored (URL, title, quote, stance) is linked,
        not stored twice.
        """
        row = evidence.clean_fields(
            {"url": url, "title": title, "quote": quote, "stance": stance, "note": note}
        )
        if not any(row[k] for k in ("url", "title", "quote", "note")):
            raise ValidationError("evidence needs at least a URL, a title, a quote or a note")
        sentence = self.sentence(sentence_id)
        others = [self.sentence(i) for i in also_link if i != sentence_id]
        with self._change("add evidence", article_id=sentence.article_id,
                          sentence_id=sentence_id) as tx:  # fmt: skip
            evidence_id = evidence.add(tx, row)
            for s in [sentence, *others]:
                evidence.link(tx, evidence_id, s.id)
        return self.evidence(evidence_id)

    def update_evidence(
        self,
        evidence_id: int,
        sentence_id: int,
        *,
        expected: int | None = UNCHECKED,
        **fields: str,
    ) -> Evidence:
        """Edit a piece of evidence (it changes wherever it is linked).

        ``expected``: its version when the form opened (see ``set_note``).
        """
        changes = evidence.clean_fields(fields)
        article_id = self.sentence(sentence_id).article_id
        with self._change("edit evidence", article_id=article_id, sentence_id=sentence_id) as tx:
            current = self.evidence(evidence_id)
            if expected is not UNCHECKED and current.version != expected:
                who, at = log.author(self.conn, current.version)
                raise ConflictError(
                    f"this evidence was changed by {who} at {log.when(at)} while you were"
                    " editing it",
                    current=current,
                )
            tx.write("evidence", {"id": evidence_id}, changes)
        return self.evidence(evidence_id)

    def link_evidence(self, evidence_id: int, sentence_id: int) -> bool:
        """Link existing evidence to a sentence; False if it was already linked."""
        self.evidence(evidence_id)
        sentence = self.sentence(sentence_id)
        with self._change("link evidence", article_id=sentence.article_id,
                          sentence_id=sentence_id) as tx:  # fmt: skip
            return evidence.link(tx, evidence_id, sentence_id)

    def unlink_evidence(self, evidence_id: int, sentence_id: int) -> bool:
        """Remove the link (the evidence stays in the library)."""
        sentence = self.sentence(sentence_id)
        with self._change("unlink evidence", article_id=sentence.article_id,
                          sentence_id=sentence_id) as tx:  # fmt: skip
            return tx.write(
                "evidence_links", {"evidence_id": evidence_id, "sentence_id": sentence_id}, None
            )

    def evidence(self, evidence_id: int) -> Evidence:
        return evidence.get(self.conn, evidence_id)

    def evidence_of(self, sentence_id: int) -> list[Evidence]:
        """The evidence linked to one sentence, in the order it was linked."""
        return evidence.of_sentence(self.conn, sentence_id)

    def evidence_library(self) -> list[Evidence]:
        """Every stored piece of evidence, newest first (the TUI searches it fuzzily)."""
        return evidence.library(self.conn)

    # -- cross-references -------------------------------------------------------

    def crossrefs_of(self, sentence_id: int, *, rejected: bool = False) -> list[CrossRef]:
        """A sentence's cross-references, best first (rejected ones only if asked)."""
        return crossrefs.of_sentence(self.conn, sentence_id, rejected=rejected)

    def crossref(self, crossref_id: int) -> CrossRef:
        return crossrefs.get(self.conn, crossref_id)

    def set_crossref_status(self, crossref_id: int, status: str | XrefStatus) -> CrossRef:
        """Confirm or reject a suggested match (a rejected pair is never suggested again)."""
        ref = self.crossref(crossref_id)
        value = XrefStatus(status).value
        sentence = self.sentence(ref.sentence_id)
        with self._change(f"{value} cross-reference", article_id=sentence.article_id,
                          sentence_id=sentence.id) as tx:  # fmt: skip
            self._decide(tx, ref, value)
        return self.crossref(crossref_id)

    def _decide(self, tx: log.Tx, ref: CrossRef, status: str) -> None:
        """A match's status, and its mirror's: a pair of sentences is stored both ways (each
        article sees it), and what the reviewer decides of it holds from both sides."""
        tx.write("crossrefs", {"id": ref.id}, {"status": status})
        if ref.kind == "sentence":
            mirror = self.conn.execute(
                "SELECT id FROM crossrefs WHERE sentence_id = ? AND kind = 'sentence'"
                " AND target_id = ?",
                [ref.target_id, ref.sentence_id],
            ).fetchone()
            if mirror is not None:
                tx.write("crossrefs", {"id": mirror[0]}, {"status": status})

    def adopt_verdict(self, crossref_id: int) -> Sentence:
        """Give a sentence its match's verdict and confirm the match: one undo step.

        Refused (``ValidationError``) when the match has no verdict to give.
        """
        ref = self.crossref(crossref_id)
        verdict = verdict_from_rating(ref.verdict)
        if verdict is None:
            raise ValidationError(f"the match has no verdict to adopt ({ref.verdict or 'none'})")
        sentence = self.sentence(ref.sentence_id)
        with self._change("adopt a match's verdict", article_id=sentence.article_id,
                          sentence_id=sentence.id) as tx:  # fmt: skip
            self._review(tx, sentence.id, {"verdict": verdict.value, "reviewed_text": None})
            self._decide(tx, ref, "confirmed")
        return self.sentence(sentence.id)

    # -- correcting the segmenter ---------------------------------------------

    def _sentence_row(self, sentence_id: int) -> dict[str, Any]:
        row = log.read_row(self.conn, "sentences", {"id": sentence_id})
        if row is None:
            raise NotFoundError(GONE_SENTENCE)
        return row

    def join_sentences(self, sentence_id: int) -> int:
        """Join a sentence with the next one; returns the joined sentence's id."""
        a = self._sentence_row(sentence_id)
        with self._change("join", article_id=a["article_id"], sentence_id=sentence_id) as tx:
            editing.join(tx, self._sentence_row(sentence_id))
        return sentence_id

    def split_sentence(self, sentence_id: int, at: int) -> tuple[int, int]:
        """Split a sentence ``at`` characters into its text; returns both parts' ids."""
        s = self._sentence_row(sentence_id)
        with self._change("split", article_id=s["article_id"], sentence_id=sentence_id) as tx:
            new_id = editing.split(tx, self._sentence_row(sentence_id), at)
        return sentence_id, new_id

    # -- known fact-checks and the claim index ----------------------------------

    def add_fact_checks(self, rows: list[dict[str, str]], digests: list[str]) -> list[int]:
        """Store new fact-checks (a known digest is skipped); returns the ids added."""
        added = []
        now = self.now()
        self._writes += 1
        with immediate(self.conn):  # stored and indexed together
            for row, digest in zip(rows, digests, strict=True):
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO fact_checks (claim, title, rating, url, publisher,"
                    " date, digest, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [row["claim"], row["title"], row["rating"], row["url"], row["publisher"],
                     row["date"], digest, now],
                )  # fmt: skip
                if cur.rowcount and cur.lastrowid is not None:
                    added.append(cur.lastrowid)
            claims.index_fact_checks(self.conn, added)
        return added

    def fact_checks(self) -> list[FactCheck]:
        """Every known fact-check, in the order they were imported."""
        rows = self.conn.execute(
            "SELECT id, claim, title, rating, url, publisher, date FROM fact_checks ORDER BY id"
        ).fetchall()
        return [FactCheck(*r) for r in rows]

    def compact_index(self) -> None:
        """Merge the claim index into one segment (``claims.compact``): after a bulk import
        of fact-checks, every later match reads each word once, not once a segment."""
        self._writes += 1
        with immediate(self.conn):
            claims.compact(self.conn)

    def unmatched(self, article_id: int) -> bool:
        """Whether the article was never cross-referenced (an import cut short)."""
        row = self.conn.execute("SELECT matched_at FROM articles WHERE id = ?", [article_id])
        found = row.fetchone()
        return found is not None and found[0] is None

    def repair_index(self) -> int:
        """Index whatever is stored but missing from the claim index; returns how many.

        Older workbenches indexed an article after storing it, in a second
        transaction; an import cut short between the two left it unfindable.
        """
        with immediate(self.conn):
            return claims.repair(self.conn)

    def fact_check_claims(self, ids: list[int]) -> list[tuple[int, str]]:
        """(id, claim) of these fact-checks."""
        out: list[tuple[int, str]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out += self.conn.execute(
                f"SELECT id, claim FROM fact_checks WHERE id IN ({marks})", chunk
            ).fetchall()
        return out

    def claim_texts(self, article_id: int) -> list[tuple[int, int, str]]:
        """(id, paragraph, text) of an article's sentences, in order: what matching compares."""
        return self.conn.execute(
            "SELECT id, paragraph, text FROM sentences WHERE article_id = ? ORDER BY start",
            [article_id],
        ).fetchall()

    def claims_indexed(self) -> int:
        """How many sentences and fact-checks the claim index holds."""
        return self.conn.execute("SELECT COUNT(*) FROM claim_index_docsize").fetchone()[0]

    def live_article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id")]  # fmt: skip

    def claim_pool(
        self,
        text: str,
        *,
        limit: int = 50,
        exclude_article: int | None = None,
        kind: str | None = None,
    ) -> Pool:
        """The stored claims FTS5 finds for ``text``, with what scoring them needs."""
        self._vocab = claims.vocabulary(self.conn, (self.data_version(), self._writes), self._vocab)
        return claims.pool(self.conn, text, self._vocab, limit, exclude_article=exclude_article,
                           kind=kind)  # fmt: skip

    def claim_pools(
        self,
        texts: Sequence[str],
        *,
        limit: int = 50,
        exclude_article: int | None = None,
        kind: str | None = None,
    ) -> Generator[Pool, None, None]:
        """``claim_pool`` of each text, in order, as they are asked for: the next texts'
        FTS5 queries run meanwhile on a second connection (``claims.pools``; for a few
        texts that costs more than it saves).  The index's size and word frequencies are
        those of the database as it is when this is called; each query reads it as it is
        when it runs."""
        self._vocab = claims.vocabulary(self.conn, (self.data_version(), self._writes), self._vocab)
        # (a database in memory has no second connection)
        ahead = (
            self._reader if len(texts) >= claims.AHEAD_FROM and self.path != ":memory:" else None
        )
        found = claims.pools(self.conn, ahead, texts, self._vocab, limit,
                             exclude_article=exclude_article, kind=kind)  # fmt: skip
        return self._at_edge(found)

    def _reader(self) -> sqlite3.Connection:
        """A second connection to the file that only reads; read-only at opening, so a file
        moved away meanwhile is not created afresh."""
        uri = Path(self.path).absolute().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)  # fmt: skip

    def _at_edge(self, items: Iterator[T]) -> Generator[T, None, None]:
        """``items``, SQLite's errors met while they are made turned into one line as every
        method's are (``_edge``)."""
        try:
            yield from items
        except sqlite3.Error as exc:
            raise self._refused(exc) from None

    def keep_matches(
        self, article_id: int, pairs: list[crossrefs.Pair], *, levels: Levels, method: str
    ) -> int:
        """Store an article's suggested and possible matches (replacing its old ones), index
        it and note it matched: one transaction."""
        self._writes += 1
        with immediate(self.conn):
            ids = self.sentence_ids(article_id)
            written = crossrefs.keep(self.conn, ids, pairs, levels=levels, method=method,
                                     now=self.now())  # fmt: skip
            claims.index_sentences(self.conn, ids)
            self.conn.execute(
                "UPDATE articles SET matched_at = ? WHERE id = ?", [self.now(), article_id]
            )
        return written

    def keep_fact_check_matches(
        self, pairs: list[crossrefs.Pair], *, levels: Levels, method: str
    ) -> int:
        """Store the suggested and possible matches of new fact-checks (none is forgotten)."""
        self._writes += 1
        with immediate(self.conn):
            return crossrefs.add(self.conn, pairs, levels=levels, method=method, now=self.now())

    def next_fact_check_id(self) -> int:
        """The id the next fact-check stored will get (ids are never given twice)."""
        row = self.conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'fact_checks'"
        ).fetchone()
        top = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM fact_checks").fetchone()[0]
        return max(row[0] if row else 0, top) + 1

    def reindex_claims(self) -> None:
        """Build the claim index afresh from every sentence and fact-check."""
        self._writes += 1
        with immediate(self.conn):
            claims.reindex_all(self.conn)

    # -- reports ----------------------------------------------------------------

    def report(self, article_id: int, *, exported_at: str | None = None) -> Report:
        """Everything the exporters need about an article, read in one transaction."""
        from workbench import __version__
        from workbench.store import reporting
        from workbench.store.database import snapshot

        with snapshot(self.conn):
            article = self.article(article_id, counted=False)  # the report counts its rows
            return reporting.build(self.conn, article, exported_at=exported_at or self.now(),
                                   version=__version__)  # fmt: skip
