"""What the review screen knows of every sentence of a long article without reading it.

Per sentence, in text order: its review's version and one byte of its verdict and flag
(``Store.review_marks``).  Filters and "next unreviewed" work from it (a translation
and a ``compress`` over the bytes: a few milliseconds at 100,000 sentences), and a
second reading tells which reviews changed elsewhere.  The screen keeps it in step with
its own changes (``note``).  No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

from workbench.model import Sentence
from workbench.store.queries import FLAGGED_MARK, MARK_OF

VERDICT_BITS = 3  # the mark's low bits: the verdict (MARK_OF)


def _table(keeps: Callable[[int], object]) -> bytes:
    return bytes(int(bool(keeps(mark))) for mark in range(256))


# For each filter, a translation of marks to 1 (listed) or 0.
KEEPS = {
    "unreviewed": _table(lambda m: m & VERDICT_BITS == 0),
    "verified": _table(lambda m: m & VERDICT_BITS == MARK_OF["verified"]),
    "disputed": _table(lambda m: m & VERDICT_BITS == MARK_OF["disputed"]),
    "opinion": _table(lambda m: m & VERDICT_BITS == MARK_OF["opinion"]),
    "flagged": _table(lambda m: m & FLAGGED_MARK),
}


def mark_of(s: Sentence) -> int:
    return MARK_OF[s.verdict.value if s.verdict else None] + (FLAGGED_MARK if s.flagged else 0)


class Outline:
    """Every sentence's review version and mark, in text order."""

    def __init__(self, versions: list[int], marks: bytes) -> None:
        self.versions = versions
        self.marks = bytearray(marks)

    def __len__(self) -> int:
        return len(self.marks)

    def kept(self, filter_name: str, *, unreviewed: bool = False) -> bytes | None:
        """One byte a sentence, 1 where the filter (and, if asked, "no verdict") keeps it;
        None when it keeps every sentence."""
        marks = bytes(self.marks)
        mask = None if filter_name == "all" else marks.translate(KEEPS[filter_name])
        if unreviewed:
            open_ = marks.translate(KEEPS["unreviewed"])
            mask = open_ if mask is None else both(mask, open_)
        return mask

    def note(self, index: int, sentence: Sentence) -> None:
        """The screen changed this sentence itself: not a change from elsewhere."""
        if 0 <= index < len(self.marks):
            self.marks[index] = mark_of(sentence)
            self.versions[index] = sentence.version or 0

    def changed_since(self, earlier: Outline) -> list[int]:
        """Where a review differs from ``earlier`` (changed, or put back by an undo)."""
        if self.versions == earlier.versions or len(self.versions) != len(earlier.versions):
            return []  # the same; or sentences were added or removed: nothing to compare
        pairs = zip(self.versions, earlier.versions, strict=True)
        return [i for i, (a, b) in enumerate(pairs) if a != b]


def both(a: bytes, b: bytes) -> bytes:
    """Where two masks of 0 and 1 bytes are both 1 (as one big integer: at C speed)."""
    n = min(len(a), len(b))
    return (int.from_bytes(a[:n], "big") & int.from_bytes(b[:n], "big")).to_bytes(n, "big")


def indexes(mask: bytes) -> list[int]:
    """Where a mask of 0 and 1 bytes is 1."""
    return list(compress(range(len(mask)), mask))
