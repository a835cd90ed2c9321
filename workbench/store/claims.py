"""The claim index: normalised text of every sentence and fact-check in one FTS5 table.

A sentence's row id is ``2 * id``, a fact-check's ``2 * id + 1``; a trigger
drops a row when its sentence or fact-check is deleted.  Cross-referencing
asks this module for a text's terms and candidates (``pool``) and scores
them elsewhere (``workbench.xref``), without SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from workbench.xref.normalize import clean, fts_query, stems, tokens
from workbench.xref.query import Candidate, Pool, Terms


def sentence_row(sentence_id: int) -> int:
    return 2 * sentence_id


def fact_check_row(fact_check_id: int) -> int:
    return 2 * fact_check_id + 1


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def index_sentences(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """(Re)index sentences by id, within the caller's transaction."""
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, text FROM sentences WHERE id IN ({marks})", chunk)
        conn.executemany(
            "INSERT OR REPLACE INTO claim_index (rowid, body) VALUES (?, ?)",
            [(sentence_row(i), clean(text)) for i, text in rows],
        )


def index_fact_checks(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """(Re)index fact-checks by id: the claim and the title of the check."""
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, claim, title FROM fact_checks WHERE id IN ({marks})", chunk
        )
        conn.executemany(
            "INSERT OR REPLACE INTO claim_index (rowid, body) VALUES (?, ?)",
            [(fact_check_row(i), clean(f"{claim} {title}")) for i, claim, title in rows],
        )


def reindex_all(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM claim_index")
    index_sentences(conn, [r[0] for r in conn.execute("SELECT id FROM sentences")])
    index_fact_checks(conn, [r[0] for r in conn.execute("SELECT id FROM fact_checks")])


def terms(conn: sqlite3.Connection, text: str) -> Terms:
    """The content words of ``text`` with their stems and document frequencies."""
    words = tokens(text)
    pairs = [(w, s) for w, s in zip(words, stems(words), strict=True) if s]
    words, word_stems = [w for w, _ in pairs], [s for _, s in pairs]
    total = conn.execute("SELECT COUNT(*) FROM claim_index_docsize").fetchone()[0]
    df: dict[str, int] = {}
    for chunk in _chunks(list(dict.fromkeys(word_stems))):  # type: ignore[arg-type]
        marks = ",".join("?" * len(chunk))
        df.update(conn.execute(f"SELECT term, doc FROM claim_vocab WHERE term IN ({marks})", chunk))
    return Terms(words, word_stems, total, df)


def find_candidates(
    conn: sqlite3.Connection,
    text: str,
    terms: Terms,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> list[Candidate]:
    """The stored claims that BM25 ranks best for ``text`` (none if it has no content word)."""
    query = fts_query(text, drop=terms.common())
    if query is None:
        return []
    sql = "SELECT rowid FROM claim_index WHERE claim_index MATCH ?"
    args: list[object] = [query]
    if exclude_article is not None:
        sql += " AND rowid NOT IN (SELECT 2 * id FROM sentences WHERE article_id = ?)"
        args.append(exclude_article)
    if kind is not None:
        sql += " AND rowid % 2 = ?"
        args.append(0 if kind == "sentence" else 1)
    rows = conn.execute(sql + " ORDER BY rank LIMIT ?", [*args, limit]).fetchall()
    return [Candidate("factcheck" if rowid % 2 else "sentence", rowid // 2) for (rowid,) in rows]


def candidate_texts(
    conn: sqlite3.Connection, candidates: Sequence[Candidate]
) -> dict[tuple[str, int], tuple[str, str]]:
    """(claim, title) of each candidate that is still live (not in a deleted article)."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    sids = [c.id for c in candidates if c.kind == "sentence"]
    fids = [c.id for c in candidates if c.kind == "factcheck"]
    if sids:
        marks = ",".join("?" * len(sids))
        for i, text in conn.execute(
            f"SELECT s.id, s.text FROM sentences s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.id IN ({marks}) AND a.deleted_at IS NULL",
            sids,
        ):
            out["sentence", i] = (text, "")
    if fids:
        marks = ",".join("?" * len(fids))
        for i, claim, title in conn.execute(
            f"SELECT id, claim, title FROM fact_checks WHERE id IN ({marks})", fids
        ):
            out["factcheck", i] = (claim, title)
    return out


def pool(
    conn: sqlite3.Connection,
    text: str,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> Pool:
    """A text's terms and its live candidates, ready to be scored."""
    found_terms = terms(conn, text)
    found = find_candidates(conn, text, found_terms, limit, exclude_article=exclude_article,
                            kind=kind)  # fmt: skip
    texts = candidate_texts(conn, found)
    return Pool(found_terms, [c for c in found if (c.kind, c.id) in texts], texts)
