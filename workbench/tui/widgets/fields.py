"""Text fields that never let their text drive the terminal.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an escape sequence or a
right-to-left override in a note, a claimant, an article's title or a sentence being
split (stored by a script, a report or a web page) would reach the terminal and drive
it.  These draw each such character as one visible one (``safe_text.one_for_one``: ESC
as ␛, U+202E as �); the value is untouched, so what is saved is what was there.  Every
screen takes its fields from here (a test holds them to it).

A field acts on every key in the order typed, whatever the key does:
- its dialog's own keys first (tab, enter, ctrl+s, escape: ``Dialog.run_own_key``), run
  by the field as the key reaches it.  Left to Textual they act either as the key arrives
  (a priority binding: before the text typed just before it has reached the field, so
  enter saved without it) or once the key has gone up to the app (by then the keys after
  it were typed in the field);
- then its own editing keys (backspace, arrows, home…), run as their actions, and text;
- a key that reaches it after it lost the focus (a tab, or the enter that closed its
  dialog, came just before) goes on to what has the focus now: the next field, the screen
  under the dialog.
Enter's ``Submitted`` is handled by the dialog at once, for the same reason.  A dialog's
other widgets (a ``Select`` here, a list: ``choices.py``) run the bindings around them as
each key reaches them, and pass on a key that came after they lost the focus.

Keys that come before a field has the focus (sent with the key that opens its dialog: a
fast typist, a paste) are kept by the dialog (``early_keys``) and acted on by the field
once it has the focus, after it selected its text: as if typed then, tab and enter too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import Any

from rich.segment import Segment
from textual import events, widgets
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from workbench.safe_text import one_for_one


def inert(strip: Strip) -> Strip:
    """``strip`` with its text as ``one_for_one`` shows it, no wider than it was (a control
    character takes no cell, its picture one: the line's last cells give way)."""
    if all(segment.text.isprintable() for segment in strip):
        return strip
    width = strip.cell_length
    shown = [Segment(one_for_one(text), style, control) for text, style, control in strip]
    return Strip(shown).crop(0, width)


def _bound(widget: type[widgets.Input] | type[widgets.TextArea]) -> dict[str, str]:
    """A field's own keys and what each does (Textual's bindings for it)."""
    return {
        key.strip(): binding.action
        for binding in widget.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }


_EDITING = _bound(widgets.Input)
_AREA_EDITING = _bound(widgets.TextArea)

EarlyKey = tuple[str, str | None]  # (the key, its character)


def _early_keys(field: Widget) -> list[EarlyKey]:
    """The keys that came for ``field``'s dialog before any field had the focus (none
    outside a dialog that keeps them)."""
    take: Callable[[], list[EarlyKey]] | None = getattr(field.screen, "early_keys", None)
    return take() if take is not None else []


def screen_handler(widget: Widget, name: str) -> Callable[[Message], object] | None:
    """The screen's handler ``name`` for a message of ``widget``'s, to call at once: posted,
    the message would reach the screen after the keys typed after the key that made it."""
    return getattr(widget.screen, name, None)


async def taken_first(widget: Widget, event: events.Key) -> bool:
    """Whether ``event`` is done with before the widget's own handling: passed on to what
    has the focus now, or acted on as one of its dialog's keys.  Every widget of a dialog
    that can have the focus asks this first: a text field for its dialog's keys (its own
    are its editing keys), another (a list, the stance's ``Select``) for the bindings
    around it (the text typed after the tab that leaves the stance was lost, and an ``x``
    typed after enter on the evidence list unlinked the piece it was to edit)."""
    app = widget.app
    if app.focused is not widget:
        closed = widget.screen if widget.screen is not app.screen else None
        app.hand_on([event], closed)  # type: ignore[attr-defined]
    elif isinstance(widget, widgets.Input | widgets.TextArea):
        run: Callable[[str], Awaitable[bool]] | None = getattr(widget.screen, "run_own_key", None)
        if run is None or not await run(event.key):
            return False
    elif not await app._check_bindings(event.key):  # the bindings Textual would run, nearest
        return False  # first, but now: not once the key has gone up to the app
    event.stop()
    event.prevent_default()
    return True


async def _take_kept_keys(field: Input | TextArea) -> None:
    """Act on the keys ``field``'s dialog kept for it, as if typed now."""
    for key, character in _early_keys(field):
        await field._on_key(events.Key(key, character))


class Input(widgets.Input):
    """Textual's ``Input``, its text drawn inert, every key acted on in turn."""

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))

    async def _on_key(self, event: events.Key) -> None:
        if await taken_first(self, event):
            return
        action = None if event.is_printable else _EDITING.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        await self.run_action(action)

    async def action_submit(self) -> None:
        """Enter: the dialog acts on it now (a posted ``Submitted`` would reach it after the
        keys typed after enter)."""
        handler = screen_handler(self, "on_input_submitted")
        if handler is None:
            await super().action_submit()
            return
        done = handler(self.Submitted(self, self.value))
        if isawaitable(done):
            await done

    def _on_focus(self, event: events.Focus) -> None:
        # (Textual's own handler, which selects the text, runs after this one: the keys
        # wait until the focus is taken)
        self.call_next(_take_kept_keys, self)


class Select(widgets.Select[str]):
    """Textual's ``Select``, every key acted on in turn (``taken_first``)."""

    async def _on_key(self, event: events.Key) -> None:
        await taken_first(self, event)  # (if not, Textual's handling follows)


class TextArea(widgets.TextArea):
    """Textual's ``TextArea``, its text drawn inert, every key acted on in turn (its
    editing keys are bindings: run as their actions); with ``cursor_at_end``, its cursor
    after its text from the start (before it takes any key: keys typed early go there)."""

    def __init__(self, *args: Any, cursor_at_end: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cursor_at_end = cursor_at_end

    def _on_mount(self, event: events.Mount) -> None:
        if self._cursor_at_end:
            self.move_cursor(self.document.end)

    def render_line(self, y: int) -> Strip:
        return inert(super().render_line(y))

    async def _on_key(self, event: events.Key) -> None:
        if await taken_first(self, event):
            return
        action = None if event.is_printable else _AREA_EDITING.get(event.key)
        if action is None:
            await super()._on_key(event)  # (text and enter; none when read-only)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)

    def _on_focus(self, event: events.Focus) -> None:
        self.call_next(_take_kept_keys, self)  # (as ``Input``'s)
