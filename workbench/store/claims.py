"""The claim index: normalised text of every sentence and fact-check in one FTS5 table.

A sentence's row id is ``2 * id``, a fact-check's ``2 * id + 1``.  The index
is contentless: it holds the words of each claim (``clean(text)``), not a copy
of the text, so a claim leaves it only when told the very words it was given
(``forget_sentence``, called before a sentence's text changes or it is
deleted).  Those words are ``clean``'s: ``FORM`` names the version of
``clean`` the index was built with, and an index built with another is built
afresh when the database is opened (``repair``).  Cross-referencing asks this
module for a text's terms and candidates (``pool``) and scores them elsewhere
(``workbench.xref``), without SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from workbench.store.tokens import stem_words
from workbench.xref.query import Candidate, Pool, Terms
from workbench.xref.terms import clean_all, fts_query, tokens

T = TypeVar("T")

# What the index holds of a claim: change it whenever ``clean`` changes what it returns.
FORM = "clean 1"
BATCH = 10_000  # claims read and indexed at a time
REMEMBERED = 50_000  # candidates a Vocabulary keeps the texts of


def sentence_row(sentence_id: int) -> int:
    return 2 * sentence_id


def fact_check_row(fact_check_id: int) -> int:
    return 2 * fact_check_id + 1


def _chunks(ids: Sequence[T], size: int = 500) -> Iterable[list[T]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _indexed(conn: sqlite3.Connection, rowids: list[int]) -> set[int]:
    marks = ",".join("?" * len(rowids))
    found = conn.execute(f"SELECT id FROM claim_index_docsize WHERE id IN ({marks})", rowids)
    return {r for (r,) in found}


def _unindexed(
    conn: sqlite3.Connection, select: str, ids: Iterable[int]
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows ``select`` gives for these ids (its one argument: them as a JSON array), a
    batch at a time, in rising order of id: FTS5 takes rows in that order without writing
    out what it holds."""
    for chunk in _chunks(sorted(set(ids)), BATCH):
        yield conn.execute(select, [json.dumps(chunk)]).fetchall()


def _insert(conn: sqlite3.Connection, rowids: list[int], texts: list[str]) -> None:
    """Put claims in the index: one statement for all, cleaned all at once (``clean_all``)."""
    conn.executemany(
        "INSERT INTO claim_index (rowid, body) VALUES (?, ?)",
        zip(rowids, clean_all(texts), strict=True),
    )


def index_sentences(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Index the sentences not in the index yet, by id, within the caller's transaction."""
    for rows in _unindexed(
        conn,
        "SELECT id, text FROM sentences WHERE id IN (SELECT value FROM json_each(?)) AND"
        " NOT EXISTS (SELECT 1 FROM claim_index_docsize WHERE id = 2 * sentences.id)"
        " ORDER BY id",
        ids,
    ):
        _insert(conn, [sentence_row(i) for i, _ in rows], [text for _, text in rows])


def forget_sentence(conn: sqlite3.Connection, sentence_id: int, text: str) -> None:
    """Take a sentence holding ``text`` out of the index (before its text changes, or it is
    deleted); nothing when it was not indexed."""
    if _indexed(conn, [sentence_row(sentence_id)]):
        conn.execute(
            "INSERT INTO claim_index (claim_index, rowid, body) VALUES ('delete', ?, ?)",
            [sentence_row(sentence_id), clean_all([text])[0]],  # the words it was given
        )


def index_fact_checks(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Index the fact-checks not in the index yet: the claim and the title of the check."""
    for rows in _unindexed(
        conn,
        "SELECT id, claim, title FROM fact_checks WHERE id IN"
        " (SELECT value FROM json_each(?)) AND NOT EXISTS"
        " (SELECT 1 FROM claim_index_docsize WHERE id = 2 * fact_checks.id + 1) ORDER BY id",
        ids,
    ):
        _insert(conn, [fact_check_row(i) for i, _, _ in rows], [f"{c} {t}" for _, c, t in rows])


def repair(conn: sqlite3.Connection) -> int:
    """Index the sentences and fact-checks missing from the index (two counts when none is);
    the whole index afresh when it was built with another ``FORM``."""
    form = conn.execute("SELECT value FROM meta WHERE key = 'claim_index'").fetchone()
    if form is None or form[0] != FORM:
        return reindex_all(conn)
    indexed = conn.execute("SELECT COUNT(*) FROM claim_index_docsize").fetchone()[0]
    stored = conn.execute(
        "SELECT (SELECT COUNT(*) FROM sentences) + (SELECT COUNT(*) FROM fact_checks)"
    ).fetchone()[0]
    if indexed >= stored:
        return 0
    have = "(SELECT id FROM claim_index_docsize)"
    sentences = [i for (i,) in conn.execute(f"SELECT id FROM sentences WHERE 2 * id NOT IN {have}")]
    checks = [
        i for (i,) in conn.execute(f"SELECT id FROM fact_checks WHERE 2 * id + 1 NOT IN {have}")
    ]
    index_sentences(conn, sentences)
    index_fact_checks(conn, checks)
    return len(sentences) + len(checks)


def reindex_all(conn: sqlite3.Connection) -> int:
    """Build the index afresh from every sentence and fact-check, in one segment
    (``compact``); returns how many."""
    conn.execute("INSERT INTO claim_index (claim_index) VALUES ('delete-all')")
    sentences = [r[0] for r in conn.execute("SELECT id FROM sentences")]
    checks = [r[0] for r in conn.execute("SELECT id FROM fact_checks")]
    index_sentences(conn, sentences)
    index_fact_checks(conn, checks)
    compact(conn)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('claim_index', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [FORM],
    )
    return len(sentences) + len(checks)


def compact(conn: sqlite3.Connection) -> None:
    """Merge the index into one segment (FTS5's 'optimize'), within the caller's transaction.

    FTS5 writes each batch as a new segment and merges them a few at a time; a bulk
    import leaves several, and every term a query or a frequency lookup reads is sought in
    each.  Worth it once a large import is done (100,000 claims: about 0.2 s, and matching
    after it about 15% faster); what the index holds stays the same.
    """
    conn.execute("INSERT INTO claim_index (claim_index) VALUES ('optimize')")


class Vocabulary:
    """How many claims the index holds, in how many each stem occurs, and the texts of the
    claims found so far, looked up once while the database is unchanged: stems and
    candidates recur from query to query."""

    def __init__(self, key: object, total: int) -> None:
        self.key = key
        self.total = total
        self.df: dict[str, int] = {}
        self.idf: dict[str, float] = {}
        # The (claim, title) of the candidates found, None for those not live, and those
        # whose stems' frequencies are looked up: at most REMEMBERED of each.
        self.texts: dict[tuple[str, int], tuple[str, str] | None] = {}
        self.weighed: set[tuple[str, str]] = set()
        self.articles: dict[int, bool] = {}  # whether the index holds a sentence of each

    def holds_article(self, conn: sqlite3.Connection, article_id: int) -> bool:
        """Whether any sentence of the article is in the index (an article is matched
        before its sentences are indexed: then no query needs to leave them out)."""
        held = self.articles.get(article_id)
        if held is None:
            held = self.articles[article_id] = bool(conn.execute(
                "SELECT 1 FROM sentences s JOIN claim_index_docsize d ON d.id = 2 * s.id"
                " WHERE s.article_id = ? LIMIT 1",
                [article_id],
            ).fetchone())  # fmt: skip
        return held

    def lookup(self, conn: sqlite3.Connection, stems: Iterable[str]) -> None:
        missing = [s for s in dict.fromkeys(stems) if s not in self.df]
        if missing:
            self.df.update(dict.fromkeys(missing, 0))
            self.df.update(conn.execute(
                "SELECT term, doc FROM claim_vocab WHERE term IN (SELECT value FROM json_each(?))",
                [json.dumps(missing, ensure_ascii=False)],
            ))  # fmt: skip


def vocabulary(conn: sqlite3.Connection, key: object, known: Vocabulary | None) -> Vocabulary:
    """The vocabulary for the database as it is (``key`` says which state that is)."""
    if known is not None and known.key == key:
        return known
    total = conn.execute("SELECT COUNT(*) FROM claim_index_docsize").fetchone()[0]
    return Vocabulary(key, total)


def terms(conn: sqlite3.Connection, text: str, vocab: Vocabulary) -> Terms:
    """The content words of ``text`` with their stems and document frequencies."""
    words = tokens(text)
    pairs = [(w, s) for w, s in zip(words, stem_words(words), strict=True) if s]
    words, word_stems = [w for w, _ in pairs], [s for _, s in pairs]
    vocab.lookup(conn, word_stems)
    return Terms(words, word_stems, vocab.total, vocab.df, vocab.idf, stemmer=stem_words)


Query = tuple[str, list[object]]  # SQL and its arguments


def candidate_query(
    text: str,
    terms: Terms,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> Query | None:
    """The FTS5 query for the stored claims BM25 ranks best for ``text`` (None if it has no
    content word to look for)."""
    query = fts_query(text, drop=terms.common())
    if query is None:
        return None
    sql = "SELECT rowid FROM claim_index WHERE claim_index MATCH ?"
    args: list[object] = [query]
    if exclude_article is not None:
        # each claim found looked up by its id: a list of the article's sentences would be
        # made again for every query (a re-import of 20,000 sentences: minutes)
        sql += (
            " AND (rowid % 2 = 1"
            " OR (SELECT article_id FROM sentences WHERE id = claim_index.rowid / 2) IS NOT ?)"
        )
        args.append(exclude_article)
    if kind is not None:
        sql += " AND rowid % 2 = ?"
        args.append(0 if kind == "sentence" else 1)
    # bm25() is what ``rank`` orders by, in the same order (ties too: rowid order); asked
    # for by name, SQLite keeps the best ``limit`` as they come, where ``rank`` has FTS5
    # sort every row found first (a third slower).
    return sql + " ORDER BY bm25(claim_index) LIMIT ?", [*args, limit]


def run_query(conn: sqlite3.Connection, query: Query | None) -> list[Candidate]:
    """The candidates ``candidate_query``'s query finds, best first (none without one)."""
    if query is None:
        return []
    rows = conn.execute(*query).fetchall()
    return [Candidate("factcheck" if rowid % 2 else "sentence", rowid // 2) for (rowid,) in rows]


def candidate_texts(
    conn: sqlite3.Connection,
    candidates: Sequence[Candidate],
    known: dict[tuple[str, int], tuple[str, str] | None] | None = None,
) -> dict[tuple[str, int], tuple[str, str]]:
    """(claim, title) of each candidate that is still live (not in a deleted article), the
    sentences' first, each kind by id; ``known`` remembers them (``Vocabulary.texts``)."""
    known = {} if known is None else known
    if len(known) > REMEMBERED:
        known.clear()
    new = [c for c in candidates if (c.kind, c.id) not in known]
    sids = [c.id for c in new if c.kind == "sentence"]
    fids = [c.id for c in new if c.kind == "factcheck"]
    known.update(dict.fromkeys(((c.kind, c.id) for c in new), None))
    if sids:
        for i, text in conn.execute(
            "SELECT s.id, s.text FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE s.id IN (SELECT value FROM json_each(?)) AND a.deleted_at IS NULL",
            [json.dumps(sids)],
        ):
            known["sentence", i] = (text, "")
    if fids:
        for i, claim, title in conn.execute(
            "SELECT id, claim, title FROM fact_checks WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(fids)],
        ):
            known["factcheck", i] = (claim, title)
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for key in sorted(((c.kind, c.id) for c in candidates), key=lambda k: (k[0] != "sentence", k)):
        text = known[key]
        if text is not None:
            out[key] = text
    return out


def pool(
    conn: sqlite3.Connection,
    text: str,
    vocab: Vocabulary,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> Pool:
    """A text's terms and its live candidates, ready to be scored (the document frequencies
    of the candidates' stems looked up too, for coverage weighted both ways)."""
    if not vocab.total:  # nothing stored to find: not even worth reading the text
        return Pool(Terms([], [], 0, vocab.df, vocab.idf, stemmer=stem_words))
    found_terms, query = _asked(conn, text, vocab, limit, exclude_article, kind)
    return _finish(conn, vocab, found_terms, run_query(conn, query))


def _asked(
    conn: sqlite3.Connection,
    text: str,
    vocab: Vocabulary,
    limit: int,
    exclude_article: int | None,
    kind: str | None,
) -> tuple[Terms, Query | None]:
    """A text's terms and the query for its candidates (what ``pool`` and ``pools`` ask)."""
    found_terms = terms(conn, text, vocab)
    if exclude_article is not None and not vocab.holds_article(conn, exclude_article):
        exclude_article = None  # nothing of it to leave out
    query = candidate_query(text, found_terms, limit, exclude_article=exclude_article, kind=kind)
    return found_terms, query


AHEAD = 32  # queries the reader may run before their pools are asked for
AHEAD_FROM = 16  # texts: for fewer, a second connection and thread cost more than they save


def pools(
    conn: sqlite3.Connection,
    open_reader: Callable[[], sqlite3.Connection] | None,
    texts: Iterable[str],
    vocab: Vocabulary,
    limit: int = 50,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> Iterator[Pool]:
    """``pool`` of each text, in order, with the FTS5 queries run ahead on a second
    connection to the file (``open_reader``'s, opened when the first pool is asked for)
    in a thread of its own: SQLite ranks the next texts' candidates while the caller
    scores this one's (BM25 over every claim a query's words hit is half of matching, and
    SQLite runs it without Python's lock).  The pools are those ``pool`` makes; without a
    reader they are made one by one.  The reader is closed when the pools are done (or no
    longer wanted)."""
    if open_reader is None or not vocab.total:
        for text in texts:
            yield pool(conn, text, vocab, limit, exclude_article=exclude_article, kind=kind)
        return
    reader = open_reader()
    worker = ThreadPoolExecutor(1, thread_name_prefix="claim-queries")
    ahead: deque[tuple[Terms, Future[list[Candidate]]]] = deque()
    try:
        for text in texts:
            found_terms, query = _asked(conn, text, vocab, limit, exclude_article, kind)
            ahead.append((found_terms, worker.submit(run_query, reader, query)))
            if len(ahead) > AHEAD:
                found_terms, found = ahead.popleft()
                yield _finish(conn, vocab, found_terms, found.result())
        while ahead:
            found_terms, found = ahead.popleft()
            yield _finish(conn, vocab, found_terms, found.result())
    finally:
        worker.shutdown(wait=True, cancel_futures=True)
        reader.close()


def _finish(
    conn: sqlite3.Connection, vocab: Vocabulary, found_terms: Terms, found: list[Candidate]
) -> Pool:
    """A pool of the candidates found: their texts, and what scoring them needs."""
    texts = candidate_texts(conn, found, vocab.texts)
    # the new candidates' words stemmed in one call, and the frequencies of their claims'
    # stems (scoring weighs a claim's words, not its title's)
    new = [t for t in texts.values() if t not in vocab.weighed]
    if new:
        from workbench.xref.match import described  # the matcher, loaded when first matching

        vocab.lookup(conn, (s for c in described(new, stem_words) for s in c.claim_stems))
        if len(vocab.weighed) > REMEMBERED:
            vocab.weighed.clear()
        vocab.weighed.update(new)
    return Pool(found_terms, [c for c in found if (c.kind, c.id) in texts], texts)
