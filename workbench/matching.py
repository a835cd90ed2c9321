"""Cross-referencing: the store finds candidates, ``xref`` scores them, the store keeps the pairs.

Kept apart from both: ``xref`` computes and never stores, and the store runs
no matching logic.  Used by the importer, the CLI and the TUI's workers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.xref.match import METHOD, WEIGHTS, MatchSettings, Scored, Weights, matchable, rank

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.store import Store

Progress = Callable[[int, int], None]  # (done, total)


def settings_from(settings: Settings) -> MatchSettings:
    """The matcher's thresholds: the measured defaults, overridden by the settings file."""
    base = MatchSettings()
    return MatchSettings(
        suggest=base.suggest if settings.suggest_score is None else settings.suggest_score,
        strong=base.strong if settings.strong_score is None else settings.strong_score,
        min_chars=base.min_chars if settings.min_match_chars is None else settings.min_match_chars,
        min_words=base.min_words,
        candidates=base.candidates,
    )


def rank_claims(
    store: Store,
    text: str,
    *,
    limit: int = 50,
    exclude_article: int | None = None,
    kind: str | None = None,
    weights: Weights = WEIGHTS,
) -> list[Scored]:
    """The stored claims most like ``text``, best first."""
    pool = store.claim_pool(text, limit=limit, exclude_article=exclude_article, kind=kind)
    return rank(text, pool, weights)


def match_article(
    store: Store, article_id: int, settings: MatchSettings, *, progress: Progress | None = None
) -> int:
    """Match an article's sentences against every other article and every fact-check.

    The article's sentences are (re)indexed after matching, so a fresh import
    never meets itself.  Returns the number of cross-reference rows written.
    """
    sentences = store.claim_texts(article_id)
    pairs: list[tuple[int, str, int, float]] = []
    for done, (sentence_id, text) in enumerate(sentences, 1):
        if matchable(text, settings):
            for hit in rank_claims(store, text, limit=settings.candidates,
                                   exclude_article=article_id):  # fmt: skip
                if hit.similarity >= settings.suggest:
                    pairs.append(
                        (sentence_id, hit.candidate.kind, hit.candidate.id, hit.similarity)
                    )
        if progress is not None:
            progress(done, len(sentences))
    return store.keep_matches(article_id, pairs, strong=settings.strong, method=METHOD)


def match_fact_checks(store: Store, ids: list[int], settings: MatchSettings) -> int:
    """Match newly imported fact-checks against every stored sentence."""
    pairs = []
    for fid, claim in store.fact_check_claims(ids):
        for hit in rank_claims(store, claim, limit=settings.candidates, kind="sentence"):
            if hit.similarity >= settings.suggest and matchable(hit.text, settings):
                pairs.append((hit.candidate.id, "factcheck", fid, hit.similarity))
    return store.keep_fact_check_matches(ids, pairs, strong=settings.strong, method=METHOD)


def rebuild(store: Store, settings: MatchSettings, progress: Progress | None = None) -> int:
    """Re-index everything and recompute every article's cross-references."""
    store.reindex_claims()
    ids = store.live_article_ids()
    written = 0
    for n, article_id in enumerate(ids, 1):
        written += match_article(store, article_id, settings)
        if progress is not None:
            progress(n, len(ids))
    return written
