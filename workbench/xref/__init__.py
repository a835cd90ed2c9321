"""Cross-references, computed: normalising claims, scoring candidates, thresholds.

Pure: no SQL and no storing.  The store finds candidates in its FTS5 claim
index (``store.claims``); ``match.rank`` scores them (BM25 and rapidfuzz);
``workbench.matching`` runs the two and has the store keep the pairs.  See
bench/README.md for how the scores and thresholds were measured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.xref.thresholds import MatchSettings

if TYPE_CHECKING:
    from workbench.xref.match import match_quote, rank

__all__ = ["MatchSettings", "match_quote", "rank"]


def __getattr__(name: str) -> Any:
    """``match_quote`` and ``rank`` load the matcher (rapidfuzz) when first asked for: the
    review screen opens without it."""
    if name in ("match_quote", "rank"):
        from workbench.xref import match

        return getattr(match, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
