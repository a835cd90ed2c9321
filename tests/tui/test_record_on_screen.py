"""The review screen and the record: changes from elsewhere, refused undos, typed text kept."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, Static, TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import enter_text, notes, row_text, type_fast, until
from workbench.model import Document, Verdict
from workbench.segment import segment
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.article_info import ArticleInfoForm
from workbench.tui.screens.dialog import ConfirmScreen
from workbench.tui.screens.evidence_form import EvidenceForm
from workbench.tui.screens.prompt import NoteEditor
from workbench.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


def listed(app: WorkbenchApp, position: int):
    lst = app.screen.query_one(SentenceList)
    return lst.cached(lst.ids[position - 1])  # as the list holds it: no reading


def cursor(app: WorkbenchApp) -> int:
    return app.screen.query_one(SentenceList).current.position


def other_reviewer(db_path: Path) -> Store:
    """Another process on the same file: its own connection, its own name."""
    return Store(db_path, reviewer="bob")


async def test_a_change_from_elsewhere_is_shown_without_moving_the_cursor(
    sample_store: Store, db_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        bob = other_reviewer(db_path)
        third = bob.sentence_at(1, 3)
        bob.set_verdict(third.id, Verdict.DISPUTED, note="bob checked it")
        bob.set_verdict(bob.sentence_at(1, 4).id, Verdict.VERIFIED)
        await until(pilot, lambda: listed(app, 3).verdict is Verdict.DISPUTED)
        assert cursor(app) == 4
        assert listed(app, 3).note == "bob checked it"
        assert "1 disputed" in str(app.screen.query_one("#header").render())
        await until(pilot, lambda: listed(app, 4).verdict is Verdict.VERIFIED)
        status = str(app.screen.query_one("#status").render())
        assert "changed elsewhere at" in status and ("3, 4" in status or "sentence 4" in status)
        assert "✔ verified" in str(app.screen.query_one("#detail-body").render())
        bob.close()


async def test_what_changed_elsewhere_is_not_said_of_the_next_article_opened(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    """The status line's "changed elsewhere" is the article's it was said of: another
    article opened starts without it."""
    other = tmp_path / "other.txt"
    other.write_text("Another article is here. It has two sentences.\n")
    second = sample_store.import_article(
        Document("Other", other.read_text(), str(other)), segment(other.read_text())
    ).article.id
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        bob = other_reviewer(db_path)
        bob.set_verdict(bob.sentence_at(1, 2).id, Verdict.DISPUTED)
        await until(
            pilot, lambda: "changed elsewhere" in str(app.screen.query_one("#status").render())
        )
        app.screen.show_article(second)
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "2 of 2 shown" in status and "elsewhere" not in status
        bob.close()


async def test_a_join_elsewhere_of_the_cursors_sentence_leaves_the_cursor_on_the_join(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    """Bob joins the sentence under the cursor into the one before it: the cursor goes to
    the joined sentence (never back to the first), and a key then acts on that one."""
    text = "First claim here. Second claim there. Third claim now. Fourth claim last.\n"
    aid = sample_store.import_article(Document("Four", text, "four.txt"), segment(text)).article.id
    app = make_app(sample_store, article_id=aid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        assert cursor(app) == 3
        bob = other_reviewer(db_path)
        second = bob.sentence_at(aid, 2)
        bob.join_sentences(second.id)
        await until(pilot, lambda: app.screen.query_one(SentenceList).total == 3)
        assert cursor(app) == 2
        assert app.screen.query_one(SentenceList).current.id == second.id
        await pilot.press("m")
        await until(pilot, lambda: sample_store.sentence(second.id).flagged)
        assert not sample_store.sentence_at(aid, 1).flagged
        bob.close()


async def test_an_import_from_the_library_is_not_said_to_be_a_change_from_elsewhere(
    sample_store: Store, tmp_path: Path
) -> None:
    """Importing from the library matches the new article with the open one: the open one
    shows its new match, and the status line does not call that a change from elsewhere."""
    from workbench.tui.screens.library import LibraryScreen
    from workbench.tui.screens.prompt import PromptScreen

    other = tmp_path / "other.txt"
    other.write_text(
        "The US administration is withdrawing nearly 1,000 of its troops from Syria, the"
        " Wall Street Journal reported, citing three senior US officials.\n"
    )
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        review = app.screen
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one("#prompt-input").value = str(other)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        lst = review.query_one(SentenceList)
        await until(pilot, lambda: lst.cached(lst.ids[0]).strong_xref)  # its new match, shown
        review.poll()  # (what the poll finds now is no news either)
        assert review.elsewhere == ""
        assert "elsewhere" not in str(review.query_one("#status").render())


async def test_a_structural_change_elsewhere_reloads_the_list(
    sample_store: Store, db_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        bob = other_reviewer(db_path)
        first = bob.sentence_at(1, 1)
        bob.split_sentence(first.id, len("The US administration"))
        await until(pilot, lambda: app.screen.query_one(SentenceList).total == 16)
        assert cursor(app) == 3  # still on the sentence it was on, now third
        bob.close()


async def test_undo_over_another_reviewer_s_change_is_refused_and_says_why(
    sample_store: Store, db_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        bob = other_reviewer(db_path)
        bob.set_note(bob.sentence_at(1, 1).id, "bob's reason")
        await until(pilot, lambda: listed(app, 1).note == "bob's reason")
        await pilot.press("u")
        await until(pilot, lambda: any("changed by bob" in n for n in notes(app)))
        assert any("sentence 1 was changed by bob at" in n and "not undone" in n
                   for n in notes(app))  # fmt: skip
        s1 = sample_store.sentence_at(1, 1)
        assert (s1.verdict, s1.note) == (Verdict.VERIFIED, "bob's reason")
        bob.close()


async def test_the_note_editor_shows_both_texts_when_the_note_changed_meanwhile(
    sample_store: Store, db_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        bob = other_reviewer(db_path)
        bob.set_note(bob.sentence_at(1, 1).id, "bob wrote this first")
        app.screen.query_one(TextArea).text = "ana's own reason"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.has_class("-conflict"))
        assert isinstance(app.screen, NoteEditor)  # still open, nothing overwritten
        assert str(app.screen.query_one("#note-theirs", Static).render()) == "bob wrote this first"
        assert "changed by bob" in str(app.screen.query_one("#note-problem").render())
        assert sample_store.sentence_at(1, 1).note == "bob wrote this first"
        await pilot.press("ctrl+o")  # take theirs into the editor, then add to it
        area = app.screen.query_one(TextArea)
        assert area.text == "bob wrote this first"
        area.text += "; ana agrees"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert sample_store.sentence_at(1, 1).note == "bob wrote this first; ana agrees"
        bob.close()


async def test_saving_over_theirs_after_seeing_it(sample_store: Store, db_path: Path) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        bob = other_reviewer(db_path)
        bob.set_note(bob.sentence_at(1, 1).id, "bob's")
        app.screen.query_one(TextArea).text = "mine"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.has_class("-conflict"))
        await pilot.press("ctrl+s")  # seen theirs: save mine over it
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert sample_store.sentence_at(1, 1).note == "mine"
        bob.close()


async def test_a_failed_write_keeps_the_editor_open_with_the_text(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        pages = sample_store.conn.execute("PRAGMA page_count").fetchone()[0]
        sample_store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
        text = "a long, careful note " * 3000
        app.screen.query_one(TextArea).text = text
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "disk is full" in str(app.screen.query_one("#note-problem")
                                                          .render()))  # fmt: skip
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == text
        assert sample_store.sentence_at(1, 1).note == ""
        sample_store.conn.execute("PRAGMA max_page_count = 1073741823")  # room again
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert sample_store.sentence_at(1, 1).note == text.strip()


async def test_escape_with_unsaved_text_asks_first(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        app.screen.query_one(TextArea).text = "half a thought"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # keep editing
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")  # discard it
        await until(pilot, lambda: not isinstance(app.screen, (NoteEditor, ConfirmScreen)))
        assert sample_store.sentence_at(1, 1).note == ""


async def test_escape_with_nothing_typed_just_closes(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert not isinstance(app.screen, ConfirmScreen)


async def test_quitting_with_unsaved_text_asks_first(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        app.screen.query_one("#ev-title", Input).value = "A source I was typing"
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        assert app.screen.query_one("#ev-title", Input).value == "A source I was typing"
        assert app.is_running
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running)


async def test_keys_typed_right_after_n_reach_the_note(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, "nFast typist")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor)
                    and app.screen.query_one(TextArea).text == "Fast typist")  # fmt: skip
        await pilot.press("ctrl+s")
        await until(pilot, lambda: sample_store.sentence_at(1, 1).note == "Fast typist")
        assert sample_store.sentence_at(1, 1).verdict is None  # no key was taken as a verdict


async def test_editing_keys_typed_right_after_n_act_in_the_note(sample_store: Store) -> None:
    """Backspaces and arrows sent with the n that opens the note act on it as they would
    typed after it opened (they were lost: only text was kept for the editor)."""
    sample_store.set_note(sample_store.sentence_at(1, 1).id, "Old note")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, [("n", "n"), ("x", "x"), *[("backspace", None)] * 5,
                        *((c, c) for c in "text"), *[("left", None)] * 4,
                        *((c, c) for c in "good ")])  # fmt: skip
        await until(pilot, lambda: isinstance(app.screen, NoteEditor)
                    and app.screen.query_one(TextArea).text == "Old good text")  # fmt: skip
        await pilot.press("ctrl+s")
        await until(pilot, lambda: sample_store.sentence_at(1, 1).note == "Old good text")


async def test_keys_kept_before_the_editor_has_the_focus_act_in_turn(sample_store: Store) -> None:
    """Keys that reach the note editor before its field has the focus (as they do when a
    burst comes with the n, the screen still being mounted) are kept, editing keys too, and
    acted on in turn once it has it."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = NoteEditor("Note on sentence 1", "Old note", lambda note, was: None)  # type: ignore
        app.push_screen(editor)  # (not awaited: the keys come before it is mounted)
        assert editor.focused is None
        for key, character in [("x", "x"), *[("backspace", None)] * 5, *((c, c) for c in "text"),
                               *[("left", None)] * 4, *((c, c) for c in "good ")]:  # fmt: skip
            assert editor.take_early_key(events.Key(key, character))
        await until(pilot, lambda: any(a.text == "Old good text" for a in editor.query(TextArea)))


async def test_text_typed_right_after_i_replaces_the_title(sample_store: Store) -> None:
    """The title field selects its text when it takes the focus, and a key typed then
    replaces it; text sent with the i that opens the form was added to the title instead."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, "iNew title")
        await until(pilot, lambda: isinstance(app.screen, ArticleInfoForm)
                    and app.screen.query_one(Input).value == "New title")  # fmt: skip
        await pilot.press("ctrl+s")
        await until(pilot, lambda: sample_store.article(1).title == "New title")


async def test_keys_typed_right_after_e_reach_the_first_field(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, "ehttps://example.org/source")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm)
                    and app.screen.query_one("#ev-url", Input).value
                    == "https://example.org/source")  # fmt: skip


async def test_an_evidence_edit_over_a_newer_edit_shows_theirs(
    sample_store: Store, db_path: Path
) -> None:
    s1 = sample_store.sentence_at(1, 1)
    ev = sample_store.add_evidence(s1.id, url="https://e.example/a", title="Source")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E", "enter")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        bob = other_reviewer(db_path)
        bob.update_evidence(ev.id, s1.id, quote="bob's quote")
        app.screen.query_one("#ev-note", Input).value = "ana's note"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.has_class("-conflict"))
        assert "bob's quote" in str(app.screen.query_one("#evidence-theirs", Static).render())
        assert sample_store.evidence(ev.id).note == ""
        await pilot.press("ctrl+o")
        assert app.screen.query_one("#ev-quote", Input).value == "bob's quote"
        app.screen.query_one("#ev-note", Input).value = "ana's note"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EvidenceForm))
        e = sample_store.evidence(ev.id)
        assert (e.quote, e.note) == ("bob's quote", "ana's note")
        bob.close()


async def test_a_re_imported_sentence_shows_its_text_changed(
    tmp_path: Path, store: Store, settings
) -> None:
    from workbench.importer import import_source

    path = tmp_path / "story.txt"
    path.write_text("Officials counted 1,000 troops. The mayor spoke.\n", encoding="utf-8")
    aid = import_source(store, str(path), settings).article.id
    store.set_verdict(store.sentence_at(aid, 1).id, Verdict.DISPUTED)
    path.write_text("Officials counted nearly 1,000 troops. The mayor spoke.\n", encoding="utf-8")
    import_source(store, str(path), settings)
    app = make_app(store, settings, aid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = row_text(app, 0)
        assert "✘ disputed" in first and "Δ" in first
        body = str(app.screen.query_one("#detail-body").render())
        assert "Text changed since the review" in body and "Officials counted 1,000" in body
        await pilot.press("v")  # a new verdict is made on the text as it is now
        await until(pilot, lambda: not store.sentence_at(aid, 1).text_changed)
        await until(pilot, lambda: "Δ" not in row_text(app, 0))


async def test_keys_typed_right_after_tab_reach_the_next_field(sample_store: Store) -> None:
    """A burst that holds a tab: what comes before it stays in the field it was typed in,
    what comes after lands in the next one (not in the field the tab was leaving)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm)
                    and app.focused is app.screen.query_one("#ev-url", Input))  # fmt: skip
        for key, character in [
            *((c, c) for c in "https://a.example/x"),
            ("tab", "\t"),
            *((c, c) for c in "Title"),
            ("shift+tab", None),
        ]:
            event = events.Key(key, character)
            event.set_sender(app)
            app.post_message(event)  # all at once, as a fast typist or a paste sends them
        form = app.screen
        url = form.query_one("#ev-url", Input)
        title = form.query_one("#ev-title", Input)
        await until(pilot, lambda: app.focused is url and title.value == "Title")
        assert url.value == "https://a.example/x"


async def test_undoing_a_reimport_keeps_the_cursor_on_its_sentence(
    store: Store, tmp_path: Path
) -> None:
    """A re-import is a step over the whole article: undoing it leaves the cursor on the
    sentence it was on, and says what was undone without naming a sentence."""
    from workbench.config import Settings
    from workbench.importer import import_source

    path = tmp_path / "story.txt"
    path.write_text("One came. Two came. Three came. Four came. Five came.\n")
    settings = Settings(reviewer="tester")
    aid = import_source(store, str(path), settings).article.id
    path.write_text("Zero came first. One came. Two came. Three came. Four came. Five came.\n")
    import_source(store, str(path), settings)
    app = make_app(store, settings, aid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "j")
        await until(pilot, lambda: app.screen.query_one(SentenceList).current.text == "Four came.")
        await pilot.press("u")
        await until(pilot, lambda: "Undone: re-import." in notes(app))
        assert app.screen.query_one(SentenceList).current.text == "Four came."
        assert cursor(app) == 4 and len(store.sentences_of(aid)) == 5


async def test_a_dialog_closes_once_whatever_reaches_it_after(sample_store: Store) -> None:
    """A second enter typed before a dialog is gone reaches it still: it closes nothing more
    (Textual would close the screen under it: the review screen, and the app failed)."""
    from workbench.tui.screens.library import LibraryScreen
    from workbench.tui.screens.prompt import PromptScreen

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        review = app.screen
        got: list[object] = []
        prompt = PromptScreen("Search")
        await app.push_screen(prompt, got.append)
        prompt.dismiss("first")
        prompt.dismiss("second")
        await until(pilot, lambda: app.screen is review)
        await pilot.pause()
        assert got == ["first"] and app.screen_stack == [review]
        library = LibraryScreen(1)
        await app.push_screen(library)
        over = ConfirmScreen("Sure?")
        await app.push_screen(over)
        over.dismiss(True)
        over.dismiss(True)  # not the library under it
        await pilot.pause()
        assert app.screen is library
        app.pop_screen()
        app.pop_screen()  # the review screen stays
        await pilot.pause()
        assert app.screen_stack == [review]


async def test_an_open_note_says_its_sentence_s_position_after_a_change_elsewhere(
    sample_store: Store, db_path: Path
) -> None:
    """Bob joins the two sentences before the one whose note is being written: the editor's
    title follows its sentence (it kept the old position), and the note lands on it; when
    Bob joins that sentence into the one before, the title says it is gone."""
    text = "First claim here. Second claim there. Third claim now. Fourth claim last.\n"
    aid = sample_store.import_article(Document("Four", text, "four.txt"), segment(text)).article.id
    app = make_app(sample_store, article_id=aid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        editor = app.screen
        title = editor.query_one("#note-title", Static)
        assert str(title.render()) == "Note on sentence 3"
        third = sample_store.sentence_at(aid, 3)
        bob = other_reviewer(db_path)
        bob.join_sentences(bob.sentence_at(aid, 1).id)  # (with the second)
        await until(pilot, lambda: str(title.render()) == "Note on sentence 2")
        enter_text(editor.query_one(TextArea), "checked")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: sample_store.sentence(third.id).note == "checked")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        title = app.screen.query_one("#note-title", Static)
        assert str(title.render()) == "Note on sentence 2"
        bob.join_sentences(bob.sentence_at(aid, 1).id)  # (with the note's sentence)
        await until(pilot, lambda: "no longer in the article" in str(title.render()))
        bob.close()
