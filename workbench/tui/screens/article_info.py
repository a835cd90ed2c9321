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

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label

from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Article
from workbench.store import Store
from workbench.tui.screens.form import Form, form_bindings, heading
from workbench.tui.widgets.fields import Input
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


class ArticleInfoForm(Form[Article | None]):
    """Returns the article once ``save`` stored the changes; None when closed unchanged."""

    DEFAULT_CSS = """
    ArticleInfoForm > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 95%;
    }
    """
    BINDINGS = form_bindings("info", "Save the article's details",
                             "Fill the form with the details saved meanwhile")  # fmt: skip
    GROUP = "info"
    AUTO_FOCUS = "#info-title"  # (not its scroll container: keys typed at once go in it)
    LABELS = NAMES

    def __init__(self, article: Article, save: SaveInfo) -> None:
        super().__init__(save, article, form_values(article))
        self.article = article  # as read when the form opened

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield heading(f"Details of article {self.article.id}: ", self.article.title)
            for name, label, placeholder in FIELDS:
                yield Label(label, classes="field")
                yield Input(self.initial[name], id=f"info-{name}", placeholder=placeholder)
            yield from self.ending()

    def on_mount(self) -> None:
        self.focus_first(self.field("title"))

    def field(self, name: str) -> Input:
        return self.query_one(f"#info-{name}", Input)

    def values(self) -> dict[str, str]:
        return {name: self.field(name).value for name, _, _ in FIELDS}

    def fill(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self.field(name).value = value

    def draft(self) -> dict[str, Any] | None:
        """The changed fields, checked as the store checks them; None (and the problem
        shown, the field focused) when one is refused."""
        changes: dict[str, Any] = {}
        for name, value in self.values().items():
            if value.strip() == self.initial[name].strip():
                continue
            try:
                changes[name] = check_field(name, value)
            except WorkbenchError as exc:
                self.show_problem(f"Not saved: {exc.message}.")
                self.field(name).focus()
                return None
        return changes

    def unchanged(self, draft: dict[str, Any]) -> bool:
        return not draft

    def theirs_of(self, current: Article) -> tuple[Article, dict[str, str]]:
        # Saving again writes the reviewer's fields over theirs: the form now knows them.
        return current, form_values(current)


def check_field(name: str, value: str) -> Any:
    """A field's text as the store takes it (``ValidationError`` when it is refused)."""
    if name == "title":
        return check_name(value, "the title")
    if name == "url":
        return check_url(value)
    if name == "published":
        return check_date(value)
    if name == "outlet":
        return check_name(value, "the outlet")
    authors = split_authors(value)
    for author in authors:
        check_name(author, "an author")
    return authors
