"""Every key of the review screen, driven through Pilot, asserting screen and Store."""

from __future__ import annotations

import html
import re

from textual.command import CommandInput, CommandList
from textual.widgets import TextArea

from tests.tui.helpers import enter_text, notes, row_text, until
from workbench.config import Settings
from workbench.model import Verdict
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.prompt import NoteEditor, PromptScreen
from workbench.tui.widgets.detail import DetailPane
from workbench.tui.widgets.progress import ProgressHeader
from workbench.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


def verdicts(store: Store) -> list[Verdict | None]:
    return [s.verdict for s in store.sentences_of(1)]


def cursor(app: WorkbenchApp) -> int:
    return app.screen.query_one(SentenceList).current.position


def screen_text(app: WorkbenchApp) -> str:
    """What the terminal shows, as plain text (from Textual's own screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def detail(app: WorkbenchApp) -> str:
    return str(app.screen.query_one(DetailPane).query_one("#detail-body").render())


async def test_opens_on_the_first_sentence(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cursor(app) == 1
        assert "withdrawing nearly 1,000" in row_text(app, 0)
        assert "· unreviewed" in row_text(app, 0)
        assert "withdrawing nearly 1,000" in detail(app)
        header = app.screen.query_one(ProgressHeader)
        assert "0/15" in str(header.render())


async def test_verdict_keys_set_and_move_on(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "d", "o")
        await pilot.pause()
        assert verdicts(sample_store)[:4] == [
            Verdict.VERIFIED,
            Verdict.DISPUTED,
            Verdict.OPINION,
            None,
        ]
        assert cursor(app) == 4
        assert "✔ verified" in row_text(app, 0)
        assert "✘ disputed" in row_text(app, 1)
        assert "◆ opinion" in row_text(app, 2)
        counts = str(app.screen.query_one(ProgressHeader).render())
        assert "3/15" in counts and "✔ 1 verified" in counts
        fourth = sample_store.sentence_at(1, 4)
        assert fourth.text[:40] in detail(app).replace("\n", " ")  # where the cursor is
        await pilot.press("k")  # and the one just marked shows its verdict
        await pilot.pause()
        assert "opinion" in detail(app).casefold()


async def test_backspace_clears(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "k", "backspace")
        await pilot.pause()
        assert verdicts(sample_store)[0] is None
        assert cursor(app) == 1
        assert "· unreviewed" in row_text(app, 0)


async def test_undo_and_redo(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "d", "u")
        await pilot.pause()
        assert verdicts(sample_store)[:2] == [Verdict.VERIFIED, None]
        assert cursor(app) == 2
        assert "· unreviewed" in row_text(app, 1)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert verdicts(sample_store)[:2] == [Verdict.VERIFIED, Verdict.DISPUTED]
        assert "✘ disputed" in row_text(app, 1)
        await pilot.press("u", "u", "u")
        await pilot.pause()
        assert verdicts(sample_store)[:2] == [None, None]
        assert any("Nothing to undo" in n for n in notes(app))


async def test_note_editor_saves_with_ctrl_s(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        enter_text(app.screen.query_one(TextArea), "Per CENTCOM")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert sample_store.sentence_at(1, 2).note == "Per CENTCOM"
        assert "Per CENTCOM" in detail(app)
        assert "✎" in row_text(app, 1)


async def test_note_editor_escape_keeps_the_old_note(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"draft", "escape")
        await pilot.pause()
        assert sample_store.sentence_at(1, 1).note == ""
        assert not isinstance(app.screen, NoteEditor)


async def test_flag(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert sample_store.sentence_at(1, 1).flagged
        assert "⚑" in row_text(app, 0)
        await pilot.press("m")
        await pilot.pause()
        assert not sample_store.sentence_at(1, 1).flagged


async def test_moving(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "down")
        assert cursor(app) == 4
        await pilot.press("k", "up")
        assert cursor(app) == 2
        await pilot.press("G")
        assert cursor(app) == 15
        await pilot.press("g")
        assert cursor(app) == 1
        await pilot.press("end")
        assert cursor(app) == 15
        await pilot.press("home", "pagedown")
        assert cursor(app) > 1
        await pilot.press("pageup")
        assert cursor(app) == 1


async def test_next_and_previous_unreviewed(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "v", "g", "right_square_bracket")
        assert cursor(app) == 3
        await pilot.press("G", "v", "left_square_bracket")
        assert cursor(app) == 14


async def test_filter_cycles(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "d")
        await pilot.press("f")  # unreviewed
        lst = app.screen.query_one(SentenceList)
        assert len(lst.rows) == 13
        await pilot.press("f")  # verified
        assert [lst.sentence(i).position for i in lst.rows] == [1]
        await pilot.press("f", "f", "f")  # disputed, opinion, flagged
        assert lst.rows == [] and lst.current is None
        await pilot.press("f")  # all
        assert len(lst.rows) == 15
        assert "filter: all" in str(app.screen.query_one("#status").render())


async def test_search(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"wsj", "enter")
        await pilot.pause()
        lst = app.screen.query_one(SentenceList)
        assert [lst.sentence(i).position for i in lst.rows] == [1, 4]
        await pilot.press("slash", "ctrl+u", "enter")
        await pilot.pause()
        assert len(lst.rows) == 15


async def test_help_lists_every_key(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Mark verified", "Undo the last change", "Cycle the filter", "Quit"):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def palette_search(pilot, query: str, first: str) -> None:
    """Open the command palette (ctrl+p), search for ``query`` (the text set, not typed: the
    palette is Textual's) and wait until its first hit, highlighted, reads ``first``."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: bool(app.screen.query(CommandInput)))
    app.screen.query_one(CommandInput).value = query
    hits = app.screen.query_one(CommandList)
    await until(pilot, lambda: hits.option_count > 0 and hits.highlighted == 0
                and first in str(hits.get_option_at_index(0).prompt))  # fmt: skip


async def test_command_palette_runs_an_action(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await palette_search(pilot, "mark disputed", "Mark disputed")
        await pilot.press("enter")
        await until(pilot, lambda: verdicts(sample_store)[0] is Verdict.DISPUTED)


async def test_quit(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_keys_can_be_remapped(sample_store: Store) -> None:
    from tests.tui.conftest import make_app

    app = make_app(sample_store, Settings(reviewer="t", keymap={"verdict.verified": "y"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert verdicts(sample_store)[0] is Verdict.VERIFIED


async def test_markup_in_articles_is_shown_literally(store: Store, settings, tmp_path) -> None:
    from tests.tui.conftest import make_app
    from workbench.importer import import_source

    src = tmp_path / "markup.txt"
    src.write_text("A [bold]claim[/bold] with [link=https://x.org]a link[/link] here.\n")
    article = import_source(store, str(src), settings).article
    app = make_app(store, settings, article.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[bold]claim[/bold]" in row_text(app, 0)
        assert "[link=https://x.org]" in detail(app)


async def test_the_theme_is_remembered(sample_store: Store) -> None:
    from tests.tui.conftest import make_app

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert sample_store.get_meta("theme") == "nord"
    again = make_app(sample_store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_click_moves_the_cursor(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(SentenceList)
        third_row_line = lst.line_of_row(2)
        await pilot.click(SentenceList, offset=(30, third_row_line))
        await pilot.pause()
        assert cursor(app) == 3


async def test_wide_and_escape_text_in_the_list(store: Store, settings, tmp_path) -> None:
    from tests.tui.conftest import make_app
    from workbench.importer import import_source

    src = tmp_path / "mixed.txt"
    src.write_text(
        "美国政府正在从叙利亚撤出近一千名士兵。\nA red \x1b[31mclaim\x1b[0m that rings\x07 here.\n"
    )
    article = import_source(store, str(src), settings).article
    app = make_app(store, settings, article.id)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "美国政府" in row_text(app, 0)
        assert "␛[31mclaim␛[0m" in row_text(app, 1) and "\x1b" not in screen_text(app)


async def test_escape_text_in_every_field_is_drawn_inert(store: Store, settings, tmp_path) -> None:
    """A sentence being split, a note, a claimant and an article's title, each holding an
    escape sequence and a right-to-left override: every field draws them as ␛ and �,
    and what is saved is what was there."""
    from tests.tui.conftest import make_app
    from workbench.importer import import_source

    src = tmp_path / "mixed.txt"
    src.write_text("A red \x1b[31mclaim\x1b[0m here. And a second \u202e one.\n")
    article = import_source(store, str(src), settings).article
    first = store.sentence_at(article.id, 1)
    store.set_note(first.id, "my \x1b[41mnote\u202e")
    store.set_claimant(first.id, "Jane \x1b[2J Doe")
    store.set_article_info(article.id, title="T \x1b[44mtitle")
    app = make_app(store, settings, article.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, shown in (
            ("S", "A red ␛[31mclaim␛[0m here."),
            ("n", "my ␛[41mnote�"),
            ("w", "Jane ␛[2J Doe"),
            ("i", "T ␛[44mtitle"),
        ):
            await pilot.press(key)
            await until(pilot, lambda: len(app.screen_stack) == 2)  # the dialog is open
            await pilot.pause()
            text = screen_text(app)
            assert shown in text, key
            assert "\x1b" not in text and "\u202e" not in text, key
            await pilot.press("escape")
            await until(pilot, lambda: len(app.screen_stack) == 1)
    assert store.sentence(first.id).note == "my \x1b[41mnote\u202e"  # nothing changed


async def test_a_busy_database_is_a_notification_not_a_crash(sample_store: Store, db_path) -> None:
    import sqlite3

    from tests.tui.conftest import make_app

    sample_store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path, isolation_level=None)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        await pilot.press("v")
        await pilot.pause()
        assert any("busy" in n for n in notes(app))
        assert "· unreviewed" in row_text(app, 0)  # nothing shown as done
        other.execute("ROLLBACK")
        await pilot.press("v")
        await pilot.pause()
        assert verdicts(sample_store)[0] is Verdict.VERIFIED
    other.close()


def test_the_palette_offers_every_key_and_each_names_a_real_action() -> None:
    """One source: the palette is made from the bindings, so no key is missing from it and
    no entry names an action that doesn't exist."""
    from workbench.tui.commands import review_commands
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.widgets.sentence_list import SentenceList

    entries = review_commands()
    actions = {action for _, action, _, _ in entries}
    for binding in [*ReviewScreen.BINDINGS, *SentenceList.BINDINGS]:
        assert binding.action in actions or binding.id == "app.quit"
    for _, action, _, on_list in entries:
        name = action.split("(")[0]
        owner = SentenceList if on_list else ReviewScreen
        assert hasattr(owner, f"action_{name}"), action


async def test_the_palette_moves_the_list(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(SentenceList)
        await palette_search(pilot, "last sentence", "Move to the last sentence")
        await pilot.press("enter")
        await until(pilot, lambda: lst.current is not None and lst.current.position == 15)


async def test_the_workbench_command_sets_the_startup_heap_aside(sample_store: Store) -> None:
    """As `workbench` runs it: no collection until the first frame, then every object alive
    is out of later full collections (gc.freeze), collection resumes, and the app works on
    as before."""
    import gc

    try:
        gc.disable()  # (as `launch` does, until the first frame)
        app = WorkbenchApp(sample_store, Settings(reviewer="tester"), 1, freeze_heap=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: gc.get_freeze_count() > 0)
            assert gc.isenabled()
            frozen = gc.get_freeze_count()
            await pilot.press("v", "j")
            await pilot.pause()
            assert verdicts(sample_store)[0] == Verdict.VERIFIED
            assert gc.get_freeze_count() <= frozen  # (once: what is made later is collected)
    finally:
        gc.unfreeze()  # (this test process runs many more apps)
        gc.enable()
