"""Article text -> sentences with paragraph numbers, exact offsets and stable keys.

Boundaries come from ``sentencex`` (a maintained segmenter that returns
offsets and runs at tens of MB/s).  On top sits a small correction layer for
the wrong splits it makes in news text ("10 a.m. Friday", "Vol. 3",
"Dr. Who", "Approx. 100"); each rule is data in the tables below and is
tested case by case.  The reviewer can always join or split what is left.

Sentences partition each paragraph: the text between two cut points,
stripped of whitespace, so ``text[start:end] == sentence.text`` always holds
and only whitespace lies between sentences.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from sentencex import get_sentence_boundaries

from workbench.model import Segment

# A paragraph ends at a blank line; text without blank lines has one per line.
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

# Words that begin most sentences: after one of them a dot is a real end.
STARTERS = frozenset(
    "a an the he she it they we i you his her its their our this that these those there "
    "but and or so yet however meanwhile instead still also then now in on at by for from "
    "as if when while after before since although though".split()
)
# Never end a sentence when a name follows: "Dr. Who", "Brig. Gen. Lee".
TITLES = frozenset(
    "mr mrs ms mx dr prof sen rep gov gen brig lt col capt cpt sgt maj adm cmdr cdr rev hon "
    "pres supt insp det fr sr jr st mt ft".split()
)
# Followed by a number: "Vol. 3", "No. 10", "Jan. 29", "pp. 4-5", "Approx. 100".
BEFORE_NUMBERS = frozenset(
    "vol vols no nos fig figs p pp art sec ch chap para approx ca est ed eds op "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "10 a.m. Friday", "5 p.m. on Monday": the day, month or a lower-case word continues.
CLOCK = frozenset({"a.m.", "p.m.", "am.", "pm."})
CONTINUES_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec et est gmt utc cet pt ct mt bst".split()
)


def normalise(text: str) -> str:
    """The form a sentence is keyed by: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _digest(norm: str) -> str:
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _key(norm: str, occurrence: int) -> str:
    return f"{_digest(norm)}:{occurrence}"


def sentence_digest(text: str) -> str:
    """The hash part of a sentence's key: the same for every occurrence of the text."""
    return _digest(normalise(text))


def sentence_key(text: str, occurrence: int) -> str:
    """A key that survives edits elsewhere in the article (hash + which occurrence)."""
    return _key(normalise(text), occurrence)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph."""
    breaker = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans, pos = [], 0
    for m in breaker.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in (strip_span(text, a, b) for a, b in spans) if s[0] < s[1]]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past the whitespace at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _last_word(s: str) -> str:
    return s.rsplit(None, 1)[-1] if s.strip() else ""


def _first_word(s: str) -> str:
    parts = s.split(None, 1)
    return parts[0] if parts else ""


def wrong_split(before: str, after: str) -> bool:
    """True when sentencex cut between ``before`` and ``after`` but should not have."""
    last, first = _last_word(before), _first_word(after)
    if not last.endswith(".") or not first:
        return False
    stem = last[:-1].lstrip("(\"'“‘").casefold()
    head = first.lstrip("(\"'“‘")
    bare = head.rstrip(".,;:!?").casefold()
    if last.casefold() in CLOCK:
        return head[:1].islower() or head[:1].isdigit() or bare in CONTINUES_CLOCK
    if stem in BEFORE_NUMBERS:
        return head[:1].isdigit()
    if stem in TITLES or (len(stem) == 1 and stem.isalpha() and last[:1].isupper()):
        return head[:1].isupper() and bare not in STARTERS
    return False


def _cuts(para: str) -> list[int]:
    """End offsets of the sentences of one paragraph, corrected."""
    cuts = [
        b["end_index"] for b in get_sentence_boundaries("en", para) if not b["is_paragraph_break"]
    ]
    if not cuts or cuts[-1] != len(para):
        cuts.append(len(para))
    kept: list[int] = []
    start = 0
    for i, cut in enumerate(cuts[:-1]):
        if not wrong_split(para[start:cut], para[cut : cuts[i + 1]]):
            kept.append(cut)
            start = cut
    kept.append(len(para))
    return kept


def segment(text: str) -> list[Segment]:
    """Split an article into sentences, in order, with offsets into ``text``."""
    out: list[Segment] = []
    seen: Counter[str] = Counter()
    for number, (p_start, p_end) in enumerate(paragraphs(text), 1):
        para = text[p_start:p_end]
        start = 0
        for cut in _cuts(para):
            a, b = strip_span(para, start, cut)
            start = cut
            if a == b:
                continue
            sentence = para[a:b]
            norm = normalise(sentence)
            seen[norm] += 1
            out.append(
                Segment(
                    position=len(out) + 1,
                    paragraph=number,
                    start=p_start + a,
                    end=p_start + b,
                    text=sentence,
                    key=_key(norm, seen[norm]),
                )
            )
    return out
