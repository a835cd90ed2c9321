"""The review screen's header: progress and title, then the byline and what is hidden.

The first line is ``ProgressHeader``'s (counts first, then the title); the
second says whose article it is (outlet, authors, date) and, when a filter or
a search hides sentences, which ones and where the cursor is among those shown:
``filter: disputed · search: “troops” 3/7``.  Everything from the article or
typed by the reviewer goes in as ``Text`` made ``visible``: never markup.
"""

from __future__ import annotations

from rich.text import Text

from workbench.model import Article, Counts
from workbench.tui.widgets.progress import ProgressHeader, counts_text
from workbench.tui.widgets.text import visible


def view_text(filter_name: str, query: str, cursor: int, shown: int) -> Text:
    """``filter: disputed · search: “troops” 3/7``; empty when nothing is hidden."""
    parts = []
    if filter_name != "all":
        parts.append(Text(f"filter: {filter_name}"))
    if query:
        parts.append(Text("search: “") + Text(visible(query)) + Text("”"))
    if not parts:
        return Text()
    t = Text(" · ").join(parts)
    t.append(f" {cursor + 1}/{shown}" if shown else " none shown")
    t.stylize("bold yellow")
    return t


def byline_text(article: Article | None) -> Text:
    """Outlet · authors · date (else the URL; else how to add them)."""
    if article is not None and article.byline:
        return Text(visible(article.byline))
    if article is not None and article.url:
        return Text(visible(article.url), style="dim")
    return Text("no byline (i adds the outlet, authors and date)", style="dim italic")


class ReviewHeader(ProgressHeader):
    """Two lines: how far the review is and the title; the byline and the view."""

    DEFAULT_CSS = """
    ReviewHeader { height: 2; }
    """

    def show_review(self, article: Article | None, title: str, counts: Counts, view: Text) -> None:
        """Draw both lines (``view``: what ``view_text`` gives)."""
        line = counts_text(counts)
        line.append("  │  ", style="dim")
        line.append(visible(title), style="bold")
        second = Text()
        if view:
            second.append_text(view)
            second.append("  │  ", style="dim")
        second.append_text(byline_text(article))
        self.update(Text("\n").join([line, second]), layout=False)  # two lines, always
