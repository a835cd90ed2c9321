"""The evidence form (e): URL, source title, quote, stance, note — and the claims it supports.

``tab`` moves between fields, ``ctrl+s`` (or ``enter`` on the note) saves,
``escape`` cancels.  As the quote is typed, the sentences it most likely
supports are offered (rapidfuzz partial matching), to link it to several at
once.  Only http and https URLs are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList

from workbench.errors import ValidationError
from workbench.model import Evidence, Sentence, Stance
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.text import visible
from workbench.validate import check_url


@dataclass
class EvidenceDraft:
    """What the form returns: the fields, and the other sentences to link it to."""

    url: str = ""
    title: str = ""
    quote: str = ""
    stance: str = Stance.SUPPORTS.value
    note: str = ""
    also_link: list[int] = field(default_factory=list)  # sentence ids


class EvidenceForm(Dialog[EvidenceDraft | None]):
    DEFAULT_CSS = """
    EvidenceForm > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
    }
    EvidenceForm Label.field { margin-top: 1; color: $text-muted; }
    EvidenceForm #evidence-problem { color: $error; }
    EvidenceForm SelectionList { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="evidence.save", tooltip="Save the evidence",
                priority=True),
        Binding("escape", "cancel", "Cancel", id="evidence.cancel", tooltip="Close without saving"),
    ]  # fmt: skip

    def __init__(
        self,
        sentence: Sentence,
        others: list[Sentence],
        *,
        existing: Evidence | None = None,
        clipboard_url: str = "",
    ) -> None:
        super().__init__()
        self.sentence = sentence
        self.others = [s for s in others if s.id != sentence.id]
        self.existing = existing
        self.clipboard_url = clipboard_url

    def compose(self) -> ComposeResult:
        e = self.existing
        what = "Edit evidence" if e else "Add evidence"
        with VerticalScroll():
            yield Label(Text(f"{what} for sentence {self.sentence.position}: ")
                        + Text(visible(self.sentence.text), style="italic"))  # fmt: skip
            yield Label("URL (http or https)", classes="field")
            yield Input(e.url if e else self.clipboard_url, id="ev-url",
                        placeholder="https://…")  # fmt: skip
            yield Label("Source title", classes="field")
            yield Input(e.title if e else "", id="ev-title")
            yield Label("Quote (the excerpt that bears on the claim)", classes="field")
            yield Input(e.quote if e else "", id="ev-quote")
            yield Label("Stance", classes="field")
            stance = e.stance.value if e else Stance.SUPPORTS.value
            choices = [(s.value, s.value) for s in Stance]
            yield Select(choices, allow_blank=False, value=stance, id="ev-stance")
            yield Label("Note", classes="field")
            yield Input(e.note if e else "", id="ev-note")
            if not e:
                yield Label("Also supports (space to tick; from the quote)", classes="field")
                yield SelectionList[int](id="ev-also")
            yield Label("", id="evidence-problem")
            yield Label("tab next field · ctrl+s save · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#ev-url", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "ev-quote" and not self.existing:
            self.suggest(event.value)

    def suggest(self, quote: str) -> None:
        """Offer the article's sentences the quote most likely supports."""
        from workbench.xref import match_quote

        also = self.query_one("#ev-also", SelectionList)
        ticked = set(also.selected)
        also.clear_options()
        if len(quote.strip()) < 8:
            return
        for index, score in match_quote([s.text for s in self.others], quote, limit=5):
            if score >= 60:
                s = self.others[index]
                label = Text(f"{score:.0f}  {s.position}. ") + Text(visible(s.text)[:90])
                also.add_option((label, s.id, s.id in ticked))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ev-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        problem = self.query_one("#evidence-problem", Label)
        try:
            url = check_url(self.query_one("#ev-url", Input).value)
        except ValidationError as exc:
            problem.update(exc.message)
            self.query_one("#ev-url", Input).focus()
            return
        draft = EvidenceDraft(
            url=url,
            title=self.query_one("#ev-title", Input).value.strip(),
            quote=self.query_one("#ev-quote", Input).value.strip(),
            stance=str(self.query_one("#ev-stance", Select).value),
            note=self.query_one("#ev-note", Input).value.strip(),
            also_link=[]
            if self.existing
            else list(self.query_one("#ev-also", SelectionList).selected),
        )
        if not (draft.url or draft.title or draft.quote or draft.note):
            problem.update("Give at least a URL, a title, a quote or a note.")
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
