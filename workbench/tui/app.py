"""WorkbenchApp: wiring only.  The store and settings come in; screens do the work."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from workbench.config import Settings
from workbench.store import Store
from workbench.tui.commands import ReviewCommands
from workbench.tui.screens.review import ReviewScreen


class WorkbenchApp(App[None]):
    """A keyboard-first fact-check workbench."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses may live elsewhere
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def __init__(self, store: Store, settings: Settings, article_id: int) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.article_id = article_id

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        theme = self.settings.theme or self.store.get_meta("theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.store.set_meta("last_article", str(self.article_id))

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen(self.store, self.article_id)

    def open_article(self, article_id: int, sentence_id: int | None = None) -> None:
        """Show another article (from the library, or a match), on a given sentence."""
        self.article_id = article_id
        self.store.set_meta("last_article", str(article_id))
        while len(self.screen_stack) > 1:  # close any dialog over the review screen
            self.pop_screen()
        review = self.screen_stack[0]
        assert isinstance(review, ReviewScreen)
        review.show_article(article_id, sentence_id)

    def _remember_theme(self, theme: object) -> None:
        self.store.set_meta("theme", self.theme)
