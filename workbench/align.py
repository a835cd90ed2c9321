"""Which sentence of an article's old text became which of its new text (a re-import).

Sentences whose text is unchanged pair first, in order (``unchanged``, on their
keys' digests, without the occurrence numbers: a sentence added before another of
the same text renumbers that one, and its neighbours still pair it).
Between two such anchors, what was replaced pairs by similarity, in order, when
the texts are alike enough.  A sentence moved elsewhere unchanged still pairs by
its text.  What is left was removed (old) or added (new).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

from rapidfuzz import fuzz

MIN_SIMILARITY = 60.0  # below this, a changed sentence is a different one
BAND = 40  # in a long replaced stretch, a sentence is compared with this many ahead
MAX_CELLS = 250_000  # pairs a replaced stretch may compare exhaustively
FIRST_PART = 90.0  # the likeness of a sentence and its first part (a join or split undone)


def likeness(old: str, new: str) -> float:
    """How alike two sentences are, 0-100 (``fuzz.ratio``).  A sentence and the first part
    of it, or the one it is the first part of, count as very alike: a split sentence's
    first part keeps its review, and so does a join's (as ``store.editing`` has it)."""
    score = fuzz.ratio(old, new)
    if score < FIRST_PART:
        a, b = " ".join(old.split()), " ".join(new.split())
        if a.startswith(b) or b.startswith(a):
            return FIRST_PART
    return score


def unchanged(a: Sequence[Hashable], b: Sequence[Hashable]) -> dict[int, int]:
    """Index in ``a`` -> index in ``b``, for the items found unchanged, in order.

    The items found once in each pair first (the longest run of them in the same
    order); then the equal items before each such pair, then those after it, then
    the texts' ends inwards (a sentence's neighbours say more than its place; the
    sentences before a paragraph's last are more often its own than the next
    paragraph's).  A text of many repeated sentences costs no more than one of
    distinct ones (difflib compares each repeated item with all its copies)."""
    in_a, in_b = Counter(a), Counter(b)
    where = {t: j for j, t in enumerate(b) if in_b[t] == 1}
    once = [(i, where[t]) for i, t in enumerate(a) if in_a[t] == 1 and t in where]
    anchors = _in_order(once)
    went = dict(anchors)
    taken = set(went.values())
    for step, starts in ((-1, anchors), (1, anchors), (1, [(-1, -1)]), (-1, [(len(a), len(b))])):
        for i, j in starts:
            _extend(a, b, i + step, j + step, step, went, taken)
    return went


def _extend(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    x: int,
    y: int,
    step: int,
    went: dict[int, int],
    taken: set[int],
) -> None:
    """Pair ``a[x]`` with ``b[y]`` and on by ``step`` while they are equal and free."""
    while 0 <= x < len(a) and 0 <= y < len(b) and a[x] == b[y]:
        if x in went or y in taken:
            return
        went[x] = y
        taken.add(y)
        x, y = x + step, y + step


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in order of their first) whose seconds increase."""
    tails: list[int] = []  # the second of the last pair of the best run of each length
    ends: list[int] = []  # that pair's index
    before: list[int] = []  # each pair's predecessor in its best run
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        before.append(ends[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k], ends[k] = j, n
    run = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]


def align(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: old sentence ``i`` is new sentence ``j``.  Each item is (key, text)."""
    pairs = sorted(unchanged(_digests(old), _digests(new)).items())
    i1 = j1 = 0  # past the last unchanged pair: what lies between two was replaced
    for i2, j2 in [*pairs, (len(old), len(new))]:
        if i2 > i1 and j2 > j1:
            pairs += _by_similarity(old, new, range(i1, i2), range(j1, j2))
        i1, j1 = i2 + 1, j2 + 1
    _moved(old, new, pairs)
    return sorted(pairs)


def _digests(sentences: Sequence[tuple[str, str]]) -> list[str]:
    return [key.partition(":")[0] for key, _ in sentences]


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
            s = likeness(old[rows[a]][1], new[cols[b]][1])
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
        scored = [(likeness(old[a][1], new[c][1]), c) for c in window]
        best = max(scored, default=(0.0, -1))
        if best[0] >= MIN_SIMILARITY:
            pairs.append((a, best[1]))
            b = cols.index(best[1]) + 1
    return pairs


def _moved(
    old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]], pairs: list[tuple[int, int]]
) -> None:
    """Pair what is left: a stretch moved to another place, found by a sentence in it that
    is in each text once (with its equal neighbours, before it first), then any sentence
    by identical text."""
    went = dict(pairs)
    taken = set(went.values())
    left_old = [d if i not in went else None for i, d in enumerate(_digests(old))]
    left_new = [d if j not in taken else None for j, d in enumerate(_digests(new))]
    in_old, in_new = Counter(left_old), Counter(left_new)
    at_new = {d: j for j, d in enumerate(left_new) if d is not None and in_new[d] == 1}
    moved = [(i, at_new[d]) for i, d in enumerate(left_old)
             if d is not None and in_old[d] == 1 and d in at_new]  # fmt: skip
    for i, j in moved:
        went[i] = j
        taken.add(j)
    for step in (-1, 1):
        for i, j in moved:
            _extend(left_old, left_new, i + step, j + step, step, went, taken)
    waiting: dict[str, list[int]] = {}
    for j, (_, text) in enumerate(new):
        if j not in taken:
            waiting.setdefault(text, []).append(j)
    for i, (_, text) in enumerate(old):
        if i not in went and waiting.get(text):
            went[i] = waiting[text].pop(0)
    pairs[:] = list(went.items())
