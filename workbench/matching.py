"""Cross-referencing: the store finds candidates, ``xref`` scores them, the store keeps the pairs.

Kept apart from both: ``xref`` computes and never stores, and the store runs
no matching logic.  Used by the importer, the CLI and the TUI's workers.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from typing import TYPE_CHECKING

from workbench.store.crossrefs import Levels
from workbench.xref.match import (
    MatchSettings,
    Scored,
    default_settings,
    matchable,
    model,
    paragraphs,
    rank,
    rank_paragraph,
)

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.store import Store

Progress = Callable[[int, int], None]  # (done, total)


def settings_from(settings: Settings) -> MatchSettings:
    """The matcher's thresholds: the shipped model's, overridden by the settings file.

    The settings file gives them in percent (``suggest = 40``), as the screen shows them.
    They stay in order whichever are given: ``possible`` at most ``suggest``, ``strong`` at
    least ``suggest`` (``suggest = 90`` alone makes the strong threshold 90 too).
    """
    base = default_settings()
    suggest = base.suggest if settings.suggest_score is None else settings.suggest_score / 100
    possible = base.possible if settings.possible_score is None else settings.possible_score / 100
    strong = base.strong if settings.strong_score is None else settings.strong_score / 100
    return MatchSettings(
        suggest=suggest,
        strong=max(strong, suggest),
        possible=min(possible, suggest),
        min_chars=base.min_chars if settings.min_match_chars is None else settings.min_match_chars,
        min_words=base.min_words,
        candidates=base.candidates,
    )


def levels(settings: MatchSettings) -> Levels:
    """The thresholds as the store marks pairs with them (in percent)."""
    return Levels(suggest=100 * settings.suggest, strong=100 * settings.strong)


def rank_claims(
    store: Store,
    text: str,
    *,
    limit: int = 50,
    exclude_article: int | None = None,
    kind: str | None = None,
) -> list[Scored]:
    """The stored claims most like ``text`` (taken as a sentence on its own), most likely first."""
    pool = store.claim_pool(text, limit=limit, exclude_article=exclude_article, kind=kind)
    return rank(text, pool)


def rank_sentences(
    store: Store,
    sentences: list[tuple[int, int, str]],
    settings: MatchSettings,
    *,
    exclude_article: int | None = None,
    kind: str | None = None,
    progress: Progress | None = None,
) -> list[tuple[int, Scored]]:
    """Every (sentence id, match) at or above the possible threshold, for sentences given as
    (id, paragraph number, text): each scored with its paragraph as context, each stored
    claim kept on the one sentence of a paragraph it most likely matches."""
    found: list[tuple[int, Scored]] = []
    groups = paragraphs(sentences, settings)

    queries = []  # each sentence, then its paragraph if that says more
    for paragraph, members in groups:
        queries += [t for _, t in members]
        if _more(paragraph, members):
            queries.append(paragraph)
    done, total = 0, sum(len(m) for _, m in groups)
    found_for = store.claim_pools(queries, limit=settings.candidates,
                                  exclude_article=exclude_article, kind=kind)  # fmt: skip
    with closing(found_for):
        for paragraph, members in groups:
            texts = [t for _, t in members]
            pools = [next(found_for) for _ in texts]
            whole = next(found_for) if _more(paragraph, members) else None
            ranked = rank_paragraph(texts, pools, paragraph, whole)
            for (sentence_id, _), hits in zip(members, ranked, strict=True):
                found += [
                    (sentence_id, hit)
                    for hit in hits
                    # a very short stored sentence is not matched either ("Image: NASA")
                    if hit.probability >= settings.possible
                    and (hit.candidate.kind == "factcheck" or matchable(hit.text, settings))
                ]
            done += len(members)
            if progress is not None:
                progress(done, total)
    return found


def _more(paragraph: str, members: list[tuple[int, str]]) -> bool:
    """Whether a paragraph says more than its one sentence (then it is queried too)."""
    return len(members) > 1 or members[0][1] != paragraph


def match_article(
    store: Store, article_id: int, settings: MatchSettings, *, progress: Progress | None = None
) -> int:
    """Match an article's sentences against every other article and every fact-check.

    The pairs at or above the possible threshold are stored with their probability (in
    percent); the article's old suggestions go.  Returns the number of suggestions written
    (rows, a pair of sentences twice; the possible ones are not counted).
    """
    found = []
    if store.claims_indexed():  # against an empty index, there is nothing to find
        found = rank_sentences(store, store.claim_texts(article_id), settings,
                               exclude_article=article_id, progress=progress)  # fmt: skip
    pairs = [(sid, hit.candidate.kind, hit.candidate.id, 100 * hit.probability)
             for sid, hit in found]  # fmt: skip
    return store.keep_matches(article_id, pairs, levels=levels(settings), method=model().method)


def match_fact_checks(
    store: Store, first_id: int, settings: MatchSettings, *, progress: Progress | None = None
) -> int:
    """Match the fact-checks imported last (ids from ``first_id`` on) with every article.

    Each article is matched again as on its import (its sentences are the queries,
    so the probabilities are the same), and the pairs with the new fact-checks are
    kept.  Cost grows with the articles stored, not with the fact-checks imported.
    """
    pairs = []
    articles = store.live_article_ids()
    for n, article_id in enumerate(articles, 1):
        for sid, hit in rank_sentences(store, store.claim_texts(article_id), settings,
                                       exclude_article=article_id):  # fmt: skip
            if hit.candidate.kind == "factcheck" and hit.candidate.id >= first_id:
                pairs.append((sid, "factcheck", hit.candidate.id, 100 * hit.probability))
        if progress is not None:
            progress(n, len(articles))
    return store.keep_fact_check_matches(pairs, levels=levels(settings), method=model().method)


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
