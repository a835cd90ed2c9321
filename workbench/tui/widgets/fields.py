"""Text fields that never let their text drive the terminal.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an escape sequence or a
right-to-left override in a note, a claimant, an article's title or a sentence being
split (stored by a script, a report or a web page) would reach the terminal and drive
it.  These draw each such character as one visible one (``safe_text.one_for_one``: ESC
as ␛, U+202E as �); the value is untouched, so what is saved is what was there.  Every
screen takes its fields from here (a test holds them to it).
"""

from __future__ import annotations

from rich.segment import Segment
from textual import widgets
from textual.strip import Strip

from workbench.safe_text import one_for_one


def inert(strip: Strip) -> Strip:
    """``strip`` with its text as ``one_for_one`` shows it, no wider than it was (a control
    character takes no cell, its picture one: the line's last cells give way)."""
    if all(segment.text.isprintable() for segment in strip):
        return strip
    width = strip.cell_length
    shown = [Segment(one_for_one(text), style, control) for text, style, control in strip]
    return Strip(shown).crop(0, width)


class Input(widgets.Input):
    """Textual's ``Input``, its text drawn inert."""

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))


class TextArea(widgets.TextArea):
    """Textual's ``TextArea``, its text drawn inert."""

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))
