"""The matches dialog (x): confirm, reject, adopt the verdict, jump, undo.

The dialog posts the reviewer's choice to the review screen, which makes the
Store call: each test waits for the stored state, not for a number of frames.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import make_app
from tests.tui.helpers import notes, row_text, type_fast, until
from tests.unit.test_xref import PARAPHRASES
from workbench.config import Settings
from workbench.importer import import_document
from workbench.model import Document, Verdict, XrefStatus
from workbench.store import Store
from workbench.tui.screens.matches import CrossRefScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.detail import DetailPane
from workbench.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


@pytest.fixture
def matched(sample_store: Store, settings: Settings) -> tuple[Store, int]:
    doc = Document("Paraphrases", PARAPHRASES, "/tmp/paraphrases.txt")
    return sample_store, import_document(sample_store, doc, settings).article.id


def first_match(store: Store, article: int):
    refs = store.crossrefs_of(store.sentence_at(article, 1).id, rejected=True)
    return next(r for r in refs if r.target_article_id == 1 and r.target_position == 1)


async def test_the_list_marks_matches_and_x_lists_them(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "≡" in row_text(app, 0)  # strong match
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CrossRefScreen)
        assert app.screen.refs[0].target_position == 1


def shown_status(app) -> str:
    """The status the dialog shows for its highlighted match."""
    return app.screen.current.status.value


async def test_confirm_reject_and_undo(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "c")
        await until(pilot, lambda: first_match(store, other).status is XrefStatus.CONFIRMED)
        await until(pilot, lambda: shown_status(app) == "confirmed")  # handed back, still open
        assert isinstance(app.screen, CrossRefScreen)
        assert any("Confirmed the match" in n for n in notes(app))
        await pilot.press("r")
        await until(pilot, lambda: first_match(store, other).status is XrefStatus.REJECTED)
        await until(pilot, lambda: shown_status(app) == "rejected")
        await pilot.press("escape", "u")
        await until(pilot, lambda: first_match(store, other).status is XrefStatus.CONFIRMED)


async def test_adopt_the_verdict_of_a_match(matched) -> None:
    store, other = matched
    store.set_verdict(store.sentence_at(1, 1).id, Verdict.DISPUTED)
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "a")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert store.sentence_at(other, 1).verdict is Verdict.DISPUTED
        assert first_match(store, other).status is XrefStatus.CONFIRMED
        await pilot.press("u")  # one step undoes both
        await until(pilot, lambda: store.sentence_at(other, 1).verdict is None)
        assert first_match(store, other).status is XrefStatus.SUGGESTED


async def test_a_match_with_no_verdict_to_adopt_leaves_the_dialog_open(matched) -> None:
    store, other = matched  # the sample's sentences have no verdict yet
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "a")
        await until(pilot, lambda: any("no verdict to adopt" in n for n in notes(app)))
        assert isinstance(app.screen, CrossRefScreen)
        assert store.sentence_at(other, 1).verdict is None
        assert first_match(store, other).status is XrefStatus.SUGGESTED


async def test_jump_to_the_matched_sentence_in_its_article(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "x", "enter")
        await until(pilot, lambda: getattr(app.screen, "article_id", None) == 1)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.article_id == 1
        assert screen.query_one(SentenceList).current.position == 7  # the carrier sentence
        assert store.get_meta("last_article") == "1"


def test_a_long_match_wraps_under_its_own_text(matched) -> None:
    from rich.console import Console

    from workbench.tui.screens.matches import describe

    store, article = matched
    ref = first_match(store, article)
    console = Console(width=70, record=True, color_system=None)
    console.print(describe(ref))
    header, *body = console.export_text().rstrip("\n").split("\n")
    assert header.lstrip().startswith(f"{ref.score:.0f}% {ref.label}")
    assert len(body) > 1 and all(line.startswith("    ") for line in body)
    assert " ".join(line.strip() for line in body) == ref.text


async def test_x_says_plainly_when_nothing_passes(matched) -> None:
    from tests.tui.test_review_keys import screen_text
    from workbench.xref.match import default_settings

    threshold = f"{100 * default_settings().suggest:.0f}%"
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "x")  # eggs in Ohio: nothing like it stored
        await pilot.pause()
        assert isinstance(app.screen, CrossRefScreen)
        text = " ".join(screen_text(app).split())
        assert f"No claim met before is likely the same: nothing stored reached {threshold}" in text
        await pilot.press("escape", "j", "x")  # "He left.": too short to tell
        await pilot.pause()
        assert "Not matched: the sentence is too short to tell" in " ".join(
            screen_text(app).split()
        )


async def test_possible_matches_are_listed_apart_unmarked_and_can_be_confirmed(
    sample_store: Store, settings: Settings
) -> None:
    """A match under the suggest threshold: no mark on the row, listed in x under a line that
    says what it is; the highlight never rests on that line; c confirms it and marks the row."""
    loose = "CENTCOM said the move would continue for months.\n"  # 7% like the sample's 3rd
    doc = Document("Loose", loose, "/tmp/loose.txt")
    other = import_document(sample_store, doc, settings).article.id
    (ref,) = sample_store.crossrefs_of(sample_store.sentence_at(other, 1).id)
    assert ref.possible
    app = make_app(sample_store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "≈" not in row_text(app, 0) and "≡" not in row_text(app, 0)
        detail = str(app.screen.query_one(DetailPane).query_one("#detail-body").render())
        assert "Cross-references (0, 1 possible)" in detail
        assert f"· {ref.score:.0f}% possible" in detail
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, CrossRefScreen))
        options = app.screen.query_one("OptionList")
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "No claim met before is likely the same" in shown[0]
        assert shown[1].startswith("Possible matches, under 19%")
        assert app.screen.current == ref  # the highlight on the match, not on a line of text
        await pilot.press("k")  # nothing above it to rest on
        assert app.screen.current == ref
        await pilot.press("c")
        await until(pilot, lambda: sample_store.crossref(ref.id).status is XrefStatus.CONFIRMED)
        await until(pilot, lambda: shown_status(app) == "confirmed")
        # decided, it stays where its probability put it: under the possible ones' line
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown[0].startswith("Nothing stored reached 19%") and "confirmed below" in shown[0]
        assert shown[1].startswith("Possible matches")
        assert options.get_option_at_index(2).id == str(ref.id)
        assert app.screen.current.id == ref.id
        await pilot.press("escape")
        await until(pilot, lambda: "≡" in row_text(app, 0))


async def test_a_key_sent_with_the_jump_acts_on_the_sentence_jumped_to(matched) -> None:
    """The jump waited for the next refresh: a verdict sent with it (``x enter v``) marked
    the sentence jumped from, in the other article."""
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        type_fast(app, [("x", "x"), ("enter", "\r"), ("v", "v")])
        await until(pilot, lambda: store.sentence_at(1, 7).verdict is Verdict.VERIFIED)
        assert store.sentence_at(other, 2).verdict is None
