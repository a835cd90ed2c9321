"""Cross-references: fuzzy matching of claims across articles and known fact-checks.

FTS5 (BM25) narrows the candidates, rapidfuzz scores them; see ``match`` for
the scores and thresholds and bench/README.md for how they were measured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.xref.crossrefs import match_article, match_fact_checks, rebuild
from workbench.xref.match import MatchSettings, match_quote, rank_claims

if TYPE_CHECKING:
    from workbench.config import Settings

__all__ = [
    "MatchSettings",
    "match_article",
    "match_fact_checks",
    "match_quote",
    "rank_claims",
    "rebuild",
    "settings_from",
]


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
