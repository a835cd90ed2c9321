"""What a claim query is made of, and what it finds: plain data, computed without SQL.

The store builds a ``Pool`` for a text (its terms with their document
frequencies in the claim index, and the candidates FTS5 found); ``match``
scores it.  Stems are the claim index's own, which only SQLite's tokenizer
gives: the store hands its stemmer over with the terms, and the candidates are
stemmed by it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Words to their stems, as the claim index has them (``store.tokens.stem_words``).
Stemmer = Callable[[Iterable[str]], list[str]]

# A term in more than this share of the stored claims is left out of a query (if
# at least MIN_TERMS rarer ones remain): scoring BM25 costs time for every
# document a term hits, and a term that common tells little.
COMMON_SHARE = 0.005
COMMON_FLOOR = 500  # in a small corpus no term counts as common below this many
MIN_TERMS = 4


@dataclass(frozen=True)
class Terms:
    """A query's content words and stems, with how many stored claims hold each stem, and
    the stemmer that gave the stems (the candidates are stemmed by the same)."""

    words: list[str]
    stems: list[str]
    total: int  # stored claims
    df: dict[str, int]
    idf: dict[str, float] = field(default_factory=dict)  # computed on demand, shared by queries
    stemmer: Stemmer = field(kw_only=True)

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


@dataclass(frozen=True)
class Pool:
    """A query's terms and the live candidates found for it, with their (claim, title)."""

    terms: Terms
    candidates: list[Candidate] = field(default_factory=list)
    texts: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
