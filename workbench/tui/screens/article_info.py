"""The article's details (i on the review screen, e in the library): title, URL, date,
authors, outlet.

The form checks each field as the store will (``workbench.validate``) and says
what is wrong in one line, on the field, without closing.  It stores the
details itself (through ``save``) and closes only once they are stored; only
the fields the reviewer changed are written, so an outlet someone else set
meanwhile is not overwritten by a title edit.  When someone else changed the
same field since the form opened, theirs is shown: ``ctrl+s`` again saves
yours over it, ``ctrl+o`` takes theirs.  Escape with unsaved text asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Article
from workbench.store import Store
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.text import visible
from workbench.validate import check_date, check_name, check_url

# (field, label, placeholder)
FIELDS = (
    ("title", "Title", ""),
    ("url", "URL (http or https)", "https://…"),
    ("published", "Published (ISO 8601 date)", "2026-03-01 or 2026-03-01T09:30+01:00"),
    ("authors", "Authors (comma-separated)", "Jane Doe, John Roe"),
    ("outlet", "Outlet", "BBC News"),
)
NAMES = {"title": "title", "url": "URL", "published": "date", "authors": "authors",
         "outlet": "outlet"}  # fmt: skip

SaveInfo = Callable[[dict[str, Any], Article], Article]


def form_values(a: Article) -> dict[str, str]:
    """The article's details as the form's fields show them."""
    return {
        "title": a.title,
        "url": a.url or "",
        "published": a.published or "",
        "authors": ", ".join(a.authors),
        "outlet": a.outlet or "",
    }


def split_authors(text: str) -> tuple[str, ...]:
    """``"Jane Doe, John Roe"`` -> ``("Jane Doe", "John Roe")`` (empty names dropped)."""
    return tuple(name for part in text.split(",") if (name := " ".join(part.split())))


def info_saver(store: Store, article_id: int) -> SaveInfo:
    """A ``save`` for the form: refuses (``ConflictError``) to overwrite a field someone
    else changed since ``expected`` was read; else one ``set_article_info``, one undo step."""

    def save(changes: dict[str, Any], expected: Article) -> Article:
        now = store.article(article_id)
        theirs, before = form_values(now), form_values(expected)
        clashes = [NAMES[f] for f in changes if theirs[f] != before[f]]
        if clashes:
            raise ConflictError(
                f"the {' and '.join(clashes)} of this article changed elsewhere while you were"
                " editing",
                current=now,
            )
        return store.set_article_info(article_id, **changes)

    return save


class ArticleInfoForm(Dialog[Article | None]):
    """Returns the article once ``save`` stored the changes; None when closed unchanged."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    ArticleInfoForm > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 95%;
    }
    ArticleInfoForm Label.field { margin-top: 1; color: $text-muted; }
    ArticleInfoForm #info-theirs { display: none; border-left: thick $warning; padding: 0 1; }
    ArticleInfoForm.-conflict #info-theirs { display: block; }
    """
    BINDINGS = [
        # Not a priority binding: it waits behind the keys typed before it (a fast typist).
        Binding("ctrl+s", "save", "Save", id="info.save", tooltip="Save the article's details"),
        Binding("ctrl+o", "take_theirs", "Take theirs", id="info.theirs",
                tooltip="Fill the form with the details saved meanwhile"),
        Binding("escape", "cancel", "Cancel", id="info.cancel", tooltip="Close without saving"),
    ]  # fmt: skip

    def __init__(self, article: Article, save: SaveInfo) -> None:
        super().__init__()
        self.article = article  # as read when the form opened (or theirs, after a conflict)
        self._save = save
        self._initial = form_values(article)
        self._theirs: Article | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(
                Text(f"Details of article {self.article.id}: ")
                + Text(visible(self.article.title), style="italic")
            )
            for name, label, placeholder in FIELDS:
                yield Label(label, classes="field")
                yield Input(self._initial[name], id=f"info-{name}", placeholder=placeholder)
            yield Label("", id="info-problem", classes="problem", markup=False)
            yield Static("", id="info-theirs", markup=False)
            yield Label("tab next field · ctrl+s save · escape cancel", classes="hint",
                        id="info-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#info-title", Input).focus()

    def field(self, name: str) -> Input:
        return self.query_one(f"#info-{name}", Input)

    def values(self) -> dict[str, str]:
        return {name: self.field(name).value for name, _, _ in FIELDS}

    def unsaved(self) -> bool:
        return any(v.strip() != self._initial[k].strip() for k, v in self.values().items())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == f"info-{FIELDS[-1][0]}":
            self.action_save()
        else:
            self.focus_next()

    def checked(self) -> dict[str, Any] | None:
        """The changed fields, checked as the store checks them; None (and the problem
        shown, the field focused) when one is refused."""
        changes: dict[str, Any] = {}
        for name, value in self.values().items():
            if value.strip() == self._initial[name].strip():
                continue
            try:
                if name == "title":
                    changes[name] = check_name(value, "the title")
                elif name == "url":
                    changes[name] = check_url(value)
                elif name == "published":
                    changes[name] = check_date(value)
                elif name == "outlet":
                    changes[name] = check_name(value, "the outlet")
                else:
                    authors = split_authors(value)
                    for author in authors:
                        check_name(author, "an author")
                    changes[name] = authors
            except WorkbenchError as exc:
                self.show_problem(f"Not saved: {exc.message}.")
                self.field(name).focus()
                return None
        return changes

    def action_save(self) -> None:
        changes = self.checked()
        if changes is None:
            return
        if not changes:
            self.dismiss(None)
            return
        try:
            article = self._save(changes, self.article)
        except ConflictError as exc:
            self._conflict(exc)
            return
        except WorkbenchError as exc:
            self.show_problem(f"Not saved: {exc.message}. What you typed is still here.")
            return
        self._initial = form_values(article)
        self.dismiss(article)

    def _conflict(self, exc: ConflictError) -> None:
        theirs = exc.current
        assert isinstance(theirs, Article)
        # Saving again writes the reviewer's fields over theirs: the form now knows them.
        self.article, self._theirs = theirs, theirs
        self.show_problem(f"Not saved: {exc.message}.")
        shown = Text("Theirs:\n", style="bold")
        for name, value in form_values(theirs).items():
            shown += Text(f"{NAMES[name]}: ", style="dim") + Text(visible(value) or "—") + "\n"
        self.query_one("#info-theirs", Static).update(shown)
        self.query_one("#info-hint", Label).update(
            "ctrl+s save yours over theirs · ctrl+o take theirs · escape keep theirs"
        )
        self.add_class("-conflict")

    def action_take_theirs(self) -> None:
        if self._theirs is None:
            return
        for name, value in form_values(self._theirs).items():
            self.field(name).value = value
        self._initial = form_values(self._theirs)
        self._theirs = None
        self.remove_class("-conflict")
        self.show_problem("")
        self.query_one("#info-hint", Label).update("tab next field · ctrl+s save · escape cancel")

    def action_cancel(self) -> None:
        self.close_unless_unsaved("Close the form without saving what you typed?")
