"""Small modals that ask for text or an answer: a prompt, a question, the note editor, the split."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Label

from workbench.model import Sentence
from workbench.tui.screens.dialog import Dialog
from workbench.tui.screens.form import Form, form_bindings
from workbench.tui.widgets.fields import Input, TextArea


class PromptScreen(Dialog[str | None]):
    """Ask for one line of text; enter returns it, escape returns None.

    With ``preview``, the line under the field says what the text typed would give, once
    the typing pauses (``PREVIEW_AFTER``): a key typed never waits for it, and a search's
    answer is then ready before enter."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    PromptScreen { align: center bottom; }
    PromptScreen > Vertical {
        width: 100%; height: auto; background: $panel; border: none;
        border-top: solid $primary; padding: 0 1;
    }
    PromptScreen #prompt-preview { width: 100%; height: 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close")]
    PREVIEW_AFTER = 0.05  # seconds without a key

    def __init__(
        self,
        title: str,
        value: str = "",
        placeholder: str = "",
        preview: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self._title, self._value, self._placeholder = title, value, placeholder
        self._preview = preview
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            if self._preview is not None:
                yield Label(self._preview(self._value) or "", markup=False, id="prompt-preview")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._preview is None or event.value == self._value:
            return
        self._value = event.value
        if self._pending is not None:
            self._pending.stop()
        self.query_one("#prompt-preview", Label).update("", layout=False)  # (it was another's)
        self._pending = self.set_timer(self.PREVIEW_AFTER, self.show_preview)

    def show_preview(self) -> None:
        """Say again what the text in the field would give (what it reads may have
        changed: a long article's texts read meanwhile)."""
        if self._preview is not None and self.is_mounted:
            said = self._preview(self._value) or ""  # (None: it failed, and said why)
            self.query_one("#prompt-preview", Label).update(said, layout=False)

    def ask(self, value: str) -> None:
        """Ask again, starting from ``value`` (a prompt installed in the app is kept
        between uses: opening and closing it then adds or removes no widget, and
        the screen under it is not laid out again)."""
        self._value = value
        self._early.clear()
        if self.is_mounted:
            field = self.query_one(Input)
            field.value = value
            field.select_all()  # as a new field selects its text: typing replaces it
            self.show_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, result: str | None) -> None:
        if self._pending is not None:
            self._pending.stop()
        self.dismiss(result)


SaveNote = Callable[[str, str], Sentence]  # (the note, the note as the editor last saw it)


class NoteEditor(Form[Sentence | None]):
    """Write or edit the note on a verdict: ctrl+s saves, escape cancels.

    The editor stores the note itself (through ``save``, a store verb) and
    closes only once it is stored: when the write fails, it stays open with
    the text and says why.  If someone else changed the note since the editor
    opened, both texts are shown and the reviewer chooses: ``ctrl+s`` again
    saves the reviewer's text over the other one, ``ctrl+o`` takes the other one
    into the editor.
    Escape with unsaved text asks first.
    """

    DEFAULT_CSS = """
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    NoteEditor TextArea { height: 8; }
    """
    BINDINGS = form_bindings("note", "Save the note",
                             "Replace your text with the note saved meanwhile")  # fmt: skip
    GROUP = "note"
    HINT = "ctrl+s save · escape cancel"
    QUESTION = "Close the note without saving what you typed?"

    def __init__(
        self, title: str, note: str, save: SaveNote, sentence_id: int | None = None
    ) -> None:
        super().__init__(save, note, {"note": note})
        self._title = title
        self.sentence_id = sentence_id  # whose note (its position may change elsewhere)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False, id="note-title")
            yield TextArea(self.initial["note"], id="note-text", soft_wrap=True,
                           tab_behavior="focus", cursor_at_end=True)  # fmt: skip
            yield from self.ending()

    def on_mount(self) -> None:
        self.focus_first(self.query_one(TextArea))

    def retitle(self, title: str) -> None:
        """Say whose note it is again (the sentence's position changed elsewhere)."""
        self._title = title
        if self.is_mounted:
            self.query_one("#note-title", Label).update(title)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def values(self) -> dict[str, str]:
        return {"note": self.text}

    def fill(self, values: dict[str, str]) -> None:
        area = self.query_one(TextArea)
        area.text = values["note"]
        area.move_cursor(area.document.end)

    def draft(self) -> str:
        return self.text

    def show_problem(self, text: str) -> None:
        super().show_problem(text)
        self.query_one(TextArea).focus()  # typing goes on where it was

    def theirs_of(self, current: Sentence) -> tuple[str, dict[str, str]]:
        return current.note, {"note": current.note}

    def shown_theirs(self, theirs: dict[str, str]) -> str:
        return theirs["note"] or "(no note)"


class SplitEditor(Dialog[int | None]):
    """Choose where to split a sentence: move the cursor there, then ctrl+s or enter."""

    DEFAULT_CSS = """
    SplitEditor > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    SplitEditor TextArea { height: 6; }
    """
    BINDINGS = [
        # (run by the text's field as the key reaches it: after the arrows typed before it)
        Binding("ctrl+s,enter", "split", "Split", id="split.save", tooltip="Split here"),
        Binding("escape", "cancel", "Cancel", id="split.cancel", tooltip="Close without splitting"),
    ]  # fmt: skip

    def __init__(self, position: int, text: str) -> None:
        super().__init__()
        self._position, self._text = position, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Split sentence {self._position}: put the cursor where the second starts")
            yield TextArea(self._text, id="split-text", soft_wrap=True, read_only=True)
            yield Label("", classes="problem", markup=False)
            yield Label("←/→ move · enter or ctrl+s split here · escape cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        middle = self._text.find(" ", len(self._text) // 2)
        area.move_cursor((0, middle + 1 if middle > 0 else len(self._text) // 2))

    def action_split(self) -> None:
        """Split where the cursor is; a point with no text on one side is refused here, the
        dialog open, so that the cursor can be moved (the store refuses it too)."""
        from workbench.segment import character_start

        row, column = self.query_one(TextArea).cursor_location
        lines = self._text.split("\n")
        at = sum(len(line) + 1 for line in lines[:row]) + column
        kept = character_start(self._text, at)  # (where the store will split)
        if not self._text[:kept].strip() or not self._text[kept:].strip():
            self.show_problem("Move the cursor into the sentence: both parts need some text.")
            return
        self.dismiss(at)

    def action_cancel(self) -> None:
        self.dismiss(None)
