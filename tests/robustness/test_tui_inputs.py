"""Bad input from inside the review screen: a notification, never the end of the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import make_app
from tests.tui.test_record_on_screen import notes, until
from workbench.store import Store
from workbench.tui.screens.library import LibraryScreen
from workbench.tui.screens.prompt import PromptScreen


def fifo(tmp: Path) -> Path:
    path = tmp / "pipe"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("bad.json", '{"workbench_version": "0.1", "article": 3', "not valid JSON"),
        ("deep.json", "[" * 50_000 + "]" * 50_000, "nested more than"),
        ("empty.txt", "", "is empty"),
        ("fifo", None, "not a regular file"),
    ],
)
async def test_a_bad_import_from_the_library_is_a_notification(
    sample_store: Store, tmp_path: Path, name: str, content: str | None, said: str
) -> None:
    path = fifo(tmp_path) if content is None else tmp_path / name
    if content is not None:
        path.write_text(content)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await until(pilot, lambda: any(said in n for n in notes(app)), seconds=10)
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        assert len(sample_store.articles()) == 1  # nothing was added


async def test_notifications_never_read_article_text_as_markup(sample_store: Store) -> None:
    """A title in a notification ("Deleted “…”") is shown as typed, never as markup."""
    from workbench.model import Document
    from workbench.segment import segment

    text = "A claim with [bold]markup[/bold] in it.\n"
    title = "[bold red]Loud[/] \x1b[31mtitle[link=https://evil.example]x[/link]"
    sample_store.import_article(Document(title, text, "hostile.txt"), segment(text))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify(f"Deleted “{title}”.", title="[b]t[/b]")
        await until(pilot, lambda: any("Loud" in n for n in notes(app)))
        (shown,) = [n for n in app._notifications if "Loud" in str(n.message)]
        assert not shown.markup
        assert (
            shown.message
            == "Deleted “[bold red]Loud[/] ␛[31mtitle[link=https://evil.example]x[/link]”."
        )
        assert shown.title == "[b]t[/b]"
