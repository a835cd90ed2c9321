"""Small modals that ask for text: a one-line prompt and a multi-line editor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea


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


class NoteEditor(ModalScreen[str | None]):
    """Write or edit the note on a verdict: ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: auto; background: $panel;
        border: thick $primary; padding: 0 1;
    }
    NoteEditor TextArea { height: 8; }
    NoteEditor .hint { color: $text-muted; }
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
