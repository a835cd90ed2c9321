"""A re-import keeps the reviewer's joins and splits where the text they cut is unchanged.

An article's stored sentences are the segmenter's, as the reviewer corrected them.
Segmenting the old text again shows the corrections: stretches that the segmenter
cuts one way and the stored sentences another.  Each such stretch is looked for in
the new text where the segmenter's old sentences went (in order, as ``align``
pairs unchanged sentences), with the same characters, next to an unchanged
neighbour or found once in each text; found, the new text is cut there as the
reviewer cut it.  A correction whose text was edited, or whose neighbours both were
while its text is found more than once, is not carried: the segmenter's cuts stand
there and the re-import reports what it could not keep.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.align import unchanged
from workbench.model import Segment
from workbench.segment import from_spans, segment

Span = tuple[int, int]


def corrections(stored: Sequence[Span], segmented: Sequence[Span]) -> Iterator[tuple[Span, Span]]:
    """Where two cuttings of one text differ: for each stretch cut otherwise, the first
    and last index of its stored sentences and of its segmented ones.  Both lists are
    (start, end) in order, each sentence stripped of whitespace, so that a stretch ends
    where a sentence of each ends at the same offset."""
    i = j = 0
    while i < len(stored) and j < len(segmented):
        if stored[i][0] != segmented[j][0]:  # out of step (not stripped alike): skip on
            if stored[i][1] <= segmented[j][1]:
                i += 1
            else:
                j += 1
            continue
        i2, j2 = i, j
        while stored[i2][1] != segmented[j2][1]:
            if stored[i2][1] < segmented[j2][1]:
                i2 += 1
            else:
                j2 += 1
            if i2 == len(stored) or j2 == len(segmented):
                return
        if i2 > i or j2 > j:
            yield (i, i2), (j, j2)
        i, j = i2 + 1, j2 + 1


@dataclass(frozen=True)
class Recut:
    """The new text's sentences with the corrections carried (None: ``new`` stands as it
    is), and how many corrections could not be carried."""

    segments: list[Segment] | None
    lost: int


def recut(old_text: str, stored: Sequence[Span], new_text: str, new: Sequence[Segment]) -> Recut:
    """The new text's sentences with the reviewer's corrections carried over, keyed as
    ``segment`` keys them."""
    ours = segment(old_text)
    found = list(corrections(stored, [(s.start, s.end) for s in ours]))
    if not found:
        return Recut(None, 0)
    finder = _Finder(ours, new)
    carried: dict[int, tuple[int, list[Span]]] = {}  # new index -> (last index, spans)
    taken: set[int] = set()  # the new sentences these replace
    for (i, i2), (j, j2) in found:
        p = finder.where(j, j2)
        edited = p is None and j == j2 and (p := finder.replaced(j)) is not None
        if p is None:
            continue
        q = p + j2 - j
        if any(k in taken for k in range(p, q + 1)):
            continue  # (where another stretch went: one of the two is a guess)
        old_part = old_text[ours[j].start : ours[j2].end]
        new_part = new_text[new[p].start : new[q].end]
        parts = [(a - ours[j].start, b - ours[j].start) for a, b in stored[i : i2 + 1]]
        pieces = (_split_edited if edited else _moved_over)(old_part, new_part, parts)
        if pieces is None:
            continue
        placed = [(a + new[p].start, b + new[p].start) for a, b in pieces]
        if not _within_paragraphs(placed, new[p : q + 1]):
            continue  # (a join that the new text's paragraphs now part)
        carried[p] = (q, placed)
        taken.update(range(p, q + 1))
    lost = len(found) - len(carried)
    if not carried:
        return Recut(None, lost)
    spans: list[tuple[int, int, int]] = []
    p = 0
    while p < len(new):
        if p not in carried:
            spans.append((new[p].start, new[p].end, new[p].paragraph))
            p += 1
            continue
        q, pieces = carried[p]
        starts = [s.start for s in new[p : q + 1]]
        spans += [(a, b, new[p + bisect_right(starts, a) - 1].paragraph) for a, b in pieces]
        p = q + 1
    return Recut(from_spans(new_text, spans), lost)


def _plain(text: str) -> str:
    """A sentence as compared: its words, single-spaced (a re-wrapped line is the same)."""
    return " ".join(text.split())


class _Finder:
    """Where a stretch of the segmenter's old sentences is in the new text."""

    def __init__(self, old: Sequence[Segment], new: Sequence[Segment]) -> None:
        self.old = [_plain(s.text) for s in old]
        self.new = [_plain(s.text) for s in new]
        self.went = unchanged(self.old, self.new)
        self.in_old, self.in_new = Counter(self.old), Counter(self.new)
        self.at_new = {t: j for j, t in enumerate(self.new) if self.in_new[t] == 1}

    def where(self, j: int, j2: int) -> int | None:
        """The index in the new text of old sentences ``j``-``j2``, when they are there in
        order: where the unchanged sentences went, with an unchanged neighbour (or the
        text's start or end); else where one of them, found once in each text, is."""
        p = self.went.get(j)
        if p is not None and self._same(j, j2, p):
            q = p + j2 - j
            if self._beside(j - 1, p - 1) or self._beside(j2 + 1, q + 1):
                return p
        for k in range(j, j2 + 1):
            text = self.old[k]
            if self.in_old[text] == 1 and text in self.at_new:
                p = self.at_new[text] - (k - j)
                return p if p >= 0 and self._same(j, j2, p) else None
        return None

    def replaced(self, j: int) -> int | None:
        """The index in the new text of old sentence ``j`` edited in place: one sentence
        between the same unchanged neighbours (or the text's start or end)."""
        before = self.went.get(j - 1) if j > 0 else -1
        after = self.went.get(j + 1) if j + 1 < len(self.old) else len(self.new)
        return None if before is None or after is None or after - before != 2 else before + 1

    def _same(self, j: int, j2: int, p: int) -> bool:
        return self.new[p : p + j2 - j + 1] == self.old[j : j2 + 1]

    def _beside(self, j: int, p: int) -> bool:
        """Unchanged next to the stretch: a sentence, or the start or end of both texts."""
        if j in (-1, len(self.old)) or p in (-1, len(self.new)):
            return (j, p) in ((-1, -1), (len(self.old), len(self.new)))
        return self.went.get(j) == p


def _letters(text: str) -> list[int]:
    """Where ``text``'s characters that are not spaces are (the n-th of them, by n)."""
    return [i for i, c in enumerate(text) if not c.isspace()]


def _moved_over(old: str, new: str, spans: list[Span]) -> list[Span] | None:
    """``spans`` of the stretch ``old``, at the same words of the stretch ``new`` (the two
    differ in their whitespace alone, else None)."""
    if old == new:
        return spans
    if old.split() != new.split():
        return None
    # the n-th character that is not a space is the same in both
    old_at, new_at = _letters(old), _letters(new)
    rank = {i: n for n, i in enumerate(old_at)}
    return [(new_at[rank[a]], new_at[rank[b - 1]] + 1) for a, b in spans]


def _split_edited(old: str, new: str, spans: list[Span]) -> list[Span] | None:
    """``spans`` (the parts of a split sentence ``old``) in ``new``, the sentence edited:
    each cut goes where the characters before it, or those after it, are unchanged (its
    spaces aside); None when a cut has edits on both sides, or leaves a part empty."""
    old_at, new_at = _letters(old), _letters(new)
    old_chars, new_chars = "".join(old[i] for i in old_at), "".join(new[i] for i in new_at)
    cuts = []
    for start, _ in spans[1:]:  # (where each part after the first begins)
        n = bisect_left(old_at, start)  # characters before the cut
        if new_chars[:n] == old_chars[:n]:
            cuts.append(new_at[n - 1] + 1)
        elif new_chars.endswith(old_chars[n:]) and len(new_chars) > len(old_chars) - n:
            cuts.append(new_at[len(new_chars) - (len(old_chars) - n)])
        else:
            return None
    bounds = [0, *cuts, len(new)]
    parts = [(a + len(new[a:b]) - len(new[a:b].lstrip()), a + len(new[a:b].rstrip()))
             for a, b in itertools.pairwise(bounds)]  # fmt: skip
    return parts if all(a < b for a, b in parts) and cuts == sorted(set(cuts)) else None


def _within_paragraphs(spans: list[Span], sentences: Sequence[Segment]) -> bool:
    """Does each span lie inside one paragraph of the new text?"""
    for a, b in spans:
        inside = {s.paragraph for s in sentences if s.start < b and a < s.end}
        if len(inside) > 1:
            return False
    return True
