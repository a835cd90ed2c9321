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
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static

from workbench.errors import ConflictError, ValidationError, WorkbenchError
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


SaveEvidence = Callable[[EvidenceDraft, "int | None"], object]
FIELDS = ("url", "title", "quote", "stance", "note")


class EvidenceForm(Dialog[EvidenceDraft | None]):
    """Returns the draft once ``save`` has stored it, or None when cancelled."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    EvidenceForm > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
    }
    EvidenceForm Label.field { margin-top: 1; color: $text-muted; }
    EvidenceForm SelectionList { height: auto; max-height: 8; }
    EvidenceForm #evidence-theirs { display: none; border-left: thick $warning; padding: 0 1; }
    EvidenceForm.-conflict #evidence-theirs { display: block; }
    """
    BINDINGS = [
        # Not a priority binding: it waits behind the keys typed before it (a fast typist).
        Binding("ctrl+s", "save", "Save", id="evidence.save", tooltip="Save the evidence"),
        Binding("ctrl+o", "take_theirs", "Take theirs", id="evidence.theirs",
                tooltip="Fill the form with the version saved meanwhile"),
        Binding("escape", "cancel", "Cancel", id="evidence.cancel", tooltip="Close without saving"),
    ]  # fmt: skip

    def __init__(
        self,
        sentence: Sentence,
        others: list[Sentence] | Callable[[], list[Sentence]],
        *,
        save: SaveEvidence,
        existing: Evidence | None = None,
        clipboard_url: str = "",
    ) -> None:
        super().__init__()
        self.sentence = sentence
        # The article's other sentences, to offer: read when a quote is first typed (a long
        # article's sentences are not all held by the list).
        self._others = others if callable(others) else [s for s in others if s.id != sentence.id]
        self.existing = existing
        self.clipboard_url = clipboard_url
        self._save = save
        self._version = existing.version if existing else None
        self._theirs: Evidence | None = None
        e = existing
        self._initial = (
            (e.url, e.title, e.quote, e.stance.value, e.note)
            if e
            else (clipboard_url, "", "", Stance.SUPPORTS.value, "")
        )

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
            yield Label("", id="evidence-problem", classes="problem", markup=False)
            yield Static("", id="evidence-theirs", markup=False)
            yield Label("tab next field · ctrl+s save · escape cancel", classes="hint",
                        id="evidence-hint")  # fmt: skip

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ev-note":
            self.action_save()
        else:
            self.focus_next()

    def values(self) -> tuple[str, ...]:
        """What the fields hold now, in ``FIELDS`` order."""
        return (
            self.query_one("#ev-url", Input).value,
            self.query_one("#ev-title", Input).value,
            self.query_one("#ev-quote", Input).value,
            str(self.query_one("#ev-stance", Select).value),
            self.query_one("#ev-note", Input).value,
        )

    def unsaved(self) -> bool:
        return [v.strip() for v in self.values()] != [v.strip() for v in self._initial]

    def action_save(self) -> None:
        try:
            url = check_url(self.query_one("#ev-url", Input).value)
        except ValidationError as exc:
            self.show_problem(exc.message)
            self.query_one("#ev-url", Input).focus()
            return
        _, title, quote, stance, note = self.values()
        draft = EvidenceDraft(
            url=url,
            title=title.strip(),
            quote=quote.strip(),
            stance=stance,
            note=note.strip(),
            also_link=[]
            if self.existing
            else list(self.query_one("#ev-also", SelectionList).selected),
        )
        if not (draft.url or draft.title or draft.quote or draft.note):
            self.show_problem("Give at least a URL, a title, a quote or a note.")
            return
        try:
            self._save(draft, self._version)
        except ConflictError as exc:
            self._conflict(exc)
            return
        except WorkbenchError as exc:
            self.show_problem(f"Not saved: {exc.message}. What you typed is still here.")
            return
        self.dismiss(draft)

    def _conflict(self, exc: ConflictError) -> None:
        theirs = exc.current
        assert isinstance(theirs, Evidence)
        self._theirs, self._version = theirs, theirs.version
        self._initial = (theirs.url, theirs.title, theirs.quote, theirs.stance.value, theirs.note)
        self.show_problem(f"Not saved: {exc.message}.")
        shown = Text("Theirs:\n", style="bold")
        for name, value in zip(FIELDS, self._initial, strict=True):
            shown += Text(f"{name}: ", style="dim") + Text(visible(value) or "—") + Text("\n")
        self.query_one("#evidence-theirs", Static).update(shown)
        self.query_one("#evidence-hint", Label).update(
            "ctrl+s save yours over theirs · ctrl+o take theirs · escape keep theirs"
        )
        self.add_class("-conflict")

    def action_take_theirs(self) -> None:
        if self._theirs is None:
            return
        e = self._theirs
        self.query_one("#ev-url", Input).value = e.url
        self.query_one("#ev-title", Input).value = e.title
        self.query_one("#ev-quote", Input).value = e.quote
        self.query_one("#ev-stance", Select).value = e.stance.value
        self.query_one("#ev-note", Input).value = e.note
        self.remove_class("-conflict")
        self.show_problem("")
        self.query_one("#evidence-hint", Label).update(
            "tab next field · ctrl+s save · escape cancel"
        )

    def action_cancel(self) -> None:
        self.close_unless_unsaved("Close the form without saving what you typed?")
