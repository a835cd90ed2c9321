"""Small modals that ask for text: a one-line prompt and a multi-line editor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from workbench.tui.screens.dialog import Dialog


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; enter returns it, escape returns None."""

    DEFAULT_CSS = """
    PromptScreen { align: center bottom; }
    PromptScreen > Vertical {
        width: 100%; height: auto; background: $panel; border-top: solid $primary; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title, self._value, self._placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteEditor(Dialog[str | None]):
    """Write or edit the note on a verdict: ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    NoteEditor TextArea { height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="Save the note", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title, self._note = title, note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label("ctrl+s save · escape cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitEditor(Dialog[int | None]):
    """Choose where to split a sentence: move the cursor there, then ctrl+s or enter."""

    DEFAULT_CSS = """
    SplitEditor > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    SplitEditor TextArea { height: 6; }
    """
    BINDINGS = [
        Binding("ctrl+s,enter", "split", "Split", id="split.save", tooltip="Split here",
                priority=True),
        Binding("escape", "cancel", "Cancel", id="split.cancel", tooltip="Close without splitting"),
    ]  # fmt: skip

    def __init__(self, position: int, text: str) -> None:
        super().__init__()
        self._position, self._text = position, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Split sentence {self._position}: put the cursor where the second starts")
            yield TextArea(self._text, id="split-text", soft_wrap=True, read_only=True)
            yield Label("←/→ move · enter or ctrl+s split here · escape cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        middle = self._text.find(" ", len(self._text) // 2)
        area.move_cursor((0, middle + 1 if middle > 0 else len(self._text) // 2))

    def action_split(self) -> None:
        row, column = self.query_one(TextArea).cursor_location
        lines = self._text.split("\n")
        self.dismiss(sum(len(line) + 1 for line in lines[:row]) + column)

    def action_cancel(self) -> None:
        self.dismiss(None)
