"""Article text made safe and measured for the terminal.

Article text is data: control characters (an ANSI escape, a NUL, a bell) are
shown as their visible Unicode pictures, never sent to the terminal, and the
text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, chop_cells

from workbench.safe_text import for_terminal


def visible(text: str) -> str:
    """``text`` on one line, every control, override and hidden character made visible
    (ESC as ␛, U+202E as <U+202E>): ``safe_text.for_terminal``."""
    return for_terminal(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells (wide CJK characters count twice).

    Used both to count a row's lines for the whole list and to draw the rows
    on screen, so the two always agree.  Printable ASCII (most news text) takes a
    character a cell, counted with ``len``: Rich's ``cell_len`` a word costs more
    than the rest of the wrap.
    """
    width = max(1, width)
    if text.isascii() and text.isprintable():
        return _wrap(text, width, len, _chop_ascii)
    return _wrap(text, width, cell_len, chop_cells)


def _chop_ascii(word: str, width: int) -> list[str]:
    """``chop_cells`` for printable ASCII: a cell a character."""
    return [word[i : i + width] for i in range(0, len(word), width)]


def _wrap(
    text: str,
    width: int,
    cells: Callable[[str], int],
    chop: Callable[[str, int], list[str]],
) -> list[str]:
    if cells(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    used = 0
    for word in text.split(" "):
        w = cells(word)
        if used and used + 1 + w <= width:
            line += " " + word
            used += 1 + w
            continue
        if used:
            lines.append(line)
        if w <= width:
            line, used = word, w
            continue
        pieces = chop(word, width)  # a word longer than the line: cut it
        lines.extend(pieces[:-1])
        line, used = pieces[-1], cells(pieces[-1])
    lines.append(line)
    return lines


def line_count(text: str, width: int) -> int:
    return 1 if len(text) <= width and text.isascii() else len(wrap(text, width))
