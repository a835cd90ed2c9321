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

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from workbench.errors import ConflictError
from workbench.model import Sentence
from workbench.store import Store
from workbench.tui.screens.form import Form, form_bindings, heading
from workbench.tui.widgets.fields import Input

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


class ClaimantForm(Form[Sentence | None]):
    """Returns the sentence once its claimant is stored; None when closed unchanged."""

    DEFAULT_CSS = """
    ClaimantForm > Vertical {
        width: 80%; max-width: 100; height: auto;
    }
    ClaimantForm #claimant-source { color: $text-muted; }
    """
    BINDINGS = form_bindings("claimant", "Save the claimant",
                             "Take the claimant saved meanwhile")  # fmt: skip
    GROUP = "claimant"
    HINT = "enter or ctrl+s save (empty clears) · escape cancel"
    QUESTION = "Close without saving the claimant you typed?"

    def __init__(self, sentence: Sentence, suggestion: str | None, save: SaveClaimant) -> None:
        # The version expected is the claimant stored; the field starts from the suggestion.
        initial = {"claimant": sentence.claimant or suggestion or ""}
        super().__init__(save, sentence.claimant, initial)
        self.sentence = sentence
        self.suggested = not sentence.claimant and bool(suggestion)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield heading(f"Who made the claim in sentence {self.sentence.position}: ",
                          self.sentence.text)  # fmt: skip
            yield Input(self.initial["claimant"], id="claimant-input",
                        placeholder="a person or an organisation")  # fmt: skip
            if self.suggested:
                source = "Suggested from the sentence's attribution: enter keeps it."
            elif self.expected:
                source = "Stored. Empty the field to clear it."
            else:
                source = "The sentence names nobody: type who made the claim."
            yield Label(source, id="claimant-source", markup=False)
            yield from self.ending(theirs=False)  # the problem names theirs

    def on_mount(self) -> None:
        self.focus_first(self.query_one(Input))

    def values(self) -> dict[str, str]:
        return {"claimant": self.query_one(Input).value}

    def fill(self, values: dict[str, str]) -> None:
        self.query_one(Input).value = values["claimant"]

    def draft(self) -> str:
        return " ".join(self.values()["claimant"].split())

    def unchanged(self, draft: str) -> bool:
        return (draft or None) == self.expected

    def theirs_of(self, current: Sentence) -> tuple[str | None, dict[str, str]]:
        return current.claimant, {"claimant": current.claimant or ""}
