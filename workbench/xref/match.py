"""Scoring candidates and keeping cross-references.

Candidates come from the FTS5 index (BM25, leaving out a long query's most
common words for speed); at most ``candidates`` of them are then scored again
with BM25 over every word of the query, and with rapidfuzz's batch functions,
never a loop over all pairs.  Two numbers come out:

- ``rank``: the order of candidates, a weighted mix of that BM25 (relative to
  the best candidate) and rapidfuzz scores.  The weights are chosen on the
  CheckThat! 2020 train split (bench/claim_retrieval.py --tune): today BM25
  alone ranks as well as any mix, so the rapidfuzz scores weigh nothing in
  the rank (see bench/README.md);
- ``similarity`` (0-100): how alike the two claims are, on an absolute scale
  (the mean of token-set and token-sort ratios).  Thresholds apply to it: a
  pair is suggested at or above ``suggest``, marked strong at or above
  ``strong``; a weak match is never shown as certain.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.xref.normalize import for_fuzz, stems, tokens
from workbench.xref.query import Candidate, Pool, Terms

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

    bm25: float = 1.0
    claim_set: float = 0.0
    both_set: float = 0.0
    claim_sort: float = 0.0
    title_set: float = 0.0


WEIGHTS = Weights()
FEATURES = ("bm25", "claim_set", "both_set", "claim_sort", "title_set")


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    rank: float
    similarity: float
    text: str


K1, B = 1.2, 0.75  # Okapi BM25's usual constants (FTS5 uses the same)


def bm25(terms: Terms, docs: Sequence[Sequence[str]]) -> list[float]:
    """Okapi BM25 of each document (a list of stems) for every term of the query.

    Document lengths are taken relative to these documents' mean: the measure
    then needs nothing but the index's document frequencies, and it ranks the
    CheckThat! set as well as the corpus-wide mean does (bench/README.md).
    """
    query = set(terms.stems)
    idf = {
        t: math.log((terms.total - n + 0.5) / (n + 0.5) + 1)
        for t in query
        for n in [min(terms.df.get(t, 0), terms.total)]
    }
    mean = sum(len(d) for d in docs) / len(docs) if docs else 0.0
    scores = []
    for doc in docs:
        norm = K1 * (1 - B + B * len(doc) / mean) if mean else K1
        counts = Counter(t for t in doc if t in query)
        scores.append(sum(idf[t] * n * (K1 + 1) / (n + norm) for t, n in counts.items()))
    return scores


def _batch(query: str, choices: list[str], scorer: object) -> list[float]:
    scores = [0.0] * len(choices)
    for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
        scores[index] = score
    return scores


def features(query: str, terms: Terms, texts: Sequence[tuple[str, str]]) -> list[tuple[float, ...]]:
    """Per candidate: BM25 relative to the best and rapidfuzz scores (0-100), as ``FEATURES``."""
    q = for_fuzz(query)
    words = [(tokens(claim), tokens(title)) for claim, title in texts]
    claims = [" ".join(c) for c, _ in words]
    titles = [" ".join(t) for _, t in words]
    both = [f"{c} {t}".strip() for c, t in zip(claims, titles, strict=True)]
    relevance = bm25(terms, [[s for s in stems(c + t) if s] for c, t in words])
    best = max(relevance, default=0.0) or 1.0
    claim_set = _batch(q, claims, fuzz.token_set_ratio)
    both_set = _batch(q, both, fuzz.token_set_ratio)
    claim_sort = _batch(q, claims, fuzz.token_sort_ratio)
    title_set = _batch(q, titles, fuzz.token_set_ratio)
    return [
        (100 * relevance[i] / best, claim_set[i], both_set[i], claim_sort[i], title_set[i])
        for i in range(len(texts))
    ]


def combine(f: tuple[float, ...], w: Weights = WEIGHTS) -> float:
    return (
        w.bm25 * f[0] + w.claim_set * f[1] + w.both_set * f[2] + w.claim_sort * f[3]
        + w.title_set * f[4]
    )  # fmt: skip


def rank(text: str, pool: Pool, weights: Weights = WEIGHTS) -> list[Scored]:
    """The pool's candidates most like ``text``, best first."""
    if not pool.candidates:
        return []
    pairs = [pool.texts[c.kind, c.id] for c in pool.candidates]
    scored = [
        Scored(c, combine(f, weights), (f[1] + f[3]) / 2, pair[0])
        for c, f, pair in zip(pool.candidates, features(text, pool.terms, pairs), pairs,
                              strict=True)
    ]  # fmt: skip
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
