"""Article text made safe and measured for the terminal.

Article text is data: control characters (an ANSI escape, a NUL, a bell) are
shown as their visible Unicode pictures, never sent to the terminal, and the
text is never parsed as markup.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells

_PICTURES = {i: 0x2400 + i for i in range(0x20)}
_PICTURES[0x7F] = 0x2421
_PICTURES[0x09] = _PICTURES[0x0A] = 0x20  # tabs and line breaks read as spaces
_PICTURES.update({i: 0xFFFD for i in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible picture (ESC as ␛)."""
    if text.isprintable():  # the common case, at C speed
        return text
    return text.translate(_PICTURES)


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
