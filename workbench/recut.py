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

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence

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


def recut(
    old_text: str, stored: Sequence[Span], new_text: str, new: Sequence[Segment]
) -> list[Segment] | None:
    """The new text's sentences with the reviewer's corrections carried over, keyed as
    ``segment`` keys them; None when no correction was carried (``new`` stands)."""
    ours = segment(old_text)
    found = list(corrections(stored, [(s.start, s.end) for s in ours]))
    if not found:
        return None
    went = unchanged([s.text for s in ours], [s.text for s in new])
    old_counts, new_counts = Counter(s.text for s in ours), Counter(s.text for s in new)

    def once(j: int, p: int) -> bool:  # is the stretch's first sentence in each text once?
        return old_counts[ours[j].text] == 1 == new_counts[new[p].text]

    def beside(j: int, p: int) -> bool:  # unchanged next to it (the text's start or end too)
        if j in (-1, len(ours)) or p in (-1, len(new)):
            return (j == -1 and p == -1) or (j == len(ours) and p == len(new))
        return went.get(j) == p

    carried: dict[int, tuple[int, list[Span]]] = {}  # new index -> (last index, spans)
    for (i, i2), (j, j2) in found:
        p = went.get(j)
        if p is None or any(went.get(k) != p + k - j for k in range(j, j2 + 1)):
            continue
        q = p + j2 - j
        if not (beside(j - 1, p - 1) or beside(j2 + 1, q + 1) or once(j, p)):
            continue  # no unchanged neighbour, and a text found more than once: a guess
        a, b, c = ours[j].start, ours[j2].end, new[p].start
        if new[q].end - c != b - a or new_text[c : c + b - a] != old_text[a:b]:
            continue
        carried[p] = (q, [(start + c - a, end + c - a) for start, end in stored[i : i2 + 1]])
    if not carried:
        return None
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
    return from_spans(new_text, spans)
