"""Text fields that never let their text drive the terminal.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an escape sequence or a
right-to-left override in a note, a claimant, an article's title or a sentence being
split (stored by a script, a report or a web page) would reach the terminal and drive
it.  These draw each such character as one visible one (``safe_text.one_for_one``: ESC
as ␛, U+202E as �); the value is untouched, so what is saved is what was there.  Every
screen takes its fields from here (a test holds them to it).

A one-line field also acts on its own editing keys (backspace, arrows, home…) as they
reach it, in turn with the text typed before them.  Left to Textual's bindings they are
looked up once the field has had its turn, by then perhaps the next field's: a tab is
taken as it arrives (so that the text after it goes to the next field), and a
backspace typed just before it emptied the next field, its text selected on focus.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events, widgets
from textual.binding import Binding
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


# A one-line field's own keys and what each does (Textual's bindings for it).
_EDITING = {
    key.strip(): binding.action
    for binding in widgets.Input.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
}


class Input(widgets.Input):
    """Textual's ``Input``, its text drawn inert, its editing keys acted on in turn."""

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))

    async def _on_key(self, event: events.Key) -> None:
        action = None if event.is_printable else _EDITING.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        await self.run_action(action)


class TextArea(widgets.TextArea):
    """Textual's ``TextArea``, its text drawn inert."""

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))
