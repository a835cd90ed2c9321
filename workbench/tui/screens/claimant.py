"""Who made the claim (w): a person or an organisation, for the current sentence.

The field holds the claimant stored, or else a suggestion read from the
sentence's own attribution ("according to the WSJ", "…, the minister said":
``workbench.attribution``), marked as such: nothing is stored until the
reviewer saves.  ``enter`` or ``ctrl+s`` saves; an empty field clears it.
When someone else set another claimant since the form opened, theirs is
shown: ``ctrl+s`` again saves yours over it, ``ctrl+o`` takes theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Sentence
from workbench.store import Store
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.text import visible

SaveClaimant = Callable[[str, "str | None"], Sentence]


def claimant_saver(store: Store, sentence: Sentence) -> SaveClaimant:
    """A ``save`` for the form: refuses (``ConflictError``) to overwrite a claimant someone
    else set since ``expected`` was read; else one ``set_claimant``, one undo step."""

    def save(name: str, expected: str | None) -> Sentence:
        now = store.sentence(sentence.id)
        if now.claimant != expected and now.claimant != (name.strip() or None):
            theirs = f"“{now.claimant}”" if now.claimant else "nobody"
            raise ConflictError(
                f"the claimant of sentence {now.position} was set to {theirs} elsewhere while"
                " you were editing",
                current=now,
            )
        return store.set_claimant(sentence.id, name)

    return save


class ClaimantForm(Dialog[Sentence | None]):
    """Returns the sentence once its claimant is stored; None when closed unchanged."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    ClaimantForm > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    ClaimantForm #claimant-source { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="claimant.save", tooltip="Save the claimant"),
        Binding("ctrl+o", "take_theirs", "Take theirs", id="claimant.theirs",
                tooltip="Take the claimant saved meanwhile"),
        Binding("escape", "cancel", "Cancel", id="claimant.cancel",
                tooltip="Close without saving"),
    ]  # fmt: skip

    def __init__(self, sentence: Sentence, suggestion: str | None, save: SaveClaimant) -> None:
        super().__init__()
        self.sentence = sentence
        self.suggested = not sentence.claimant and bool(suggestion)
        self._stored = sentence.claimant  # what the store held when read
        self._initial = sentence.claimant or suggestion or ""
        self._save = save
        self._theirs: Sentence | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Text(f"Who made the claim in sentence {self.sentence.position}: ")
                + Text(visible(self.sentence.text), style="italic")
            )
            yield Input(self._initial, id="claimant-input",
                        placeholder="a person or an organisation")  # fmt: skip
            if self.suggested:
                source = "Suggested from the sentence's attribution: enter keeps it."
            elif self._stored:
                source = "Stored. Empty the field to clear it."
            else:
                source = "The sentence names nobody: type who made the claim."
            yield Label(source, id="claimant-source", markup=False)
            yield Label("", id="claimant-problem", classes="problem", markup=False)
            yield Label("enter or ctrl+s save (empty clears) · escape cancel", classes="hint",
                        id="claimant-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def unsaved(self) -> bool:
        return self.value.strip() != self._initial.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = " ".join(self.value.split())
        if (name or None) == self._stored:
            self.dismiss(None)  # nothing to change: no empty step in the undo history
            return
        try:
            sentence = self._save(name, self._stored)
        except ConflictError as exc:
            theirs = exc.current
            assert isinstance(theirs, Sentence)
            self._theirs, self._stored = theirs, theirs.claimant
            self.show_problem(f"Not saved: {exc.message}.")
            self.query_one("#claimant-hint", Label).update(
                "ctrl+s save yours over theirs · ctrl+o take theirs · escape keep theirs"
            )
            return
        except WorkbenchError as exc:
            self.show_problem(f"Not saved: {exc.message}. What you typed is still here.")
            return
        self.dismiss(sentence)

    def action_take_theirs(self) -> None:
        if self._theirs is None:
            return
        self.query_one(Input).value = self._initial = self._theirs.claimant or ""
        self._theirs = None
        self.show_problem("")
        self.query_one("#claimant-hint", Label).update(
            "enter or ctrl+s save (empty clears) · escape cancel"
        )

    def action_cancel(self) -> None:
        self.close_unless_unsaved("Close without saving the claimant you typed?")
