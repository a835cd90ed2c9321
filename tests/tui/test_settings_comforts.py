"""Comforts around the settings: binding ids in the help, [keys] problems said at start,
the export dialog's memory and ClaimReview warning, and a confirmation before deleting
the open article."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.tui.conftest import make_app
from tests.tui.test_review_keys import screen_text
from workbench.config import Settings, load_settings
from workbench.importer import import_source
from workbench.model import Verdict
from workbench.report import default_filename
from workbench.store import Store
from workbench.tui.keycheck import PLACES, class_bindings, own_classes
from workbench.tui.screens.dialog import ConfirmScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.library import LibraryScreen
from workbench.tui.screens.review import ReviewScreen

SIZE = (120, 40)


async def until(pilot, condition: Callable[[], object], tries: int = 200) -> None:
    """Let the app run until ``condition`` holds (a bounded number of message rounds)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


def settings_notes(app) -> list:
    return [n for n in app._notifications if n.title == "Settings"]


# -- 1. the help lists binding ids -------------------------------------------------------


async def test_help_shows_each_binding_id_beside_its_key(sample_store: Store) -> None:
    keymap = {"verdict.disputed": "x", "xref.open": "z"}  # a swap: nothing lost
    app = make_app(sample_store, Settings(reviewer="tester", keymap=keymap))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        assert re.search(r"\bx\s+verdict\.disputed\s+Disputed\s+Mark disputed", text)
        assert re.search(r"\bz\s+xref\.open\s+Matches", text)
        for binding_id in ("verdict.verified", "move.down", "app.help", "export.dialog",
                           "app.quit", "app.palette"):  # fmt: skip
            assert binding_id in text
        assert "id in [keys]" in text
        assert settings_notes(app) == []


# -- 2. settings problems said at start ----------------------------------------------------


async def test_keymap_problems_are_one_warning_and_the_app_still_starts(
    sample_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[keys]\n"verdict.disputed" = "x"\n"verdict.dispute" = "y"\n'
        '"edit.flag" = "w"\n"edit.note" = "w"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, env={})
    app = make_app(sample_store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settings_notes(app))
        [note] = settings_notes(app)
        assert note.severity == "warning" and note.markup is False
        assert "\n" not in note.message
        assert note.message.startswith(f"[keys] in {config}: ")
        for said in (
            "verdict.disputed = “x” hides xref.open (x) on the review screen",
            "unknown binding id “verdict.dispute” (did you mean verdict.disputed?)",
            "“w” is given to both edit.note and edit.flag on the review screen",
        ):
            assert said in note.message
        await pilot.press("x")  # the keymap stays applied as written: x marks disputed
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.DISPUTED)
        assert isinstance(app.screen, ReviewScreen)


async def test_a_dialog_key_a_text_field_would_take_is_warned(sample_store: Store) -> None:
    app = make_app(sample_store, Settings(reviewer="tester", keymap={"export.write": "w"}))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settings_notes(app))
        assert "export.write = “w” can't work on the export dialog" in (
            settings_notes(app)[0].message
        )


async def test_a_harmless_keymap_is_not_warned_about(sample_store: Store) -> None:
    app = make_app(sample_store, Settings(reviewer="tester", keymap={"verdict.verified": "y"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        app.check_keymap()  # again, by hand: it has run after the first frame already
        await pilot.pause()
        assert settings_notes(app) == []


async def test_no_keymap_no_warning(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        assert settings_notes(app) == []


@pytest.fixture
def reviewed(store: Store) -> Store:
    from tests.unit.report_fixtures import reviewed_sample

    reviewed_sample(store)
    return store


INNER = {"SelectOverlay"}  # a Select's own menu, focused only while it is open


def key_holders(screen) -> tuple[set[str], bool]:
    """The classes with bindings that can be in the screen's binding chain (the focusable
    widgets and their containers), and whether a text field types there."""
    from textual.widgets import Input, TextArea

    names: set[str] = set()
    typing = False
    for widget in screen.walk_children():
        if not widget.can_focus or type(widget).__name__ in INNER:
            continue
        typing |= isinstance(widget, Input) or (
            isinstance(widget, TextArea) and not widget.read_only
        )
        for node in [widget, *widget.ancestors]:
            if node is screen:
                break
            if class_bindings(type(node)):
                names.add(type(node).__name__)
    return names, typing


# The review screen's bindings that open a screen, by id (their keys may be moved).
OPENERS = ("app.help", "articles.library", "xref.open", "export.dialog", "evidence.add",
           "evidence.link", "evidence.list", "view.search", "edit.note", "segment.split",
           "view.search-all", "edit.claimant", "edit.article-info")  # fmt: skip


async def test_the_key_check_knows_what_each_screen_holds(reviewed: Store) -> None:
    """PLACES, which the check reads, against the screens as they really are."""
    from textual.screen import Screen

    listed = [c.__name__ for c in own_classes("workbench.tui.screens", Screen)
              if any(b.id for b in class_bindings(c))]  # fmt: skip
    assert set(listed) <= set(PLACES), "a screen is missing from keycheck.PLACES"
    keys = {b.id: b.key for b in class_bindings(ReviewScreen)}
    app = make_app(reviewed)
    seen = set()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        for key in ["", *(keys[i] for i in OPENERS if i in keys)]:
            if key:
                await pilot.press(key)
                await until(pilot, lambda: not isinstance(app.screen, ReviewScreen))
            screen = app.screen
            name = type(screen).__name__
            _, widgets, typing = PLACES[name]
            assert key_holders(screen) == (set(widgets), typing), name
            seen.add(name)
            if key:
                await pilot.press("escape")
                await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    assert len(seen) >= 11


# -- 3. the export dialog remembers, and warns about ClaimReview ---------------------------


async def test_export_remembers_format_and_folder_across_restarts(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#export-format").value == "md"  # nothing remembered yet
        app.screen.query_one("#export-format").value = "csv"
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(folder / "mine.csv")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
    assert "position" in (folder / "mine.csv").read_text().splitlines()[0]
    assert sample_store.get_meta("export.format") == "csv"
    assert sample_store.get_meta("export.folder") == str(folder)

    reopened = Store(db_path, reviewer="tester")  # a new app on the same database
    again = make_app(reopened)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(again.screen, ExportScreen))
        assert again.screen.query_one("#export-format").value == "csv"
        title = sample_store.article(1).title
        expected = folder / default_filename(title, "csv")
        assert again.screen.query_one("#export-path").value == str(expected)
        await pilot.press("escape")  # cancelling remembers nothing new
    assert reopened.get_meta("export.format") == "csv"
    reopened.close()


async def test_a_remembered_folder_that_is_gone_falls_back(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sample_store.set_meta("export.folder", str(tmp_path / "gone"))
    sample_store.set_meta("export.format", "no-such-format")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#export-format").value == "md"
        assert Path(app.screen.query_one("#export-path").value).parent == tmp_path


def warning_of(app) -> str:
    label = app.screen.query_one("#export-warning")
    return str(label.render()) if label.has_class("-shown") else ""


async def test_claimreview_shows_what_is_missing_and_still_exports(
    sample_store: Store, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert warning_of(app) == ""
        app.screen.query_one("#export-format").value = "claimreview"
        await until(pilot, lambda: warning_of(app))
        assert "no absolute URL for the reviews" in warning_of(app)
        assert "no publisher: set report.publisher" in warning_of(app)
        target = tmp_path / "r.claimreview.json"
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert json.loads(target.read_text())  # written all the same

        await pilot.press("ctrl+e")  # remembered: opens on ClaimReview, warning and all
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#export-format").value == "claimreview"
        await until(pilot, lambda: warning_of(app))
        app.screen.query_one("#export-format").value = "md"
        await until(pilot, lambda: warning_of(app) == "")


async def test_the_claimreview_warning_is_text_not_markup(sample_store: Store) -> None:
    settings = Settings(reviewer="tester", publisher="Desk", base_url="[red]x\x1b")
    app = make_app(sample_store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        sample_store.set_meta("export.format", "claimreview")
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await until(pilot, lambda: warning_of(app))
        assert "url is not absolute ([red]x␛#claim-1)" in warning_of(app)


# -- 4. deleting the open article asks first ------------------------------------------------


@pytest.fixture
def two_articles(sample_store: Store, settings: Settings, tmp_path: Path) -> Store:
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge would reopen on Monday. Critics doubt it.\n")
    import_source(sample_store, str(other), settings)
    return sample_store


async def test_deleting_the_open_article_asks_first(two_articles: Store) -> None:
    store = two_articles
    title = store.article(1).title
    app = make_app(store, article_id=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        articles = app.screen.query_one(OptionList)  # the library opens on the open article
        assert articles.get_option_at_index(articles.highlighted).id == "1"
        await pilot.press("d", "d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert f"Delete “{title}”, the article open for review?" in screen_text(app)
        _, widgets, typing = PLACES["ConfirmScreen"]  # what the key check assumes of it
        assert key_holders(app.screen) == (set(widgets), typing)
        await pilot.press("n")  # cancelled: nothing lost
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert [a.id for a in store.articles()] == [1, 2]

        await pilot.press("d", "d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: [a.id for a in store.articles()] == [2])
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")  # back to the review, on an article that still exists
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await until(pilot, lambda: app.screen.article_id == 2)


async def test_deleting_another_article_asks_nothing(two_articles: Store) -> None:
    store = two_articles
    app = make_app(store, article_id=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("down", "d", "d")
        await until(pilot, lambda: [a.id for a in store.articles()] == [1])
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("u")
        await until(pilot, lambda: [a.id for a in store.articles()] == [1, 2])
