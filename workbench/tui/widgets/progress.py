"""The header of the review screen: title, progress bar, counts per verdict.

The bar is drawn as text in one label: a ProgressBar widget (with its
animation timers) costs start-up time for nothing a reviewer needs.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from workbench.model import Counts, Verdict
from workbench.tui.widgets.text import visible

BAR_WIDTH = 20


def counts_text(c: Counts) -> Text:
    """``━━━━━──── 12/15 ✔ 5 ✘ 4 ◆ 3 · 3 ⚑ 1``: symbols as well as colours."""
    done = round(BAR_WIDTH * c.reviewed / c.sentences) if c.sentences else 0
    t = Text()
    t.append("━" * done, style="green")
    t.append("━" * (BAR_WIDTH - done), style="grey35")
    t.append(f" {c.reviewed}/{c.sentences}  ")
    for verdict, n, style in (
        (Verdict.VERIFIED, c.verified, "green"),
        (Verdict.DISPUTED, c.disputed, "red"),
        (Verdict.OPINION, c.opinion, "yellow"),
    ):
        t.append(f"{verdict.symbol} {n} {verdict.value}  ", style=style)
    t.append(f"· {c.unreviewed} open")
    if c.flagged:
        t.append(f"  ⚑ {c.flagged}")
    return t


class ProgressHeader(Horizontal):
    """How far the review is: reviewed / total and the counts per verdict."""

    DEFAULT_CSS = """
    ProgressHeader { height: 1; dock: top; background: $panel; padding: 0 1; }
    ProgressHeader > #title {
        width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ProgressHeader > #counts { width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="title", markup=False)
        yield Label(id="counts", markup=False)

    def show(self, title: str, counts: Counts) -> None:
        self.query_one("#title", Label).update(Text(visible(title)))
        self.query_one("#counts", Label).update(counts_text(counts))
