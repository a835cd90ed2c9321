"""Stems exactly as the claim index has them: asked of SQLite FTS5's own tokenizer.

Document frequencies are looked up by stem, so a stem must be exactly the
index's: FTS5's Porter differs from the published algorithm in places, and
its length limits count bytes.  No stemmer written apart from the index can
promise that, so the index's tokenizer itself is asked: the words go through a
private in-memory FTS5 table with the index's tokenizer (no database file is
touched), and stems are remembered (words recur).  It lives in the store, the
one door to SQLite; cross-referencing (``workbench.xref``) computes without
SQL and is handed ``stem_words`` with a query's terms (``xref.query.Terms``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from functools import cache

TOKENIZER = "porter unicode61 remove_diacritics 2"  # the claim index's (schema.py)
MAX_STEMMED_BYTES = 64  # FTS5 leaves longer words as they are


class IndexStemmer:
    """The index tokenizer's stem of each word.  Imports run in a worker thread: a lock."""

    LIMIT = 200_000  # remembered stems; past it, the memory starts afresh

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        # Contentless: the words are asked, never read back, and all go at once ('delete-all').
        self.conn.executescript(
            f"CREATE VIRTUAL TABLE w USING fts5(body, content = '', tokenize = '{TOKENIZER}');"
            "CREATE VIRTUAL TABLE t USING fts5vocab(w, 'instance');"
        )
        self.lock = threading.Lock()
        self.known: dict[str, str] = {}

    def __call__(self, words: Iterable[str]) -> list[str]:
        words = list(words)
        with self.lock:
            answer = {w: self.known[w] for w in words if w in self.known}
            new = [w for w in dict.fromkeys(words) if w not in answer]
            if new:
                asked = self._ask(new)
                answer.update(asked)
                if len(self.known) + len(asked) > self.LIMIT:
                    self.known.clear()  # forgetting costs a query later, never an answer now
                self.known.update(asked)
            return [answer[w] for w in words]

    def _ask(self, words: list[str]) -> dict[str, str]:
        with self.conn:
            self.conn.executemany(
                "INSERT INTO w (rowid, body) VALUES (?, ?)", list(enumerate(words, 1))
            )
            parts: dict[int, list[str]] = {}
            for doc, term in self.conn.execute("SELECT doc, term FROM t ORDER BY doc, offset"):
                parts.setdefault(doc, []).append(term)
            self.conn.execute("INSERT INTO w (w) VALUES ('delete-all')")
        return {w: "".join(parts.get(i, ())) for i, w in enumerate(words, 1)}


@cache
def _stemmer() -> IndexStemmer:
    return IndexStemmer()


def stem_words(words: Iterable[str]) -> list[str]:
    """The index's stem of each word ("technology" -> "technolog"), in one query."""
    words = list(words)
    short = [w for w in words if len(w.encode()) <= MAX_STEMMED_BYTES]
    found = dict(zip(short, _stemmer()(short), strict=True))
    return [found.get(w, w) for w in words]  # a longer word is left as it is, unremembered
