"""Search every article (F): the sentences holding every word typed, with their articles.

``enter`` in the field searches; ``enter`` on a result (or a click) returns that
sentence for the review screen to jump to (``ctrl+o`` there comes back).
``down`` or ``tab`` moves from the field to the results.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.model import Sentence
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.choices import Choices
from workbench.tui.widgets.fields import Input
from workbench.tui.widgets.text import visible

Search = Callable[[str], list[tuple[Sentence, str]]]
LIMIT = 200


def result_text(sentence: Sentence, title: str, words: list[str], here: bool) -> Group:
    """The article's title and the sentence's place, then its text (indented as a block),
    the words found lit."""
    t = Text(visible(title), style="bold")
    t.append(f" · sentence {sentence.position}", style="dim")
    if here:
        t.append(" · this article", style="dim italic")
    body = Text(visible(sentence.text))
    for word in words:
        body.highlight_words([word], style="bold yellow", case_sensitive=False)
    return Group(t, Padding(body, (0, 0, 0, 2)))


class SearchAllScreen(Dialog[Sentence | None]):
    """Returns the sentence chosen, or None when closed."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    SearchAllScreen > Vertical {
        width: 95%; max-width: 130; height: 85%;
    }
    SearchAllScreen OptionList { height: 1fr; }
    SearchAllScreen #search-all-count { color: $text-muted; }
    """
    BINDINGS = [
        Binding("down", "to_results", "Results", show=False, id="search-all.results",
                tooltip="Move from the field to the results"),
        Binding("escape", "close", "Close", id="search-all.close", tooltip="Back to the review"),
    ]  # fmt: skip

    def __init__(self, search: Search, query: str = "", here: int | None = None) -> None:
        super().__init__()
        self._search, self._query, self._here = search, query, here
        self.results: list[tuple[Sentence, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Search every article (every word must appear; enter searches)")
            yield Input(self._query, id="search-all-input", placeholder="words to find")
            yield Label("", id="search-all-count", markup=False)
            yield Choices(id="search-all-results")
            yield Label("enter search, then enter jump (ctrl+o comes back) · escape close",
                        classes="hint")  # fmt: skip

    def on_mount(self) -> None:
        self.focus_first(self.query_one(Input))
        if self._query.strip():
            self.run_search(self._query, focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value, focus=True)

    def run_search(self, query: str, *, focus: bool) -> None:
        """Search, list what was found and say how much; focus the results if asked."""
        words = query.split()
        self.results = self._search(query) if words else []
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(result_text(s, title, words, s.article_id == self._here), id=str(s.id))
            for s, title in self.results
        )
        count = self.query_one("#search-all-count", Label)
        if not words:
            count.update("")
        elif not self.results:
            count.update(f"No sentence in any article holds {' '.join(words)!r}.")
        else:
            articles = len({s.article_id for s, _ in self.results})
            more = (
                f" (the first {LIMIT}: add words to narrow)" if len(self.results) >= LIMIT else ""
            )
            noun = "sentence" if len(self.results) == 1 else "sentences"
            where = "article" if articles == 1 else "articles"
            count.update(f"{len(self.results)} {noun} in {articles} {where}{more}.")
        if self.results:
            options.highlighted = 0
            if focus:  # (at once: ``focus()`` waits its turn, and a down typed after
                self.set_focus(options)  # enter found the field still focused)

    def action_to_results(self) -> None:
        if self.results:
            self.set_focus(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.results):
            self.dismiss(self.results[index][0])

    def action_close(self) -> None:
        self.dismiss(None)
