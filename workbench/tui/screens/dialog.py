"""What every dialog shares: the look, and keys typed before its first field is ready.

A fast typist (or a paste) sends the first letters of a note together with
the ``n`` that opens the editor.  Textual hands each key to the focused widget
when it arrives: those letters go to the list below, and come back to the app
after the editor has opened, or reach the editor before any field has the
focus.  Either way they would be lost; the dialog keeps them (``take_early_key``; the
app passes it the stray ones), whatever the key (text, backspace, tab, enter…), and its
first field acts on them in turn once it has the focus (``widgets/fields.py``): a tab
moves on to the next field, an enter that closes the dialog hands the keys after it to
the screen under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label

if TYPE_CHECKING:  # (the fields load with the first dialog that has one)
    from workbench.tui.widgets.fields import EarlyKey

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal screen in workbench's dialog style (subclasses set their own size)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical, Dialog > VerticalScroll {
        background: $panel; border: thick $primary; padding: 0 1; height: auto;
    }
    Dialog .hint { color: $text-muted; width: 100%; }
    Dialog .problem { color: $error; display: none; width: 100%; }
    Dialog .problem.-shown { display: block; }
    """

    TAKES_TEXT = False  # a dialog with a text field keeps keys typed before it has the focus

    def __init__(self) -> None:
        super().__init__()
        self._early: list[EarlyKey] = []
        self._dismissed = False

    @property
    def closing(self) -> bool:
        """Closed, or closing: a key still on its way to it must do nothing."""
        return self._dismissed or not self.is_current

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close, once.  A second enter typed before the dialog is gone (a fast typist, a
        key's repeat) reaches it still; Textual would then close whatever screen is on
        top: another dialog, or the review screen itself (the app failed)."""
        if self.closing:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    def on_screen_resume(self) -> None:
        self._dismissed = False  # shown (again: the search prompt is kept between searches)

    def focus_first(self, widget: Widget) -> None:
        """Give ``widget`` the focus as the dialog opens, unless a widget has it already
        (``AUTO_FOCUS``; the keys kept for it may have moved it on since).  At once:
        ``focus()`` waits its turn, and took the focus back from the field a tab had
        moved it to."""
        if self.focused is None:
            self.set_focus(widget)

    def unsaved(self) -> bool:
        """Whether closing now would lose text the reviewer typed (quitting asks first)."""
        return False

    def show_problem(self, text: str) -> None:
        """Say in the dialog why something was not done (empty: say nothing)."""
        for label in self.query(".problem").results(Label):
            label.update(text)
            label.set_class(bool(text), "-shown")

    def close_unless_unsaved(self, question: str) -> None:
        """Close (with no result); but when typed text would be lost, ask first."""
        if not self.unsaved():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question, "discard it", "keep editing"), answered)

    def _forward_event(self, event: events.Event) -> None:
        # The app hands a key to the dialog itself when none of its widgets has the focus
        # yet: kept here, as it arrives (handled later as a message, a field may have the
        # focus by then, and the key would go up to the app and be lost).
        if not (isinstance(event, events.Key) and self.take_early_key(event)):
            super()._forward_event(event)

    def take_early_key(self, event: events.Key) -> bool:
        """Keep a key meant for this dialog's text field (any key: text, tab, enter…), for
        the field to act on once it has the focus; False if this dialog keeps none.  Once
        a widget has the focus, the key joins those on their way to it: after the keys
        kept before (its focus takes those first), and after those a tab kept with them
        has handed on to the next field (acted on at once, it went before them)."""
        if not self.TAKES_TEXT:
            return False
        if self.focused is None:
            self._early.append((event.key, event.character))
        else:
            self.app.hand_on([event])  # type: ignore[attr-defined]
        return True

    def keeps_text(self) -> bool:
        """Whether it keeps text typed for its field, not yet in it (quitting asks first)."""
        return any(character and character.isprintable() for _, character in self._early)

    async def run_own_key(self, key: str) -> bool:
        """Run this dialog's own binding for ``key`` (as the keymap has it), if it has one
        that applies now; True if it ran.  Its field calls this as the key reaches it, in
        turn with the keys typed before and after (``widgets/fields.py``)."""
        for node, bindings in self._binding_chain:
            if node is self:
                for binding in bindings.key_to_bindings.get(key, ()):
                    if await self.app.run_action(binding.action, self):
                        return True
        return False

    def early_keys(self) -> list[EarlyKey]:
        """The keys kept for the text field, given once (the field takes them on focus)."""
        keys, self._early = self._early, []
        return keys


class ConfirmScreen(Dialog[bool]):
    """A yes-or-no question: ``y`` answers yes; ``n`` or escape, no."""

    DEFAULT_CSS = """
    ConfirmScreen > Vertical { width: auto; max-width: 80; border: thick $warning; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No"),
    ]

    def __init__(self, question: str, yes: str = "yes", no: str = "no") -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._question, markup=False)
            yield Label(f"y {self._yes} · n or escape {self._no}", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
