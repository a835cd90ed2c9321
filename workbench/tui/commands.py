"""The command palette (ctrl+p): every action of the review screen, "group: Verb"."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


def review_commands() -> list[tuple[str, str, str, bool]]:
    """(title, action, help, on the list?) for every binding of the review screen and its
    sentence list: one source for keys and palette.

    The title is the binding id's group and what the key does ("verdict: Mark disputed
    and move on"); the help names the key's short label.
    """
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.widgets.sentence_list import SentenceList

    out = []
    for on_list, bindings in ((False, ReviewScreen.BINDINGS), (True, SentenceList.BINDINGS)):
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.id in (None, "app.quit"):
                continue
            group = binding.id.split(".", 1)[0]
            out.append((f"{group}: {binding.tooltip or binding.description}", binding.action,
                        binding.description, on_list))  # fmt: skip
    return out


class ReviewCommands(Provider):
    """Offers the review screen's actions; shown without typing, filtered when typing."""

    def _run(self, action: str, on_list: bool) -> None:
        from workbench.tui.widgets.sentence_list import SentenceList

        target = self.screen.query_one(SentenceList) if on_list else self.screen
        self.app.call_later(target.run_action, action)

    async def discover(self) -> Hits:
        for title, action, help_text, on_list in review_commands():
            yield DiscoveryHit(title, partial(self._run, action, on_list), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text, on_list in review_commands():
            score = matcher.match(title)
            if score > 0:
                run = partial(self._run, action, on_list)
                yield Hit(score, matcher.highlight(title), run, help=help_text)
