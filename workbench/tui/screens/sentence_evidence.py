"""The evidence of one sentence (E): edit or unlink each piece."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.model import Evidence
from workbench.tui.screens.dialog import Dialog
from workbench.tui.screens.evidence_library import evidence_line
from workbench.tui.widgets.choices import Choices


class SentenceEvidence(Dialog[tuple[str, Evidence] | None]):
    """Returns ("edit", evidence) or ("unlink", evidence), or None when closed."""

    DEFAULT_CSS = """
    SentenceEvidence > Vertical {
        width: 90%; max-width: 110; height: 60%;
    }
    SentenceEvidence OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "choose('edit')", "Edit", id="evidence.edit", tooltip="Edit this piece"),
        Binding("delete,backspace,x", "choose('unlink')", "Unlink", id="evidence.unlink",
                tooltip="Unlink it from the sentence (it stays in the library)"),
        Binding("escape,q", "close", "Close", id="evidence.close", tooltip="Close"),
    ]  # fmt: skip

    def __init__(self, position: int, evidence: list[Evidence]) -> None:
        super().__init__()
        self.position = position
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Evidence of sentence {self.position}")
            yield Choices(id="sentence-evidence")
            yield Label("enter edit · delete unlink · escape close", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.evidence:
            options.add_option(Option(Text("None linked (e adds, l links).", style="dim"),
                                      disabled=True))  # fmt: skip
        options.add_options(Option(evidence_line(e)) for e in self.evidence)
        if self.evidence:
            options.highlighted = 0
        options.focus()

    def action_choose(self, what: str) -> None:
        shown = self.query(OptionList)  # (none yet: enter sent with the E that opened it)
        index = shown.first().highlighted if shown else 0
        if self.evidence and index is not None:
            self.dismiss((what, self.evidence[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose("edit")

    def action_close(self) -> None:
        self.dismiss(None)
