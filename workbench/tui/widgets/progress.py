"""The header of the review screen: a progress bar, counts per verdict, the title.

The bar is drawn as text: a ProgressBar widget (with its animation timers)
costs start-up time for nothing a reviewer needs.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workbench.model import FLAG_MARK, UNREVIEWED_SYMBOL, Counts, Verdict
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
    t.append(f"{UNREVIEWED_SYMBOL} {c.unreviewed} open")
    if c.flagged:
        t.append(f"  {FLAG_MARK} {c.flagged}")
    return t


class ProgressHeader(Static):
    """How far the review is, then the article's title: one line, counts first.

    One Static rather than a row of widgets: it is drawn in every first frame.
    """

    DEFAULT_CSS = """
    ProgressHeader {
        height: 1; dock: top; background: $panel; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def show(self, title: str, counts: Counts) -> None:
        line = counts_text(counts)
        line.append("  │  ", style="dim")
        line.append(visible(title), style="bold")
        self.update(line, layout=False)  # one line, whatever it says: no layout to redo
