"""Keys in one burst (a fast typist, a paste) act as the same keys typed one at a time:
in the order typed, whatever each key does, and in the dialog or screen that is on top
once the keys before it have acted (``widgets/fields.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import type_fast, until
from workbench.config import Settings
from workbench.model import Verdict
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.article_info import ArticleInfoForm
from workbench.tui.screens.claimant import ClaimantForm
from workbench.tui.screens.dialog import ConfirmScreen
from workbench.tui.screens.evidence_form import EvidenceForm
from workbench.tui.screens.prompt import NoteEditor
from workbench.tui.screens.review import ReviewScreen

SIZE = (120, 40)
ENTER, TAB = ("enter", "\r"), ("tab", "\t")
BACKSPACE, LEFT, RIGHT = ("backspace", "\x08"), ("left", None), ("right", None)


@asynccontextmanager
async def burst(
    store: Store, keys: list[tuple[str, str | None]]
) -> AsyncIterator[tuple[WorkbenchApp, Pilot]]:
    """The app on ``store``'s first article, ``keys`` sent to it at once (a paste, a fast
    typist) once it is up."""
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, keys)
        yield app, pilot


@asynccontextmanager
async def opened(
    store: Store, key: str, field: type[Input | TextArea]
) -> AsyncIterator[tuple[WorkbenchApp, Pilot]]:
    """The app on ``store``'s first article, ``key`` pressed and its dialog's ``field`` focused."""
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.focused, field))
        yield app, pilot


def text(keys: str) -> list[tuple[str, str | None]]:
    from textual.keys import _character_to_key

    return [(_character_to_key(c), c) for c in keys]


async def test_a_tab_sent_with_the_key_opening_the_form_moves_to_the_next_field(
    sample_store: Store,
) -> None:
    """The tab was dropped (kept keys were text and editing keys only): the URL typed after
    it went into the title."""
    async with burst(
        sample_store, [*text("iNew title"), TAB, *text("https://ex.com/a"), ("ctrl+s", None)]
    ) as (app, pilot):
        await until(pilot, lambda: sample_store.article(1).url == "https://ex.com/a")
        assert sample_store.article(1).title == "New title"
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_sent_with_w_saves_the_claimant_and_the_key_after_is_the_review_s(
    sample_store: Store,
) -> None:
    """The claimant was "Reutersv": the enter was dropped and the verdict key typed in."""
    async with burst(sample_store, [*text("wReuters"), ENTER, *text("v")]) as (app, pilot):
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        assert sample_store.sentence_at(1, 1).claimant == "Reuters"
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_on_the_last_field_saves_the_text_typed_just_before_it(
    sample_store: Store,
) -> None:
    """Enter acted as it arrived, ahead of the text before it: an old or cut claimant."""
    async with opened(sample_store, "w", Input) as (app, pilot):
        type_fast(app, [*text("The quick brown fox jumps"), ENTER])
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence_at(1, 1).claimant == "The quick brown fox jumps"


async def test_the_note_editor_acts_on_its_editing_keys_in_turn_with_the_text(
    sample_store: Store,
) -> None:
    """Its editing keys are Textual bindings: they acted after the text typed later."""
    async with opened(sample_store, "n", TextArea) as (app, pilot):
        type_fast(app, [*text("lazy dog"), BACKSPACE, BACKSPACE, LEFT, *text("Y"), RIGHT,
                        *text("!")])  # fmt: skip
        area = app.screen.query_one(TextArea)
        await until(pilot, lambda: area.text == "lazy Yd!")
        type_fast(app, [("ctrl+s", None)])
        await until(pilot, lambda: sample_store.sentence_at(1, 1).note == "lazy Yd!")


async def test_the_note_editor_keeps_a_line_break_sent_with_n(sample_store: Store) -> None:
    async with burst(sample_store, [*text("nab"), ENTER, *text("cd"), ("up", None), ("end", None),
                        *text("X"), ("ctrl+s", None)]) as (_app, pilot):  # fmt: skip
        await until(pilot, lambda: sample_store.sentence_at(1, 1).note == "abX\ncd")


async def test_ctrl_q_sent_with_a_note_asks_before_losing_it(sample_store: Store) -> None:
    """Quitting acted as the key arrived, before the note had reached the editor."""
    async with burst(sample_store, [*text("nabc"), ("ctrl+q", None)]) as (app, pilot):
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.is_running
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor)
                    and app.screen.query_one(TextArea).text == "abc")  # fmt: skip


async def test_a_key_sent_after_the_search_s_enter_acts_on_the_review(
    sample_store: Store,
) -> None:
    """The key after enter went into the closing search field."""
    async with burst(sample_store, [*text("/ISIL"), ENTER, *text("v")]) as (app, pilot):
        found = sample_store.sentence_at(1, 2)
        assert "ISIL" in found.text
        await until(pilot, lambda: sample_store.sentence_at(1, 2).verdict is Verdict.VERIFIED)
        assert isinstance(app.screen, ReviewScreen)


async def test_keys_sent_with_ctrl_e_name_the_report(sample_store: Store, tmp_path: Path) -> None:
    """The export dialog kept no early keys: the default name was written.  (A long path:
    the screen each key was typed on was remembered for the last 64 keys only.)"""
    target = tmp_path / "out.md"
    async with burst(sample_store, [("ctrl+e", None), *text(str(target)), ENTER]) as (_app, pilot):
        await until(pilot, lambda: target.exists())
        assert target.read_text(encoding="utf-8").startswith("# ")


async def test_keys_after_a_tab_in_a_burst_go_to_the_next_field_of_every_form(
    sample_store: Store,
) -> None:
    """The evidence form: URL, then title, each in its own field, saved by enter at last."""
    async with burst(sample_store, [*text("ehttps://ex.com/e"), TAB, *text("A title"), TAB,
                        *text("A quote"), ("ctrl+s", None)]) as (app, pilot):  # fmt: skip
        await until(
            pilot, lambda: bool(sample_store.evidence_of(sample_store.sentence_at(1, 1).id))
        )
        (piece,) = sample_store.evidence_of(sample_store.sentence_at(1, 1).id)
        assert (piece.url, piece.title, piece.quote) == ("https://ex.com/e", "A title", "A quote")
        assert not isinstance(app.screen, EvidenceForm | ArticleInfoForm | ClaimantForm)


async def test_keys_sent_with_e_and_enter_reach_the_evidence_form(sample_store: Store) -> None:
    """E lists the sentence's evidence, enter opens the first piece's form: the keys after
    it were dropped, or run as the list's keys (the x in the URL unlinked the piece)."""
    sentence = sample_store.sentence_at(1, 1)
    sample_store.add_evidence(sentence.id, url="https://old.example/a", title="Old")
    async with burst(
        sample_store, [*text("E"), ENTER, *text("https://new.example/b"), ("ctrl+s", None)]
    ) as (_app, pilot):
        await until(pilot, lambda: [e.url for e in sample_store.evidence_of(sentence.id)]
                    == ["https://new.example/b"])  # fmt: skip
        assert sample_store.evidence_of(sentence.id)[0].title == "Old"


async def test_keys_after_enter_on_the_evidence_list_reach_the_form(sample_store: Store) -> None:
    """The list open and focused: enter's choice was posted, and the keys typed after it
    ran as the list's own first (x: unlink)."""
    sentence = sample_store.sentence_at(1, 1)
    sample_store.add_evidence(sentence.id, url="https://old.example/a", title="Old")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await until(pilot, lambda: type(app.focused).__name__ == "Choices")
        type_fast(app, [ENTER, *text("https://x.example/b"), ("ctrl+s", None)])
        await until(pilot, lambda: [e.url for e in sample_store.evidence_of(sentence.id)]
                    == ["https://x.example/b"])  # fmt: skip


async def test_text_typed_after_tabbing_off_the_stance_reaches_the_note(
    sample_store: Store,
) -> None:
    async with opened(sample_store, "e", Input) as (app, pilot):
        type_fast(app, [TAB, TAB, TAB, TAB, *text("mine")])
        form = app.screen
        await until(pilot, lambda: form.query_one("#ev-note", Input).value == "mine")
        assert app.focused is form.query_one("#ev-note", Input)


async def test_a_list_s_keys_sent_with_the_key_opening_it_act_on_it(sample_store: Store) -> None:
    """E, down and enter in one burst edit the second piece: the down came before the list
    had the focus and was lost (the first piece was edited)."""
    sentence = sample_store.sentence_at(1, 1)
    for n in (1, 2):
        sample_store.add_evidence(sentence.id, url=f"https://old.example/{n}", title=f"Old {n}")
    keys = [*text("E"), ("down", None), ENTER, *text("https://new.example/b"), ("ctrl+s", None)]
    async with burst(sample_store, keys) as (_app, pilot):
        await until(pilot, lambda: {e.url for e in sample_store.evidence_of(sentence.id)}
                    == {"https://old.example/1", "https://new.example/b"})  # fmt: skip


async def test_escape_and_a_letter_read_as_alt_close_the_dialog_then_act(
    sample_store: Store,
) -> None:
    """A terminal reads escape followed within 100 ms by v as alt+v (a fast typist, keys
    over SSH in one packet): both were lost, the matches left open.  Nothing binds alt+v:
    it is escape, then v."""
    async with burst(sample_store, [*text("x"), ("alt+v", "v")]) as (app, pilot):
        await until(pilot, lambda: sample_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        assert isinstance(app.screen, ReviewScreen)


async def test_escape_and_a_capital_read_as_alt_reach_the_review_as_the_capital(
    sample_store: Store,
) -> None:
    """Escape then G (the last sentence) read as alt+shift+g."""
    async with burst(sample_store, [*text("?"), ("alt+shift+g", "G")]) as (app, pilot):

        def on_the_last() -> bool:
            screen = app.screen
            if not isinstance(screen, ReviewScreen):
                return False
            current = screen.sentence_list.current
            return current is not None and current.position == 15

        await until(pilot, on_the_last)


async def test_an_alt_key_the_settings_bind_is_left_as_it_is(sample_store: Store) -> None:
    app = make_app(sample_store, Settings(reviewer="t", keymap={"verdict.disputed": "alt+d"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_fast(app, [("alt+d", "d"), ("alt+v", "v")])
        # alt+d is the settings' disputed; alt+v, unbound, is escape then v (verified)
        await until(pilot, lambda: sample_store.sentence_at(1, 2).verdict is Verdict.VERIFIED)
        assert sample_store.sentence_at(1, 1).verdict is Verdict.DISPUTED


async def test_alt_and_a_letter_in_a_text_field_is_not_read_as_escape(
    sample_store: Store,
) -> None:
    """In the note and the search prompt, alt+d is a reader's editing habit, not escape then
    d (which closed the dialog and marked the sentence disputed): the d is typed, as
    before."""
    from workbench.tui.screens.prompt import PromptScreen

    for key, field, dialog in (("n", TextArea, NoteEditor), ("slash", Input, PromptScreen)):
        async with opened(sample_store, key, field) as (app, pilot):
            type_fast(app, [("alt+d", "d"), ("x", "x")])
            shown = app.focused
            await until(pilot, lambda shown=shown: getattr(shown, "text", None) == "dx"
                        or getattr(shown, "value", None) == "dx")  # fmt: skip
            assert isinstance(app.screen, dialog)
            assert sample_store.sentence_at(1, 1).verdict is None
