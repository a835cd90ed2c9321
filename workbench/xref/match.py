"""Scoring candidates and keeping cross-references.

Candidates come from the FTS5 index (BM25); each is scored with rapidfuzz's
batch functions on at most ``candidates`` texts, never a loop over all pairs.
Two numbers come out:

- ``rank``: the order of candidates, a weighted mix of BM25 (relative to the
  best candidate) and several rapidfuzz scores; the weights were tuned on the
  CheckThat! 2020 train split (see bench/README.md);
- ``similarity`` (0-100): how alike the two claims are, on an absolute scale
  (the mean of token-set and token-sort ratios).  Thresholds apply to it: a
  pair is suggested at or above ``suggest``, marked strong at or above
  ``strong``; a weak match is never shown as certain.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.xref.index import Candidate, find_candidates
from workbench.xref.normalize import for_fuzz, tokens

METHOD = "bm25+fuzz"


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds on the similarity score (0-100) and limits; the settings file can override."""

    suggest: float = 50.0
    strong: float = 85.0
    min_chars: int = 25
    min_words: int = 4
    candidates: int = 50


@dataclass(frozen=True)
class Weights:
    """How much each signal counts in the ranking (tuned on train, see bench/README.md)."""

    bm25: float = 0.5
    claim_set: float = 0.2
    both_set: float = 0.0
    claim_sort: float = 0.1
    title_set: float = 0.2


WEIGHTS = Weights()
FEATURES = ("bm25", "claim_set", "both_set", "claim_sort", "title_set")


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    rank: float
    similarity: float
    text: str


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


def _batch(query: str, choices: list[str], scorer: object) -> list[float]:
    scores = [0.0] * len(choices)
    for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
        scores[index] = score
    return scores


def features(
    query: str, candidates: Sequence[Candidate], texts: Sequence[tuple[str, str]]
) -> list[tuple[float, ...]]:
    """Per candidate: relative BM25 and rapidfuzz scores (0-100), in ``FEATURES`` order."""
    q = for_fuzz(query)
    claims = [for_fuzz(claim) for claim, _ in texts]
    titles = [for_fuzz(title) for _, title in texts]
    both = [f"{c} {t}".strip() for c, t in zip(claims, titles, strict=True)]
    best = min((c.bm25 for c in candidates), default=-1.0) or -1.0
    claim_set = _batch(q, claims, fuzz.token_set_ratio)
    both_set = _batch(q, both, fuzz.token_set_ratio)
    claim_sort = _batch(q, claims, fuzz.token_sort_ratio)
    title_set = _batch(q, titles, fuzz.token_set_ratio)
    return [
        (100 * c.bm25 / best, claim_set[i], both_set[i], claim_sort[i], title_set[i])
        for i, c in enumerate(candidates)
    ]


def combine(f: tuple[float, ...], w: Weights = WEIGHTS) -> float:
    return (
        w.bm25 * f[0] + w.claim_set * f[1] + w.both_set * f[2] + w.claim_sort * f[3]
        + w.title_set * f[4]
    )  # fmt: skip


def rank_claims(
    conn: sqlite3.Connection,
    text: str,
    *,
    limit: int = 50,
    exclude_article: int | None = None,
    kind: str | None = None,
    weights: Weights = WEIGHTS,
) -> list[Scored]:
    """The stored claims most like ``text``, best first."""
    found = find_candidates(conn, text, limit, exclude_article=exclude_article, kind=kind)
    texts = candidate_texts(conn, found)
    live = [c for c in found if (c.kind, c.id) in texts]
    if not live:
        return []
    pairs = [texts[c.kind, c.id] for c in live]
    scored = [
        Scored(c, combine(f, weights), (f[1] + f[3]) / 2, pair[0])
        for c, f, pair in zip(live, features(text, live, pairs), pairs, strict=True)
    ]
    # Ties go to the lower id: deterministic, and no better for any particular claim.
    return sorted(scored, key=lambda s: (-s.rank, s.candidate.kind, s.candidate.id))


def matchable(text: str, settings: MatchSettings) -> bool:
    """Very short sentences ("He left.") match everything and nothing: they are skipped."""
    return len(text) >= settings.min_chars and len(tokens(text)) >= settings.min_words


def match_quote(texts: Sequence[str], quote: str, limit: int = 5) -> list[tuple[int, float]]:
    """The sentences a quoted excerpt most likely supports: (index, score), best first."""
    if not quote.strip():
        return []
    choices = [t.casefold() for t in texts]
    found = process.extract(quote.casefold(), choices, scorer=fuzz.partial_ratio, limit=limit)
    return [(index, round(score, 1)) for _, score, index in found if score > 0]
