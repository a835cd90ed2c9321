"""Storing an article: a new one, the same content again, or an edited file re-imported.

The article's text is kept once, in its sentences: each sentence holds the text
before it since the previous one ended (``gap``: the spaces between them), and
the article the text after the last one (``tail``); ``text_of`` puts it back
together.

A re-import keeps every review.  The reviewer's joins and splits are kept where
the text they cut is unchanged (``workbench.recut``).  Old and new sentences are aligned
(``workbench.align``): a sentence whose text is unchanged keeps its row; one
whose text changed keeps its row too, with its review, evidence and decisions,
and the review is marked with the text it was made on; a sentence no longer
in the text is deleted with everything attached to it, each row logged, so
one undo brings it all back.  The whole re-import is one undo step.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from workbench.errors import ValidationError
from workbench.model import Document, Segment
from workbench.store import keys
from workbench.store.log import Tx

if TYPE_CHECKING:
    from workbench.recut import Recut

REVIEW_DEFAULTS: dict[str, Any] = {
    "verdict": None,
    "note": "",
    "flagged": 0,
    "reviewer": None,
    "reviewed_at": None,
    "reviewed_text": None,
    "claimant": None,
}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_row(doc: Document, now: str, tail: str) -> dict[str, Any]:
    return {
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "imported_at": doc.imported_at or now,
        "sha256": digest(doc.text),
        "tail": tail,
        "published": doc.published,
        "authors": json.dumps(list(doc.authors), ensure_ascii=False),
        "outlet": doc.outlet,
    }


def spacing(text: str, segments: list[Segment]) -> tuple[list[str], str]:
    """The text before each sentence (since the previous one ended), and after the last."""
    gaps = []
    end = 0
    for s in segments:
        gaps.append(text[end : s.start])
        end = s.end
    return gaps, text[end:]


def check_spacing(text: str, segments: list[Segment], gaps: list[str], tail: str) -> None:
    """Refuse sentences that would not give the text back (out of order, or not its own
    words): the text is kept in them alone."""
    if "".join(g + s.text for g, s in zip(gaps, segments, strict=True)) + tail != text:
        raise ValidationError("the sentences do not make up the article's text: nothing stored")


# The sentences (each with the text before it) in order, then the tail: one value.
TEXT_OF = (
    "SELECT CAST(group_concat(piece, '') AS BLOB) FROM ("
    " SELECT * FROM (SELECT gap || text AS piece FROM sentences WHERE article_id = ?1"
    " ORDER BY start) UNION ALL SELECT tail FROM articles WHERE id = ?1)"
)


# The text from one sentence's start to another's end (the sentences' own texts and the
# gaps between them): a paragraph, read through the (article_id, start) index.
TEXT_BETWEEN = (
    "SELECT group_concat(CASE WHEN start = ?2 THEN text ELSE gap || text END, '') FROM"
    " (SELECT start, gap, text FROM sentences"
    "  WHERE article_id = ?1 AND start >= ?2 AND start < ?3 ORDER BY start)"
)


def text_of(conn: sqlite3.Connection, article_id: int) -> str | None:
    """An article's text, put back together from its sentences (None: no such article).

    One value from SQLite (``group_concat`` sees the rows in the order its subquery and
    ``UNION ALL`` give them): a Python row per sentence would cost more than the reading.
    It comes as bytes, decoded here: read as text, SQLite's buffer (up to twice the text:
    it doubles as it grows) and the string would be held at once, and adding the tail in
    Python would copy the string (30 MB more at 100,000 sentences)."""
    (text,) = conn.execute(TEXT_OF, [article_id]).fetchone()
    return None if text is None else text.decode()


def find_same(conn: sqlite3.Connection, sha: str) -> tuple[int, str | None] | None:
    """(id, deleted_at) of an article with exactly this text, live ones first."""
    return conn.execute(
        "SELECT id, deleted_at FROM articles WHERE sha256 = ?"
        " ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
        [sha],
    ).fetchone()


def find_earlier(conn: sqlite3.Connection, source: str) -> int | None:
    """The live article imported before from the same file (not stdin or the clipboard)."""
    if source in ("stdin", "clipboard", "-"):
        return None
    row = conn.execute(
        "SELECT id FROM articles WHERE source = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
        [source],
    ).fetchone()
    return None if row is None else row[0]


def insert_new(
    conn: sqlite3.Connection, row: dict[str, Any], segments: list[Segment], gaps: list[str]
) -> int:
    """A new article and its sentences, in bulk (a first import is not an undo step)."""
    article_id = conn.execute(
        "INSERT INTO articles (title, source, url, imported_at, sha256, tail, published, authors,"
        " outlet) VALUES (:title, :source, :url, :imported_at, :sha256, :tail, :published,"
        " :authors, :outlet)",
        row,
    ).lastrowid
    assert article_id is not None
    conn.executemany(
        'INSERT INTO sentences (article_id, paragraph, start, "end", key, occurrence, text, gap)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, s.paragraph, s.start, s.end, *keys.pack(s.key), s.text, g)
         for s, g in zip(segments, gaps, strict=True)],
    )  # fmt: skip
    return article_id


def _worked_on(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Sentences carrying a reviewer's work: a review (a verdict, a note, a flag or a
    claimant), evidence, or a decided match."""
    return {
        sid
        for (sid,) in conn.execute(
            "SELECT r.sentence_id FROM reviews r JOIN sentences s ON s.id = r.sentence_id"
            " WHERE s.article_id = :a"
            " AND (r.verdict IS NOT NULL OR r.note != '' OR r.flagged"
            "  OR COALESCE(r.claimant, '') != '')"
            " UNION SELECT l.sentence_id FROM evidence_links l"
            " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = :a"
            " UNION SELECT c.sentence_id FROM crossrefs c JOIN sentences s ON s.id = c.sentence_id"
            " WHERE s.article_id = :a AND c.status != 'suggested'",
            {"a": article_id},
        )
    }


def delete_sentence(tx: Tx, sentence_id: int) -> None:
    """Delete a sentence and, logged first, everything attached to it."""
    conn = tx.conn
    tx.write("reviews", {"sentence_id": sentence_id}, None)
    for (evidence_id,) in conn.execute(
        "SELECT evidence_id FROM evidence_links WHERE sentence_id = ?", [sentence_id]
    ).fetchall():
        tx.write("evidence_links", {"evidence_id": evidence_id, "sentence_id": sentence_id}, None)
    for (ref_id,) in conn.execute(
        "SELECT id FROM crossrefs WHERE sentence_id = ? OR (kind = 'sentence' AND target_id = ?)",
        [sentence_id, sentence_id],
    ).fetchall():
        tx.write("crossrefs", {"id": ref_id}, None)
    tx.write("sentences", {"id": sentence_id}, None)


def stored_sentences(conn: sqlite3.Connection, article_id: int) -> list[tuple[Any, ...]]:
    """An article's sentences as a re-import reads them once: (id, key, text, paragraph,
    start, end), in text order."""
    return conn.execute(
        f'SELECT id, {keys.column()}, text, paragraph, start, "end" FROM sentences'
        " WHERE article_id = ? ORDER BY start",
        [article_id],
    ).fetchall()


def carry_cuts(
    conn: sqlite3.Connection,
    article_id: int,
    old: list[tuple[Any, ...]],
    text: str,
    segments: list[Segment],
) -> Recut:
    """The new text's sentences cut where the reviewer cut the old one (``old``: its
    ``stored_sentences``), where that text is unchanged, and how many cuts could not be
    kept (``recut.recut``)."""
    from workbench.recut import Recut, recut  # (sentencex: only a re-import needs it)

    old_text = text_of(conn, article_id)
    stored = [(o[4], o[5]) for o in old]
    return Recut(None, 0) if old_text is None else recut(old_text, stored, text, segments)


DETAILS = ("title", "url", "published", "authors", "outlet")  # the article's, not its text's


def _kept_details(tx: Tx, article_id: int, row: dict[str, Any]) -> dict[str, Any]:
    """The article's new row with its title and metadata as stored: a reviewer may have set
    them (``i``, the import's options), and the file's own say no more than it did.  What
    is stored empty is filled from the new import."""
    stored = tx.read("articles", {"id": article_id}) or {}
    kept = {k: stored[k] for k in DETAILS if stored.get(k) not in (None, "", "[]")}
    return {**row, **kept}


def reimport(
    tx: Tx,
    article_id: int,
    old: list[tuple[Any, ...]],
    row: dict[str, Any],
    segments: list[Segment],
    gaps: list[str],
) -> tuple[list[int], int]:
    """Bring an article (``old``: its ``stored_sentences``) to its new text; returns (ids
    of reviewed sentences whose text changed, how many reviewed sentences are gone)."""
    conn = tx.conn
    from workbench.align import align  # (rapidfuzz: only a re-import needs it)

    pairs = dict(align([(o[1], o[2]) for o in old], [(s.key, s.text) for s in segments]))
    worked = _worked_on(conn, article_id)
    tx.write("articles", {"id": article_id}, _kept_details(tx, article_id, row))
    changed: list[int] = []
    gone = 0
    for i, (sid, _key, text, *_rest) in enumerate(old):
        j = pairs.get(i)
        if j is None:
            gone += sid in worked
            delete_sentence(tx, sid)
            continue
        seg = segments[j]
        tx.write("sentences", {"id": sid}, {
            "key": seg.key, "text": seg.text, "paragraph": seg.paragraph,
            "start": seg.start, "end": seg.end, "gap": gaps[j],
        })  # fmt: skip
        if seg.text.split() != text.split() and sid in worked:  # (not a re-wrapped line)
            review = tx.read("reviews", {"sentence_id": sid})
            was = None if review is None else review.get("reviewed_text")
            if was is not None and was.split() == seg.text.split():  # back as reviewed
                tx.write("reviews", {"sentence_id": sid}, {"reviewed_text": None})
                continue
            if was is None:
                tx.write("reviews", {"sentence_id": sid}, {"reviewed_text": text},
                         defaults=REVIEW_DEFAULTS)  # fmt: skip
            changed.append(sid)
    taken = set(pairs.values())
    for j, seg in enumerate(segments):
        if j not in taken:
            tx.insert("sentences", {
                "article_id": article_id, "paragraph": seg.paragraph, "start": seg.start,
                "end": seg.end, "key": seg.key, "text": seg.text, "gap": gaps[j],
            })  # fmt: skip
    return changed, gone
