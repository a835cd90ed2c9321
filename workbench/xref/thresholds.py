"""What decides whether a match is shown, and how: the thresholds, and which texts are
matched at all.  Apart from the scoring (``match``, with rapidfuzz): the screens need
these, and a screen opens without loading the matcher."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.xref.terms import tokens


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds on the match probability (0-1) and limits; the settings file can override.

    From ``possible`` a match is listed with the sentence's matches, from ``suggest`` it is
    also marked on the sentence (≈), from ``strong`` marked as sure as a confirmed one (≡).
    """

    suggest: float = 0.5
    strong: float = 0.9
    possible: float = 0.5
    min_chars: int = 25
    min_words: int = 4
    candidates: int = 30


CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today yesterday".split()
)


def matchable(text: str, settings: MatchSettings) -> bool:
    """Very short sentences ("He left.") match everything and nothing: they are skipped, as
    are lines that hold little but a date ("Thursday, February 23, 2006")."""
    if len(text) < settings.min_chars:
        return False
    words = [w for w in tokens(text) if not w.isdigit() and w not in CALENDAR]
    return len(words) >= settings.min_words
