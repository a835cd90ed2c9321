"""Article text made safe and measured for the terminal.

Article text is data: control characters (an ANSI escape, a NUL, a bell) are
shown as their visible Unicode pictures, never sent to the terminal, and the
text is never parsed as markup.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells

from workbench.safe_text import for_terminal


def visible(text: str) -> str:
    """``text`` on one line, every control, override and hidden character made visible
    (ESC as ␛, U+202E as <U+202E>): ``safe_text.for_terminal``."""
    return for_terminal(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells (wide CJK characters count twice).

    Used both to count a row's lines for the whole list and to draw the rows
    on screen, so the two always agree.
    """
    width = max(1, width)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    used = 0
    for word in text.split(" "):
        w = cell_len(word)
        if used and used + 1 + w <= width:
            line += " " + word
            used += 1 + w
            continue
        if used:
            lines.append(line)
        if w <= width:
            line, used = word, w
            continue
        pieces = chop_cells(word, width)  # a word longer than the line: cut it
        lines.extend(pieces[:-1])
        line, used = pieces[-1], cell_len(pieces[-1])
    lines.append(line)
    return lines


def line_count(text: str, width: int) -> int:
    return 1 if cell_len(text) <= width else len(wrap(text, width))
