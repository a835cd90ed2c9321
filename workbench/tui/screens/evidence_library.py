"""The evidence library (l): every stored piece of evidence, searched fuzzily, to link."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.model import Evidence
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.choices import Choices
from workbench.tui.widgets.fields import Input
from workbench.tui.widgets.text import visible


def evidence_line(e: Evidence) -> Text:
    t = Text(f"[{e.stance.value}] ", style="cyan")
    t.append(visible(e.title or e.url or "(untitled)"), style="bold")
    if e.url and e.title:
        t.append(f"  {visible(e.url)}", style="dim")
    if e.quote:
        t.append(f"\n    “{visible(e.quote)[:100]}”", style="italic")
    t.append(f"  · linked {e.link_count}×", style="dim")
    return t


def search(library: list[Evidence], query: str, limit: int = 50) -> list[Evidence]:
    """Best matches for ``query`` over URL, title, quote and note (all of it when empty)."""
    if not query.strip():
        return library[:limit]
    haystack = [f"{e.title} {e.url} {e.quote} {e.note}".casefold() for e in library]
    found = process.extract(query.casefold(), haystack, scorer=fuzz.partial_ratio, limit=limit,
                            score_cutoff=60)  # fmt: skip
    return [library[i] for _, _, i in found]


class EvidenceLibrary(Dialog[Evidence | None]):
    """Type to search; enter links the highlighted evidence to the current sentence."""

    DEFAULT_CSS = """
    EvidenceLibrary > Vertical {
        width: 90%; max-width: 120; height: 80%;
    }
    EvidenceLibrary OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="library.cancel", tooltip="Close"),
        Binding("down", "move(1)", "Down", show=False, id="library.down", tooltip="Next"),
        Binding("up", "move(-1)", "Up", show=False, id="library.up", tooltip="Previous"),
    ]

    def __init__(self, library: list[Evidence]) -> None:
        super().__init__()
        self.library = library
        self.shown: list[Evidence] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Evidence library ({len(self.library)})")
            yield Input(placeholder="search URL, title, quote…", id="library-search")
            yield Choices(id="library-list")
            yield Label("type to search · ↑/↓ choose · enter link · escape close", classes="hint")

    def on_mount(self) -> None:
        self.refresh_list("")
        self.query_one(Input).focus()

    def refresh_list(self, query: str) -> None:
        self.shown = search(self.library, query)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.shown:
            options.add_option(Option(Text("Nothing matches.", style="dim"), disabled=True))
            return
        options.add_options(Option(evidence_line(e)) for e in self.shown)
        options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_list(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        index = self.query_one(OptionList).highlighted
        if self.shown and index is not None:
            self.dismiss(self.shown[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.shown:
            self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
