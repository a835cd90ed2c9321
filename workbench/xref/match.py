"""Scoring candidates: the probability that two texts state the same claim.

Candidates come from the store's FTS5 index (BM25; ``store.claims``).  Each
is described by a few numbers the matcher has at hand (``FEATURES``): BM25
against the query's own score and against the best candidate, rapidfuzz
ratios over the content words, idf-weighted coverage both ways, shared and
conflicting numbers, shared names, the length ratio.  A logistic model learned
on the CheckThat! 2020 train split (``bench/fit_match.py``; the weights ship
in ``match_model.json``; nothing is trained at run time) turns them into a
match probability.  That one number orders the matches everywhere they are
shown and decides what is suggested (``suggest``) and what is strong
(``strong``); bench/README.md has its calibration and how the thresholds were
chosen.  Rapidfuzz scores a whole pool in one batch call per ratio.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from workbench.xref.query import Candidate, Pool, Stemmer, Terms
from workbench.xref.terms import clean, for_fuzz, tokens
from workbench.xref.thresholds import MatchSettings, matchable

SENTENCE_FEATURES = (
    "bias", "bm25_self", "bm25_best", "first", "claim_set", "claim_sort", "claim_partial",
    "title_set", "cover_query", "cover_claim", "cover_both", "numbers_shared",
    "numbers_conflict", "numbers_missing", "names_shared", "length_ratio",
)  # fmt: skip
# Measures of the sentence's paragraph (a tweet, a quote, a news paragraph): a claim is
# often stated across two sentences, or named in one and detailed in the next.  Only those
# that a long paragraph can't inflate: BM25 against the paragraph's own score, and the share
# of the paragraph's words the candidate holds (not the share of the candidate's words found
# somewhere in a long paragraph, nor a set ratio).
CONTEXT = ("bm25_self", "bm25_best", "cover_query")
FEATURES = SENTENCE_FEATURES + tuple(f"paragraph_{name}" for name in CONTEXT)
_CONTEXT_AT = tuple(SENTENCE_FEATURES.index(name) for name in CONTEXT)


@dataclass(frozen=True)
class Model:
    """A logistic model over ``FEATURES``, calibrated (Platt): the weights and thresholds."""

    weights: tuple[float, ...]
    method: str
    suggest: float
    strong: float
    scale: float = 1.0
    shift: float = 0.0
    possible: float = 1.0

    def probability(self, vector: Sequence[float]) -> float:
        if len(vector) != len(self.weights):
            raise ValueError(f"{len(vector)} features for {len(self.weights)} weights")
        z = sum(map(operator.mul, self.weights, vector))
        z = self.scale * max(-30.0, min(30.0, z)) + self.shift
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    """The shipped model (``match_model.json``, written by bench/fit_match.py)."""
    data = json.loads(files("workbench.xref").joinpath("match_model.json").read_text("utf-8"))
    weights = tuple(float(data["weights"][name]) for name in FEATURES)
    calibration = data.get("calibration", {})
    return Model(
        weights,
        str(data["method"]),
        float(data["suggest"]),
        float(data["strong"]),
        float(calibration.get("scale", 1.0)),
        float(calibration.get("shift", 0.0)),
        float(data.get("possible", data["suggest"])),
    )


def default_settings() -> MatchSettings:
    """The thresholds chosen with the shipped model."""
    m = model()
    return MatchSettings(suggest=m.suggest, strong=m.strong, possible=m.possible)


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    probability: float  # 0-1: how likely the two state the same claim
    text: str


K1, B = 1.2, 0.75  # Okapi BM25's usual constants (FTS5 uses the same)


def idf(terms: Terms, stem: str) -> float:
    known = terms.idf.get(stem)
    if known is None:
        n = min(terms.df.get(stem, 0), terms.total)
        known = terms.idf[stem] = math.log((terms.total - n + 0.5) / (n + 0.5) + 1)
    return known


def bm25(terms: Terms, docs: Sequence[Sequence[str]], mean: float | None = None) -> list[float]:
    """Okapi BM25 of each document (a list of stems) for every term of the query.

    Document lengths are taken relative to ``mean`` (by default these
    documents' mean): the measure then needs nothing but the index's document
    frequencies.
    """
    query = set(terms.stems)
    weight = {t: idf(terms, t) for t in query}
    if mean is None:
        mean = sum(len(d) for d in docs) / len(docs) if docs else 0.0
    scores = []
    for doc in docs:
        norm = K1 * (1 - B + B * len(doc) / mean) if mean else K1
        counts = Counter(t for t in doc if t in query)
        scores.append(sum(weight[t] * n * (K1 + 1) / (n + norm) for t, n in counts.items()))
    return scores


def _batch(query: str, choices: list[str], scorer: Any) -> list[float]:
    scores = [0.0] * len(choices)
    for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
        scores[index] = score / 100
    return scores


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")


@lru_cache(maxsize=50_000)
def numbers(text: str) -> frozenset[str]:
    """The numbers in a text, without thousands separators ("1,000" and "1000" agree)."""
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(clean(text)))


def names(text: str) -> set[str]:
    """Capitalised words other than a sentence's first (lower-cased, accents as the index)."""
    found = set()
    for sentence in re.split(r"(?<=[.!?])\s+", clean(text)):
        for match in _NAME.finditer(sentence):
            if match.start() > 0:
                found.update(tokens(match.group(0)))
    return found


@dataclass(frozen=True)
class Described:
    """What scoring needs of a stored claim (claim, title), computed once per text."""

    claim_words: tuple[str, ...]
    claim_text: str  # content words, as rapidfuzz compares them
    title_text: str
    words: frozenset[str]  # of claim and title
    claim_stems: tuple[str, ...]
    stems: tuple[str, ...]  # of claim and title: the BM25 document
    numbers: frozenset[str]
    # The same stems, as scoring reads them: the claim's as a set (iterated in the order a
    # set made of ``claim_stems`` has), all of them as a set, and each with its count, in
    # the order they first occur.
    claim_set: frozenset[str]
    stem_set: frozenset[str]
    counts: tuple[tuple[str, int], ...]


# Stored claims described so far, by (claim, title, stemmer): a stored claim is a
# candidate for many queries in a row.  Past the limit, the memory starts afresh.
_DESCRIBED: dict[tuple[str, str, Stemmer], Described] = {}
DESCRIBED_LIMIT = 50_000


def described(texts: Sequence[tuple[str, str]], stemmer: Stemmer) -> list[Described]:
    """Each stored claim (claim, title) described: its words and numbers, stemmed by
    ``stemmer`` (the query's: ``Terms``); the words of those not described before are
    stemmed in one call."""
    out: dict[tuple[str, str], Described] = {}
    new = []
    for claim, title in dict.fromkeys(texts):
        known = _DESCRIBED.get((claim, title, stemmer))
        if known is None:
            new.append((claim, title))
        else:
            out[claim, title] = known
    if new:
        words = [(tokens(claim), tokens(title)) for claim, title in new]
        stems = iter(stemmer([w for cw, tw in words for w in (*cw, *tw)]))
        for (claim, title), (cw, tw) in zip(new, words, strict=True):
            cs = [next(stems) for _ in cw]
            ts = [next(stems) for _ in tw]
            claim_stems = tuple(s for s in cs if s)
            all_stems = tuple(s for s in cs + ts if s)
            out[claim, title] = Described(
                tuple(cw),
                " ".join(cw),
                " ".join(tw),
                frozenset(cw) | frozenset(tw),
                claim_stems,
                all_stems,
                frozenset(numbers(f"{claim} {title}")),
                frozenset(claim_stems),
                frozenset(all_stems),
                tuple(Counter(all_stems).items()),
            )
        if len(_DESCRIBED) + len(new) > DESCRIBED_LIMIT:
            _DESCRIBED.clear()
        _DESCRIBED.update(((claim, title, stemmer), out[claim, title]) for claim, title in new)
    return [out[text] for text in texts]


def _relevance(c: Described, weight: dict[str, float], query: set[str], mean: float) -> float:
    """``bm25`` of a described claim: the same sum, in the same order (its stems' first
    occurrences)."""
    norm = K1 * (1 - B + B * len(c.stems) / mean) if mean else K1
    return sum(weight[t] * n * (K1 + 1) / (n + norm) for t, n in c.counts if t in query)


def features(
    query: str,
    terms: Terms,
    texts: Sequence[tuple[str, str]],
    kinds: Sequence[str] | None = None,
    *,
    context: bool = False,
) -> list[tuple[float, ...]]:
    """For each candidate (claim, title): the numbers ``SENTENCE_FEATURES`` names, all in
    [0, 1] or so; with ``context``, only those ``CONTEXT`` names, in its order (all that is
    taken of a paragraph: its rapidfuzz ratios, made and never used, were half the time of
    matching a news article).

    ``kinds``: each candidate's kind ("sentence", "factcheck"); BM25 against the best
    candidate (and whether it is the best) is then taken within its kind.  The model
    learned them among fact-checks alone: a sentence of another article that says the
    same must not make the fact-check that checked it look less likely.

    Document frequencies come from ``terms.df``: the store fills it for the query's
    stems and the candidates' claims' (``Store.claim_pool``).

    BM25 sums a candidate's stems in the order they first occur in it; coverage sums a set
    of stems in that set's order, which follows Python's string hashing: the last bit of
    a probability may differ from one process to the next.
    """
    if not texts:
        return []
    cands = described(texts, terms.stemmer)
    weight = terms.idf  # of the query's stems and of the claims' (never needed: the titles')
    for stem in terms.stems:
        if stem not in weight:
            idf(terms, stem)
    mean = sum(len(c.stems) for c in cands) / len(cands)
    query_stems = set(terms.stems)
    relevance = [_relevance(c, weight, query_stems, mean) for c in cands]
    own = bm25(terms, [terms.stems], mean)[0] or 1.0
    if kinds is None:
        best = [max(relevance) or 1.0] * len(cands)
    else:
        top: dict[str, float] = {}
        for kind, r in zip(kinds, relevance, strict=True):
            top[kind] = max(top.get(kind, 0.0), r)
        best = [top[kind] or 1.0 for kind in kinds]
    # Coverage: the idf-weighted share of one side's distinct stems found in the other's,
    # each sum taken over a set made from the stems, in the order that set has.
    q_total = sum(weight[s] for s in query_stems)

    def cover_query(c: Described) -> float:
        held = c.stem_set
        return sum(weight[s] for s in query_stems if s in held) / q_total if q_total else 0.0

    if context:  # bm25_self, bm25_best, cover_query: ``CONTEXT``, in its order
        return [
            (min(r / own, 2.0), r / b, cover_query(c))
            for c, r, b in zip(cands, relevance, best, strict=True)
        ]
    for c in cands:
        for stem in c.claim_set:
            if stem not in weight:
                idf(terms, stem)
    q = for_fuzz(query)
    q_words = tokens(query)
    claims = [c.claim_text for c in cands]
    claim_set = _batch(q, claims, fuzz.token_set_ratio)
    claim_sort = _batch(q, claims, fuzz.token_sort_ratio)
    claim_partial = _batch(q, claims, fuzz.partial_ratio)
    title_set = _batch(q, [c.title_text for c in cands], fuzz.token_set_ratio)
    q_numbers, q_names = numbers(query), names(query)
    n_q = len(q_words)
    out: list[tuple[float, ...]] = []
    for i, c in enumerate(cands):
        shared = len(q_numbers & c.numbers) / len(q_numbers) if q_numbers else 0.0
        conflict = float(bool(q_numbers and c.numbers and not q_numbers & c.numbers))
        missing = float(bool(q_numbers and not c.numbers))
        named = len(q_names & c.words) / len(q_names) if q_names else 0.0
        n_c = len(c.claim_words)
        covered = cover_query(c)
        c_total = sum(weight[s] for s in c.claim_set)
        cover_claim = (
            sum(weight[s] for s in c.claim_set if s in query_stems) / c_total if c_total else 0.0
        )
        out.append((
            1.0,
            min(relevance[i] / own, 2.0),
            relevance[i] / best[i],
            float(relevance[i] == best[i]),
            claim_set[i],
            claim_sort[i],
            claim_partial[i],
            title_set[i],
            covered,
            cover_claim,
            min(covered, cover_claim),  # the same claim: most words shared both ways
            shared,
            conflict,
            missing,
            named,
            min(n_q, n_c) / max(n_q, n_c) if n_q and n_c else 0.0,
        ))  # fmt: skip
    return out


def in_context(
    sentences: Sequence[str], pools: Sequence[Pool], paragraph: str, whole: Pool | None
) -> list[list[tuple[Candidate, tuple[float, ...]]]]:
    """For each sentence of a paragraph: its candidates and theirs in the paragraph's
    pool, each with ``FEATURES`` (the sentence's own measures, then the paragraph's).

    ``whole`` is the paragraph's pool; None when the paragraph is the sentence alone
    (its measures are then the sentence's).
    """
    out = []
    for text, pool in zip(sentences, pools, strict=True):
        candidates = list(pool.candidates)
        texts = dict(pool.texts)
        if whole is not None:
            seen = {(c.kind, c.id) for c in candidates}
            candidates += [c for c in whole.candidates if (c.kind, c.id) not in seen]
            texts.update(whole.texts)
        pairs = [texts[c.kind, c.id] for c in candidates]
        kinds = [c.kind for c in candidates]
        own = features(text, pool.terms, pairs, kinds)
        around = (
            [tuple(f[i] for i in _CONTEXT_AT) for f in own]
            if whole is None
            else features(paragraph, whole.terms, pairs, kinds, context=True)
        )
        out.append([(c, f + g) for c, f, g in zip(candidates, own, around, strict=True)])
    return out


Key = TypeVar("Key")


def paragraphs(
    sentences: Iterable[tuple[Key, int, str]], settings: MatchSettings
) -> list[tuple[str, list[tuple[Key, str]]]]:
    """Sentences (key, paragraph number, text) grouped as matching queries them: each
    paragraph's text (every sentence of it, short ones too) with the sentences long enough
    to match.  A paragraph with none of those is left out."""
    grouped: dict[int, list[tuple[Key, str]]] = {}
    for key, number, text in sentences:
        grouped.setdefault(number, []).append((key, text))
    out = []
    for members in grouped.values():
        queried = [(k, t) for k, t in members if matchable(t, settings)]
        if queried:
            out.append((" ".join(t for _, t in members), queried))
    return out


CONTESTED = 0.5  # a claim two sentences both score above this (a probability) is contested
NEAR = 0.10  # within this of the best, a sentence is as likely to the matcher


def rank_paragraph(
    sentences: Sequence[str],
    pools: Sequence[Pool],
    paragraph: str,
    whole: Pool | None,
    scorer: Model | None = None,
) -> list[list[Scored]]:
    """Each sentence's matches with their probability, most likely first.

    A stored claim is kept on the one sentence of the paragraph it most likely
    matches, never on all of them.
    """
    scorer = scorer or model()
    described = in_context(sentences, pools, paragraph, whole)
    texts: dict[tuple[str, int], str] = {}
    for pool in [*pools, *([whole] if whole else [])]:
        texts.update({key: claim for key, (claim, _title) in pool.texts.items()})
    scored = [
        [Scored(c, scorer.probability(f), texts[c.kind, c.id]) for c, f in rows]
        for rows in described
    ]
    best: dict[tuple[str, int], tuple[float, int]] = {}
    likely: dict[tuple[str, int], list[tuple[float, int]]] = {}  # (probability, sentence)
    for i, rows in enumerate(scored):
        for s in rows:
            key = (s.candidate.kind, s.candidate.id)
            if key not in best or s.probability > best[key][0]:
                best[key] = (s.probability, i)
            if s.probability > CONTESTED:
                likely.setdefault(key, []).append((s.probability, i))
    for key, seen in likely.items():
        # Scored in the paragraph's context, a sentence next to the one that matches a
        # claim can score as high as it: of those within a few points of the best, the
        # claim goes to the one whose own words are most like it.
        near = [(p, i) for p, i in seen if p >= best[key][0] - NEAR]
        if len(near) > 1:
            claim = for_fuzz(texts[key])
            best[key] = max(
                near, key=lambda n: (fuzz.token_set_ratio(for_fuzz(sentences[n[1]]), claim), -n[1])
            )
    return [
        # Ties go to the lower id: deterministic, and no better for any particular claim.
        sorted(
            (s for s in rows if best[s.candidate.kind, s.candidate.id][1] == i),
            key=lambda s: (-s.probability, s.candidate.kind, s.candidate.id),
        )
        for i, rows in enumerate(scored)
    ]


def rank(text: str, pool: Pool, scorer: Model | None = None) -> list[Scored]:
    """A text's candidates (a sentence on its own) with their probability, most likely first."""
    return rank_paragraph([text], [pool], text, None, scorer)[0]


def match_quote(texts: Sequence[str], quote: str, limit: int = 5) -> list[tuple[int, float]]:
    """The sentences a quoted excerpt most likely supports: (index, score), best first."""
    if not quote.strip():
        return []
    choices = [t.casefold() for t in texts]
    found = process.extract(quote.casefold(), choices, scorer=fuzz.partial_ratio, limit=limit)
    return [(index, round(score, 1)) for _, score, index in found if score > 0]
