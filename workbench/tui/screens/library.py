"""The article library (a): every article with its progress; open, import, paste, edit its
details, delete.

Imports run in a worker thread with a connection of their own (SQLite
connections belong to one thread), reporting progress as they go; the screen
stays responsive.  Whatever stops an import is said in one line (``guard.worker``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from workbench.errors import WorkbenchError
from workbench.model import Article
from workbench.tui.guard import guarded, guarding, worker
from workbench.tui.screens.dialog import ConfirmScreen, Dialog
from workbench.tui.screens.prompt import PromptScreen
from workbench.tui.widgets.choices import Choices
from workbench.tui.widgets.progress import counts_text
from workbench.tui.widgets.text import visible

if TYPE_CHECKING:
    from workbench.importer import Imported
    from workbench.store import Store


def article_line(a: Article) -> Text:
    t = Text(f"{a.id:>4}  ", style="dim")
    t.append(visible(a.title), style="bold")
    t.append(f"\n      {visible(a.source)}\n      ", style="dim")
    return t + counts_text(a.counts)


class LibraryScreen(Dialog[int | None]):
    """Returns the id of the article to open, or None."""

    DEFAULT_CSS = """
    LibraryScreen > Vertical {
        width: 95%; max-width: 130; height: 85%;
    }
    LibraryScreen OptionList { height: 1fr; }
    LibraryScreen ProgressBar { display: none; }
    LibraryScreen ProgressBar.-busy { display: block; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", id="articles.open", tooltip="Review this article"),
        Binding("i", "import_file", "Import", id="articles.import",
                tooltip="Import a file or URL by path"),
        Binding("p", "paste", "Paste", id="articles.paste",
                tooltip="Import the clipboard's text as an article"),
        # i imports here: e edits the details (i does it on the review screen)
        Binding("e", "article_info", "Details", id="articles.info",
                tooltip="Edit the title, URL, publication date, authors and outlet"),
        Binding("d", "delete", "Delete", id="articles.delete",
                tooltip="Delete the article (press d twice; u brings it back)"),
        Binding("u", "undo", "Undo", id="articles.undo", tooltip="Undo the last delete"),
        Binding("escape,a,q", "close", "Close", id="articles.close", tooltip="Back to the review"),
    ]  # fmt: skip

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current
        self.articles: list[Article] = []
        self._armed: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Articles", id="library-title")
            yield Choices(id="articles")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Label("enter open · i import · p paste · e details · d delete · u undo"
                        " · escape close", classes="hint")  # fmt: skip

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]

    @guarded
    def on_mount(self) -> None:
        self.reload(self.current)

    def reload(self, highlight: int | None = None) -> None:
        self.articles = self.store.articles()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(article_line(a), id=str(a.id)) for a in self.articles)
        ids = [a.id for a in self.articles]
        if ids:
            options.highlighted = ids.index(highlight) if highlight in ids else 0
        options.focus()
        self.query_one("#library-title", Label).update(f"Articles ({len(ids)})")

    def _selected(self) -> Article | None:
        index = self.query_one(OptionList).highlighted
        return self.articles[index] if self.articles and index is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    @guarded
    def action_open(self) -> None:
        if (a := self._selected()) is not None:
            self.dismiss(a.id)

    @guarded
    def action_delete(self) -> None:
        a = self._selected()
        if a is None:
            return
        if self._armed != a.id:
            self._armed = a.id
            self.notify(f"Press d again to delete “{a.title}” (u undoes it).", severity="warning")
            return
        self._armed = None
        if len(self.articles) == 1:
            self.notify("The last article can't be deleted: import another first.",
                        severity="warning")  # fmt: skip
            return
        if a.id != self.current:
            self.delete(a)
            return

        @guarding(self)
        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(a)

        question = f"Delete “{visible(a.title)}”, the article open for review? (u brings it back)"
        self.app.push_screen(ConfirmScreen(question, "delete it", "keep it"), answered)

    def delete(self, a: Article) -> None:
        self.store.delete_article(a.id)
        self.notify(f"Deleted “{a.title}”. u brings it back.")
        self.reload()

    @guarded
    def action_article_info(self) -> None:
        from workbench.tui.screens.article_info import ArticleInfoForm, info_saver

        a = self._selected()
        if a is None:
            return

        @guarding(self)
        def saved(article: Article | None) -> None:
            if article is not None:
                self.notify(f"Details of “{visible(article.title)}” saved (u on its review"
                            " screen undoes it).", markup=False)  # fmt: skip
                self.reload(article.id)

        form = ArticleInfoForm(self.store.article(a.id), info_saver(self.store, a.id))
        self.app.push_screen(form, saved)

    @guarded
    def action_undo(self) -> None:
        change = self.store.undo(None)
        if change is None:
            self.notify("Nothing to undo here.", severity="warning")
            return
        self.notify(f"Undone: {change.action}.")
        selected = self._selected()
        self.reload(selected.id if selected is not None else None)  # the cursor stays put

    @guarded
    def action_import_file(self) -> None:
        @guarding(self)
        def chosen(path: str | None) -> None:
            if path and path.strip():
                self.run_import(path.strip(), None)

        self.app.push_screen(PromptScreen("Import a file or URL (path)"), chosen)

    @guarded
    def action_paste(self) -> None:
        from workbench.clipboard import paste_text

        try:
            text = paste_text()
        except WorkbenchError as exc:
            self.notify(exc.message, severity="error")
            return
        self.run_import(None, text)

    @worker("The import", thread=True, exclusive=True)
    def run_import(self, source: str | None, text: str | None) -> None:
        """Import in a thread, with a connection of its own, showing progress."""
        from workbench.importer import import_source, import_text
        from workbench.store import Store

        app = self.app
        bar = self.query_one(ProgressBar)
        app.call_from_thread(bar.add_class, "-busy")
        own_work = app.own_work  # type: ignore[attr-defined]
        app.call_from_thread(own_work, 1)  # the open article may get new matches

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=total, progress=done)

        try:
            with Store(self.store.path, reviewer=self.store.reviewer, check=False) as store:
                settings = app.settings  # type: ignore[attr-defined]
                if text is not None:
                    result = import_text(store, text, settings, progress=progress)
                else:
                    result = import_source(store, source or "", settings, progress=progress)
        finally:
            app.call_from_thread(bar.remove_class, "-busy")
            app.call_from_thread(own_work, -1)
        app.call_from_thread(self.imported, result)

    def imported(self, result: Imported) -> None:
        """Say what the import did; list the article, the library still open."""
        a = result.article
        said = result.describe() or "imported"
        self.app.notify(f"“{visible(a.title)}” {said}: {a.counts.sentences} sentences.",
                        timeout=8, markup=False)  # fmt: skip
        for warning in result.warnings:
            self.app.notify(visible(warning), severity="warning", timeout=8, markup=False)
        if self.is_attached:
            self.reload(a.id)

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)
