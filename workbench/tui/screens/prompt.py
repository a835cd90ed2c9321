"""Small modals that ask for text or an answer: a prompt, a question, the note editor, the split."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Sentence
from workbench.tui.screens.dialog import Dialog


class PromptScreen(Dialog[str | None]):
    """Ask for one line of text; enter returns it, escape returns None."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    PromptScreen { align: center bottom; }
    PromptScreen > Vertical {
        width: 100%; height: auto; background: $panel; border: none;
        border-top: solid $primary; padding: 0 1;
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


SaveNote = Callable[[str, "int | None"], Sentence]


class NoteEditor(Dialog[Sentence | None]):
    """Write or edit the note on a verdict: ctrl+s saves, escape cancels.

    The editor stores the note itself (through ``save``, a store verb) and
    closes only once it is stored: when the write fails, it stays open with
    the text and says why.  If someone else changed the note since the editor
    opened, both texts are shown and the reviewer chooses: ``ctrl+s`` again
    saves the reviewer's text over the other one, ``ctrl+o`` takes the other one
    into the editor.
    Escape with unsaved text asks first.
    """

    TAKES_TEXT = True
    DEFAULT_CSS = """
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    NoteEditor TextArea { height: 8; }
    NoteEditor #note-theirs { display: none; border-left: thick $warning; padding: 0 1; }
    NoteEditor.-conflict #note-theirs { display: block; }
    """
    BINDINGS = [
        # Not a priority binding: it waits behind the keys typed before it (a fast typist).
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="Save the note"),
        Binding("ctrl+o", "take_theirs", "Take theirs", id="note.theirs",
                tooltip="Replace your text with the note saved meanwhile"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
    ]  # fmt: skip

    def __init__(self, title: str, note: str, save: SaveNote, version: int | None) -> None:
        super().__init__()
        self._title, self._stored, self._save, self._version = title, note, save, version
        self._theirs: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield TextArea(self._stored, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label("", id="note-problem", classes="problem", markup=False)
            yield Static("", id="note-theirs", markup=False)
            yield Label("ctrl+s save · escape cancel", classes="hint", id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def unsaved(self) -> bool:
        return self.text.strip() != self._stored.strip()

    def action_save(self) -> None:
        try:
            sentence = self._save(self.text, self._version)
        except ConflictError as exc:
            self._conflict(exc)
            return
        except WorkbenchError as exc:
            self._problem(f"Not saved: {exc.message}. Your text is still here.")
            return
        self._stored = self.text
        self.dismiss(sentence)

    def _conflict(self, exc: ConflictError) -> None:
        current = exc.current
        assert isinstance(current, Sentence)
        self._version, self._stored, self._theirs = current.version, current.note, current.note
        self._problem(f"Not saved: {exc.message}. Theirs is below.")
        self.query_one("#note-theirs", Static).update(current.note or "(no note)")
        self.query_one("#note-hint", Label).update(
            "ctrl+s save yours over theirs · ctrl+o take theirs · escape keep theirs"
        )
        self.add_class("-conflict")

    def _problem(self, text: str) -> None:
        self.show_problem(text)
        self.query_one(TextArea).focus()

    def action_take_theirs(self) -> None:
        if self._theirs is None:
            return
        area = self.query_one(TextArea)
        area.text = self._theirs
        area.move_cursor(area.document.end)
        self.remove_class("-conflict")
        self.show_problem("")
        self.query_one("#note-hint", Label).update("ctrl+s save · escape cancel")

    def action_cancel(self) -> None:
        self.close_unless_unsaved("Close the note without saving what you typed?")


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
