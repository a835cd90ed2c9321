"""How many lines each row of a long list takes, measured only where the list is looked at.

Rows are measured a block at a time (``BLOCK`` rows), when a block is first drawn or
neared; a block not measured yet counts its rows at the mean height of the rows measured
so far (one line before any is).  So the scrollbar works from an estimate refined as rows
are seen, and finding a row's line, or a line's row, costs a bisection over the blocks,
not a pass over the rows.  Pure arithmetic: no Textual, no store.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

BLOCK = 32


class RowHeights:
    """The lines of ``rows`` rows at one width: measured blocks exact, the others estimated."""

    def __init__(self, rows: int, block: int = BLOCK) -> None:
        self.rows = rows
        self.block = block
        self.blocks = -(-rows // block)
        self._heights: list[list[int] | None] = [None] * self.blocks
        self._offsets: list[list[int] | None] = [None] * self.blocks  # line of each row in it
        self._measured_rows = 0
        self._measured_lines = 0
        self.estimate = 1.0  # lines per row not measured yet
        self._lines = self._all_estimated()
        self._starts = [0, *accumulate(self._lines)]

    @property
    def total(self) -> int:
        """Lines in all (the measured ones exact, the rest estimated)."""
        return self._starts[-1]

    def block_of(self, row: int) -> int:
        return row // self.block

    def block_rows(self, b: int) -> range:
        return range(b * self.block, min(self.rows, (b + 1) * self.block))

    def is_measured(self, b: int) -> bool:
        return self._heights[b] is not None

    def unmeasured(self, first_row: int, last_row: int) -> list[int]:
        """The blocks holding rows ``first_row`` to ``last_row`` not measured yet."""
        first_row, last_row = max(0, first_row), min(self.rows - 1, last_row)
        if first_row > last_row:
            return []
        return [
            b
            for b in range(self.block_of(first_row), self.block_of(last_row) + 1)
            if self._heights[b] is None
        ]

    def measure(self, b: int, heights: list[int]) -> None:
        """Set the heights of block ``b``'s rows (each at least 1); the estimate follows."""
        count = len(self.block_rows(b))
        assert len(heights) == count, (len(heights), count)
        heights = [max(1, h) for h in heights]
        old = self._heights[b]
        if old is not None:
            self._measured_lines -= sum(old)
            self._measured_rows -= len(old)
        self._heights[b] = heights
        self._offsets[b] = [0, *accumulate(heights)]
        self._measured_lines += sum(heights)
        self._measured_rows += count
        estimate = self._measured_lines / self._measured_rows
        if round(estimate * self.block) != round(self.estimate * self.block):
            self.estimate = estimate
            self._lines = [
                lines if h is None else self._lines_of(i)
                for i, (h, lines) in enumerate(
                    zip(self._heights, self._all_estimated(), strict=True)
                )
            ]
        else:
            self._lines[b] = self._lines_of(b)
        self._starts = [0, *accumulate(self._lines)]

    def _lines_of(self, b: int) -> int:
        offsets = self._offsets[b]
        assert offsets is not None
        return offsets[-1]

    def _estimated(self, b: int) -> int:
        count = len(self.block_rows(b))
        return max(count, round(count * self.estimate))

    def _all_estimated(self) -> list[int]:
        """Every block's estimated lines (all blocks are full but the last: one product)."""
        if not self.blocks:
            return []
        full = [max(self.block, round(self.block * self.estimate))] * (self.blocks - 1)
        return [*full, self._estimated(self.blocks - 1)]

    def start(self, row: int) -> int:
        """The first line of ``row``."""
        b = self.block_of(row)
        k = row - b * self.block
        offsets = self._offsets[b]
        if offsets is not None:
            return self._starts[b] + offsets[k]
        return self._starts[b] + k * self._lines[b] // len(self.block_rows(b))

    def height(self, row: int) -> int:
        end = self.start(row + 1) if row + 1 < self.rows else self.total
        return end - self.start(row)

    def row_at(self, line: int) -> int:
        """The row drawn on ``line`` (the first or last row beyond the ends)."""
        if self.rows == 0:
            return 0
        line = max(0, min(line, self.total - 1))
        b = min(bisect_right(self._starts, line) - 1, self.blocks - 1)
        within = line - self._starts[b]
        offsets = self._offsets[b]
        if offsets is not None:
            k = bisect_right(offsets, within) - 1
        else:
            count = len(self.block_rows(b))
            k = ((within + 1) * count - 1) // self._lines[b]
        return b * self.block + max(0, min(k, len(self.block_rows(b)) - 1))
