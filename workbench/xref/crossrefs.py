"""Keeping cross-references: matching sentences and fact-checks, storing the pairs.

Pairs at or above the suggest threshold are stored as ``suggested`` (strong at
or above the strong threshold); a pair the reviewer rejected is never
suggested again, and a confirmed one keeps its status.  A sentence-sentence
pair is stored in both directions, so both articles see it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from workbench.store.database import immediate
from workbench.xref.index import index_fact_checks, index_sentences, reindex_all
from workbench.xref.match import METHOD, MatchSettings, matchable, rank_claims

Progress = Callable[[int, int], None]

UPSERT = (
    "INSERT INTO crossrefs (sentence_id, kind, target_id, score, method, status, strong,"
    " created_at) VALUES (?, ?, ?, ?, ?, 'suggested', ?, ?)"
    " ON CONFLICT (sentence_id, kind, target_id) DO UPDATE SET score = excluded.score,"
    " strong = excluded.strong, method = excluded.method WHERE crossrefs.status = 'suggested'"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _keep(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str, int, float]],
          settings: MatchSettings) -> int:  # fmt: skip
    now = _now()
    rows = []
    for sentence_id, kind, target, score in pairs:
        strong = int(score >= settings.strong)
        rows.append((sentence_id, kind, target, round(score, 1), METHOD, strong, now))
        if kind == "sentence":
            rows.append((target, "sentence", sentence_id, round(score, 1), METHOD, strong, now))
    conn.executemany(UPSERT, rows)
    return len(rows)


def _forget_suggestions(conn: sqlite3.Connection, sentence_ids: list[int]) -> None:
    """Drop the open suggestions of these sentences (both directions) before recomputing."""
    for start in range(0, len(sentence_ids), 500):
        chunk = sentence_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"DELETE FROM crossrefs WHERE status = 'suggested' AND (sentence_id IN ({marks})"
            f" OR (kind = 'sentence' AND target_id IN ({marks})))",
            chunk + chunk,
        )


def match_article(
    conn: sqlite3.Connection,
    article_id: int,
    settings: MatchSettings,
    *,
    progress: Progress | None = None,
) -> int:
    """Match an article's sentences against every other article and every fact-check.

    The article's sentences are (re)indexed after matching, so a fresh import
    never meets itself.  Returns the number of cross-reference rows written.
    """
    sentences = conn.execute(
        "SELECT id, text FROM sentences WHERE article_id = ? ORDER BY position", [article_id]
    ).fetchall()
    pairs: list[tuple[int, str, int, float]] = []
    for done, (sentence_id, text) in enumerate(sentences, 1):
        if matchable(text, settings):
            for hit in rank_claims(conn, text, limit=settings.candidates,
                                   exclude_article=article_id):  # fmt: skip
                if hit.similarity >= settings.suggest:
                    pairs.append(
                        (sentence_id, hit.candidate.kind, hit.candidate.id, hit.similarity)
                    )
        if progress is not None:
            progress(done, len(sentences))
    with immediate(conn):
        _forget_suggestions(conn, [s for s, _ in sentences])
        written = _keep(conn, pairs, settings)
        index_sentences(conn, [s for s, _ in sentences])
    return written


def match_fact_checks(conn: sqlite3.Connection, ids: list[int], settings: MatchSettings) -> int:
    """Match newly imported fact-checks against every stored sentence."""
    pairs = []
    checks = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        checks += conn.execute(f"SELECT id, claim FROM fact_checks WHERE id IN ({marks})", chunk)
    for fid, claim in checks:
        for hit in rank_claims(conn, claim, limit=settings.candidates, kind="sentence"):
            if hit.similarity >= settings.suggest and matchable(hit.text, settings):
                pairs.append((hit.candidate.id, "factcheck", fid, hit.similarity))
    with immediate(conn):
        index_fact_checks(conn, ids)
        return _keep(conn, pairs, settings)


def rebuild(conn: sqlite3.Connection, settings: MatchSettings,
            progress: Progress | None = None) -> int:  # fmt: skip
    """Re-index everything and recompute every article's cross-references."""
    with immediate(conn):
        reindex_all(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE deleted_at IS NULL")]
    written = 0
    for n, article_id in enumerate(ids, 1):
        written += match_article(conn, article_id, settings)
        if progress is not None:
            progress(n, len(ids))
    return written
