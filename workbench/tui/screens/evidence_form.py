"""The evidence form (e): URL, source title, quote, stance, note — and the claims it supports.

``tab`` moves between fields, ``ctrl+s`` (or ``enter`` on the note) saves,
``escape`` cancels (asking first when something was typed).  As the quote is
typed, the sentences it most likely supports are offered (rapidfuzz partial
matching), to link it to several at once.  Only http and https URLs are
accepted.  The form stores the evidence itself (``save``, a store verb) and
closes only once it is stored; a failed write leaves it open with what was
typed, and an edit over someone else's newer edit shows theirs to choose from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, SelectionList

from workbench.errors import ValidationError
from workbench.model import Evidence, Sentence, Stance
from workbench.tui.screens.form import Form, form_bindings, heading
from workbench.tui.widgets.fields import Input, Select
from workbench.tui.widgets.suggestions import Suggestions
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


SaveEvidence = Callable[[EvidenceDraft, "int | None"], object]
FIELDS = ("url", "title", "quote", "stance", "note")


def evidence_values(e: Evidence | None, clipboard_url: str = "") -> dict[str, str]:
    """The evidence's fields as the form shows them (none yet: the URL copied, if any)."""
    if e is None:
        return dict(zip(FIELDS, (clipboard_url, "", "", Stance.SUPPORTS.value, ""), strict=True))
    return dict(zip(FIELDS, (e.url, e.title, e.quote, e.stance.value, e.note), strict=True))


class EvidenceForm(Form[EvidenceDraft | None]):
    """Returns the draft once ``save`` has stored it, or None when cancelled."""

    DEFAULT_CSS = """
    EvidenceForm > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
    }
    EvidenceForm SelectionList { height: auto; max-height: 8; }
    """
    BINDINGS = form_bindings("evidence", "Save the evidence",
                             "Fill the form with the version saved meanwhile")  # fmt: skip
    GROUP = "evidence"
    AUTO_FOCUS = "#ev-url"  # (not its scroll container: keys typed right after e go in it)

    def __init__(
        self,
        sentence: Sentence,
        others: list[Sentence] | Callable[[], list[Sentence]],
        *,
        save: SaveEvidence,
        existing: Evidence | None = None,
        clipboard_url: str = "",
    ) -> None:
        super().__init__(
            save, existing.version if existing else None, evidence_values(existing, clipboard_url)
        )
        self.sentence = sentence
        # The article's other sentences, to offer: read when a quote is first typed (a long
        # article's sentences are not all held by the list).
        self._others = others if callable(others) else [s for s in others if s.id != sentence.id]
        self.existing = existing
        self.clipboard_url = clipboard_url

    def compose(self) -> ComposeResult:
        what = "Edit evidence" if self.existing else "Add evidence"
        v = self.initial
        with VerticalScroll():
            yield heading(f"{what} for sentence {self.sentence.position}: ", self.sentence.text)
            yield Label("URL (http or https)", classes="field")
            yield Input(v["url"], id="ev-url", placeholder="https://…")
            yield Label("Source title", classes="field")
            yield Input(v["title"], id="ev-title")
            yield Label("Quote (the excerpt that bears on the claim)", classes="field")
            yield Input(v["quote"], id="ev-quote")
            yield Label("Stance", classes="field")
            choices = [(s.value, s.value) for s in Stance]
            yield Select(choices, allow_blank=False, value=v["stance"], id="ev-stance")
            yield Label("Note", classes="field")
            yield Input(v["note"], id="ev-note")
            if not self.existing:
                yield Label("Also supports (space to tick; from the quote)", classes="field")
                yield Suggestions(id="ev-also")
            yield from self.ending()

    def on_mount(self) -> None:
        self.focus_first(self.field("url"))

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
        others = self.others()
        for index, score in match_quote([s.text for s in others], quote, limit=5):
            if score >= 60:
                s = others[index]
                label = Text(f"{score:.0f}  {s.position}. ") + Text(visible(s.text)[:90])
                also.add_option((label, s.id, s.id in ticked))

    def others(self) -> list[Sentence]:
        """The article's other sentences (read on first use)."""
        if callable(self._others):
            self._others = [s for s in self._others() if s.id != self.sentence.id]
        return self._others

    def field(self, name: str) -> Input | Select:
        if name == "stance":
            return self.query_one("#ev-stance", Select)
        return self.query_one(f"#ev-{name}", Input)

    def values(self) -> dict[str, str]:
        return {name: str(self.field(name).value) for name in FIELDS}

    def fill(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self.field(name).value = value

    def draft(self) -> EvidenceDraft | None:
        values = self.values()
        try:
            url = check_url(values["url"])
        except ValidationError as exc:
            self.show_problem(exc.message)
            self.field("url").focus()
            return None
        draft = EvidenceDraft(
            url=url,
            title=values["title"].strip(),
            quote=values["quote"].strip(),
            stance=values["stance"],
            note=values["note"].strip(),
            also_link=[]
            if self.existing
            else list(self.query_one("#ev-also", SelectionList).selected),
        )
        if not (draft.url or draft.title or draft.quote or draft.note):
            self.show_problem("Give at least a URL, a title, a quote or a note.")
            return None
        return draft

    def result(self, draft: EvidenceDraft, stored: object) -> EvidenceDraft:
        return draft

    def theirs_of(self, current: Evidence) -> tuple[int | None, dict[str, str]]:
        return current.version, evidence_values(current)
