"""Which sentence of an article's old text became which of its new text (a re-import).

Sentences whose key is unchanged pair first, in order (difflib on the key
sequences: the unchanged neighbours).  Between two such anchors, what was
replaced pairs by similarity, in order, when the texts are alike enough.  A
sentence moved elsewhere unchanged still pairs by its key.  What is left was
removed (old) or added (new).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz

MIN_SIMILARITY = 60.0  # below this, a changed sentence is a different one
BAND = 40  # in a long replaced stretch, a sentence is compared with this many ahead
MAX_CELLS = 250_000  # pairs a replaced stretch may compare exhaustively


def align(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: old sentence ``i`` is new sentence ``j``.  Each item is (key, text)."""
    matcher = SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new], autojunk=False)
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(i1 + n, j1 + n) for n in range(i2 - i1)]
        elif tag == "replace":
            pairs += _by_similarity(old, new, range(i1, i2), range(j1, j2))
    _moved(old, new, pairs)
    return sorted(pairs)


def _by_similarity(
    old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]], rows: range, cols: range
) -> list[tuple[int, int]]:
    """The in-order pairing of two stretches with the greatest total similarity.

    A dynamic programme over the stretches (the longest common subsequence,
    weighted by similarity).  A stretch too long for it (most of a text
    rewritten) is paired greedily, each old sentence with the most similar of
    the next ``BAND`` new ones.
    """
    n, m = len(rows), len(cols)
    if n * m > MAX_CELLS:
        return _greedy(old, new, rows, cols)
    score: dict[tuple[int, int], float] = {}
    for a in range(n):
        for b in range(m):
            s = fuzz.ratio(old[rows[a]][1], new[cols[b]][1])
            if s >= MIN_SIMILARITY:
                score[a, b] = s
    if not score:
        return []
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = score.get((a, b))
            best[a][b] = max(
                best[a + 1][b],
                best[a][b + 1],
                take + best[a + 1][b + 1] if take is not None else 0.0,
            )
    pairs = []
    a = b = 0
    while a < n and b < m:
        take = score.get((a, b))
        if take is not None and best[a][b] == take + best[a + 1][b + 1]:
            pairs.append((rows[a], cols[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _greedy(
    old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]], rows: range, cols: range
) -> list[tuple[int, int]]:
    pairs = []
    b = 0
    for a in rows:
        window = cols[b : b + BAND]
        scored = [(fuzz.ratio(old[a][1], new[c][1]), c) for c in window]
        best = max(scored, default=(0.0, -1))
        if best[0] >= MIN_SIMILARITY:
            pairs.append((a, best[1]))
            b = cols.index(best[1]) + 1
    return pairs


def _moved(
    old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]], pairs: list[tuple[int, int]]
) -> None:
    """Pair what is left by identical text: a sentence moved to another place."""
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    waiting: dict[str, list[int]] = {}
    for j, (_, text) in enumerate(new):
        if j not in used_new:
            waiting.setdefault(text, []).append(j)
    for i, (_, text) in enumerate(old):
        if i not in used_old and waiting.get(text):
            pairs.append((i, waiting[text].pop(0)))
