"""The claim index: normalised text of every sentence and fact-check in one FTS5 table.

A sentence's row id is ``2 * id``, a fact-check's ``2 * id + 1``; triggers drop
a row when its sentence or fact-check is deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.xref.normalize import clean, fts_query, stems, tokens

# A term in more than this share of the stored claims is left out of a query (if
# at least MIN_TERMS rarer ones remain): scoring BM25 costs time for every
# document a term hits, and a term that common tells little.
COMMON_SHARE = 0.005
COMMON_FLOOR = 500  # in a small corpus no term counts as common below this many
MIN_TERMS = 4


def sentence_row(sentence_id: int) -> int:
    return 2 * sentence_id


def fact_check_row(fact_check_id: int) -> int:
    return 2 * fact_check_id + 1


def index_sentences(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """(Re)index sentences by id, within the caller's transaction."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, text FROM sentences WHERE id IN ({marks})", chunk)
        conn.executemany(
            "INSERT OR REPLACE INTO claim_index (rowid, body) VALUES (?, ?)",
            [(sentence_row(i), clean(text)) for i, text in rows],
        )


def index_fact_checks(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """(Re)index fact-checks by id: the claim and the title of the check."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
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


@dataclass(frozen=True)
class Terms:
    """A query's content words and stems, with how many stored claims hold each stem."""

    words: list[str]
    stems: list[str]
    total: int  # stored claims
    df: dict[str, int]

    @classmethod
    def of(cls, conn: sqlite3.Connection, text: str) -> Terms:
        words = tokens(text)
        pairs = [(w, s) for w, s in zip(words, stems(words), strict=True) if s]
        words, word_stems = [w for w, _ in pairs], [s for _, s in pairs]
        total = conn.execute("SELECT COUNT(*) FROM claim_index_docsize").fetchone()[0]
        unique = list(dict.fromkeys(word_stems))
        df: dict[str, int] = {}
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            df.update(conn.execute(
                f"SELECT term, doc FROM claim_vocab WHERE term IN ({marks})", chunk
            ))  # fmt: skip
        return cls(words, word_stems, total, df)

    def common(self) -> frozenset[str]:
        """The words too many stored claims contain to be worth a query's time (COMMON_SHARE)."""
        if len(set(self.words)) <= MIN_TERMS:
            return frozenset()
        cutoff = max(COMMON_FLOOR, COMMON_SHARE * self.total)
        if self.total <= cutoff:
            return frozenset()
        pairs = dict(zip(self.words, self.stems, strict=True))
        by_rarity = sorted(pairs.items(), key=lambda ws: self.df.get(ws[1], 0))
        keep = {w for w, _ in by_rarity[:MIN_TERMS]}
        return frozenset(w for w, s in by_rarity if w not in keep and self.df.get(s, 0) > cutoff)


@dataclass(frozen=True)
class Candidate:
    """A stored claim that shares words with the query (found by FTS5, best first)."""

    kind: str  # "sentence" or "factcheck"
    id: int


def find_candidates(
    conn: sqlite3.Connection,
    text: str,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
    terms: Terms | None = None,
) -> list[Candidate]:
    """The stored claims that BM25 ranks best for ``text`` (none if it has no content word)."""
    if terms is None:
        terms = Terms.of(conn, text)
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
