"""Cross-references, computed: normalising claims, scoring candidates, thresholds.

Pure: no SQL and no storing.  The store finds candidates in its FTS5 claim
index (``store.claims``); ``match.rank`` scores them (BM25 and rapidfuzz);
``workbench.matching`` runs the two and has the store keep the pairs.  See
bench/README.md for how the scores and thresholds were measured.
"""

from __future__ import annotations

from workbench.xref.match import MatchSettings, match_quote, rank

__all__ = ["MatchSettings", "match_quote", "rank"]
