"""A reviewer's daily comforts, through Pilot: the header's byline and view, the article's
details (i, and e in the library), the claimant (w), jumping back (ctrl+o), search
everywhere (F)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.tui.conftest import make_app
from tests.tui.helpers import type_fast, until
from tests.tui.test_review_keys import detail, screen_text
from tests.unit.test_xref import PARAPHRASES
from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.importer import import_document
from workbench.model import Document, Verdict
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.article_info import ArticleInfoForm
from workbench.tui.screens.claimant import ClaimantForm
from workbench.tui.screens.dialog import ConfirmScreen
from workbench.tui.screens.library import LibraryScreen
from workbench.tui.screens.matches import CrossRefScreen
from workbench.tui.screens.prompt import PromptScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.search_all import SearchAllScreen
from workbench.tui.widgets.review_header import ReviewHeader
from workbench.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


def header(app: WorkbenchApp) -> str:
    return str(app.screen_stack[0].query_one(ReviewHeader).render())


def notes(app: WorkbenchApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def review(app: WorkbenchApp) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def where(app: WorkbenchApp) -> tuple[int, int]:
    """(article id, sentence position) under the cursor."""
    screen = review(app)
    return screen.article_id, screen.query_one(SentenceList).current.position


def problem(app: WorkbenchApp) -> str:
    return " ".join(str(label.render()) for label in app.screen.query(".problem.-shown"))


def other_reviewer(db_path: Path) -> Store:
    return Store(db_path, reviewer="bob")


@pytest.fixture
def matched(sample_store: Store, settings: Settings) -> tuple[Store, int]:
    """The sample (article 1) and paraphrases of it (the returned id), cross-referenced."""
    doc = Document("Paraphrases", PARAPHRASES, "/tmp/paraphrases.txt")
    return sample_store, import_document(sample_store, doc, settings).article.id


# -- the header: byline, filter and search ------------------------------------------------


async def test_the_header_shows_the_byline_as_text_never_markup(sample_store: Store) -> None:
    sample_store.set_article_info(1, outlet="[bold red]Al Mayadeen[/]", published="2026-02-03",
                                  authors=("Jane \x1b[31mDoe", "John Roe"))  # fmt: skip
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        second = header(app).splitlines()[1]
        assert second == "[bold red]Al Mayadeen[/] · Jane ␛[31mDoe, John Roe · 2026-02-03"
        assert "0/15" in header(app).splitlines()[0]


async def test_without_a_byline_the_header_says_how_to_add_one(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no byline (i adds the outlet, authors and date)" in header(app)
        assert "filter:" not in header(app) and "search:" not in header(app)


async def test_the_header_shows_the_filter_and_the_search_and_where_the_cursor_is(
    app: WorkbenchApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "f")  # unreviewed: 14 of 15, the cursor on the first of them
        await until(pilot, lambda: "filter: unreviewed 1/14" in header(app))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "“wsj”"  # quotes and all: shown as typed
        await pilot.press("enter")
        await until(pilot, lambda: "search:" in header(app))
        # with its quotes, “wsj” is in no sentence
        assert "filter: unreviewed · search: ““wsj”” none shown" in header(app)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "wsj"
        await pilot.press("enter")
        # sentence 1 (verified) is filtered out; sentence 4 holds "WSJ"
        await until(pilot, lambda: "filter: unreviewed · search: “wsj” 1/1" in header(app))
        await pilot.press("f", "f", "f", "f", "f")  # back to all: the search alone
        await until(pilot, lambda: "filter:" not in header(app))
        assert "search: “wsj” 1/2" in header(app)
        await pilot.press("j")
        await until(pilot, lambda: "search: “wsj” 2/2" in header(app))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await until(pilot, lambda: "search:" not in header(app))
        assert "filter:" not in header(app)


async def test_a_search_with_markup_is_shown_as_typed(app: WorkbenchApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "[b]troops[/b]"
        await pilot.press("enter")
        await until(pilot, lambda: "search: “[b]troops[/b]” none shown" in header(app))


def preview(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#prompt-preview").render())


async def test_the_search_prompt_counts_the_matches_as_the_query_is_typed(
    app: WorkbenchApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert preview(app) == ""  # nothing typed: enter shows every sentence
        await pilot.press("w")  # typed key by key: each one counts again
        await until(pilot, lambda: preview(app) == "13 sentences match")
        await pilot.press("s", "j")
        await until(pilot, lambda: preview(app) == "2 sentences match")
        await pilot.press("x")
        await until(pilot, lambda: preview(app) == "No sentence matches")
        await pilot.press("backspace")
        await until(pilot, lambda: preview(app) == "2 sentences match")
        app.screen.query_one(Input).value = "[b]wsj[/b] "  # markup is text: no sentence has it
        await until(pilot, lambda: preview(app) == "No sentence matches")
        app.screen.query_one(Input).value = "WSJ   "
        await until(pilot, lambda: preview(app) == "2 sentences match")
        await pilot.press("enter")  # the list shows what the prompt counted
        await until(pilot, lambda: "search: “WSJ” 1/2" in header(app))
        await pilot.press("v", "f")  # sentence 1 verified; the filter: unreviewed
        await until(pilot, lambda: "filter: unreviewed" in header(app))
        await pilot.press("slash")  # the prompt opens on the search shown, counted
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert preview(app) == "1 unreviewed sentence matches"
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, PromptScreen))
        assert "search: “WSJ” 1/1" in header(app)


async def test_the_search_prompt_opens_again_on_the_search_shown(app: WorkbenchApp) -> None:
    """One prompt, kept between searches: each time it starts from the search shown."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"wsj", "enter")
        await until(pilot, lambda: "search: “wsj” 1/2" in header(app))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        prompt = app.screen
        field = prompt.query_one(Input)
        assert field.value == "wsj" and field.selection == (0, 3)
        assert preview(app) == "2 sentences match"
        await pilot.press("end", *"zzz", "escape")  # typed on, then thrown away
        await until(pilot, lambda: not isinstance(app.screen, PromptScreen))
        assert "search: “wsj” 1/2" in header(app)
        await pilot.press("slash")  # the same prompt, on "wsj" again, all of it selected
        await until(pilot, lambda: app.screen is prompt and field.value == "wsj")
        assert field.selection == (0, 3)
        await pilot.press(*"troops")  # typing replaces it, as in a new field
        await until(pilot, lambda: field.value == "troops")
        await until(pilot, lambda: preview(app) == "3 sentences match")
        await pilot.press("enter")
        await until(pilot, lambda: "search: “troops” 1/3" in header(app))


async def test_a_count_that_cannot_be_read_says_why_and_the_prompt_stays(
    app: WorkbenchApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count reads the database (a short article's texts, the reviews): should that
    fail, the reviewer reads why; the prompt stays open and enter still searches."""
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)

        def busy(query: str) -> list[int]:
            raise WorkbenchError("The database is busy (another process is writing).")

        monkeypatch.setattr(screen, "matching", busy)
        await pilot.press("slash", *"wsj")
        await until(pilot, lambda: any("database is busy" in n for n in notes(app)))
        assert isinstance(app.screen, PromptScreen) and preview(app) == ""
        monkeypatch.undo()
        await pilot.press("enter")
        await until(pilot, lambda: "search: “wsj” 1/2" in header(app))


# -- i: the article's details ------------------------------------------------------------


async def open_info(pilot, app: WorkbenchApp, key: str = "i") -> ArticleInfoForm:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, ArticleInfoForm))
    return app.screen


def fill(form: ArticleInfoForm, **values: str) -> None:
    for name, value in values.items():
        form.query_one(f"#info-{name}", Input).value = value


async def test_i_edits_the_article_details_and_u_undoes_them(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_info(pilot, app)
        assert form.query_one("#info-title", Input).value == "US troop withdrawal from Syria"
        fill(form, url="https://www.almayadeen.net/syria", published="2026-02-03",
             authors=" Jane Doe ,, John   Roe, ", outlet="Al Mayadeen")  # fmt: skip
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ArticleInfoForm))
        a = sample_store.article(1)
        assert (a.url, a.published, a.authors, a.outlet) == (
            "https://www.almayadeen.net/syria", "2026-02-03", ("Jane Doe", "John Roe"),
            "Al Mayadeen",
        )  # fmt: skip
        assert a.title == "US troop withdrawal from Syria"
        await until(pilot, lambda: "Al Mayadeen · Jane Doe, John Roe · 2026-02-03" in header(app))
        await pilot.press("u")
        await until(pilot, lambda: "no byline" in header(app))
        assert sample_store.article(1).outlet is None


async def test_a_new_title_shows_in_the_header(app: WorkbenchApp, sample_store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_info(pilot, app)
        fill(form, title="Troops leave Syria")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "│  Troops leave Syria" in header(app))
        assert sample_store.article(1).title == "Troops leave Syria"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("published", "last Tuesday", "not a date: last Tuesday"),
        ("url", "javascript:alert(1)", "only http and https links are accepted"),
        ("url", "https://exa mple.org", "a web address can't hold spaces"),
        ("authors", "Jane Doe, " + "x" * 201, "an author is over 200 characters"),
        ("outlet", "y" * 201, "the outlet is over 200 characters"),
    ],
    ids=["date", "javascript", "space", "author", "outlet"],
)
async def test_a_refused_field_is_said_in_the_form_which_stays_open(
    app: WorkbenchApp, sample_store: Store, field: str, value: str, message: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_info(pilot, app)
        fill(form, title="A valid new title", **{field: value})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: message in problem(app))
        assert isinstance(app.screen, ArticleInfoForm)
        assert app.screen.focused is form.query_one(f"#info-{field}", Input)
        assert len(problem(app).splitlines()) == 1
        assert sample_store.article(1).title == "US troop withdrawal from Syria"  # nothing stored


async def test_escape_with_unsaved_details_asks_first(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_info(pilot, app)
        fill(form, outlet="Al Mayadeen")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # keep editing
        await until(pilot, lambda: app.screen is form)
        assert form.query_one("#info-outlet", Input).value == "Al Mayadeen"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.article(1).outlet is None


async def test_escape_without_changes_closes_and_saving_nothing_stores_nothing(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_info(pilot, app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        batches = len(sample_store.history())
        await open_info(pilot, app)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert len(sample_store.history()) == batches  # no empty undo step


async def test_details_changed_elsewhere_meanwhile(
    app: WorkbenchApp, sample_store: Store, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_info(pilot, app)
        with other_reviewer(db_path) as bob:
            bob.set_article_info(1, outlet="Bob's outlet", title="Bob's title")
        fill(form, published="2026-02-03")  # a field bob left alone: saved, his kept
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        a = sample_store.article(1)
        assert (a.published, a.outlet, a.title) == ("2026-02-03", "Bob's outlet", "Bob's title")

        form = await open_info(pilot, app)
        with other_reviewer(db_path) as bob:
            bob.set_article_info(1, title="Bob's second title")
        fill(form, title="My title")  # the same field: refused, his shown
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "changed elsewhere" in problem(app))
        assert "the title of this article changed elsewhere" in problem(app)
        assert "Bob's second title" in screen_text(app)
        assert sample_store.article(1).title == "Bob's second title"
        await pilot.press("ctrl+s")  # again: mine over his
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.article(1).title == "My title"

        form = await open_info(pilot, app)
        with other_reviewer(db_path) as bob:
            bob.set_article_info(1, title="Bob's third title")
        fill(form, title="Mine again")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "changed elsewhere" in problem(app))
        await pilot.press("ctrl+o")  # take his
        await until(
            pilot, lambda: form.query_one("#info-title", Input).value == "Bob's third title"
        )
        await pilot.press("escape")  # nothing of mine left to lose: closes at once
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.article(1).title == "Bob's third title"


async def test_e_in_the_library_edits_the_selected_article(matched) -> None:
    store, other = matched
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("down")  # the paraphrases
        form = await open_info(pilot, app, "e")
        assert form.query_one("#info-title", Input).value == "Paraphrases"
        fill(form, title="Paraphrased [i]report[/i]", outlet="Wire")
        await pilot.press("enter", "enter", "enter", "enter", "enter")  # down the fields: saves
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert (store.article(other).title, store.article(other).outlet) == (
            "Paraphrased [i]report[/i]", "Wire")  # fmt: skip
        await until(pilot, lambda: "Paraphrased [i]report[/i]" in screen_text(app))
        assert store.article(1).outlet is None
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert review(app).article_id == 1


# -- w: the claimant ---------------------------------------------------------------------


async def open_claimant(pilot, app: WorkbenchApp) -> ClaimantForm:
    await pilot.press("w")
    await until(pilot, lambda: isinstance(app.screen, ClaimantForm))
    return app.screen


def field_value(form: ClaimantForm) -> str:
    return form.query_one(Input).value


async def test_w_suggests_the_claimant_from_the_sentence(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_claimant(pilot, app)
        assert field_value(form) == "Wall Street Journal"
        assert "Suggested from the sentence" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence_at(1, 1).claimant == "Wall Street Journal"
        assert "Claimed by: Wall Street Journal" in detail(app)
        await pilot.press("j", "j")  # "CENTCOM described the withdrawal as …"
        form = await open_claimant(pilot, app)
        assert field_value(form) == "CENTCOM"
        form.query_one(Input).value = "US Central Command (CENTCOM)"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence_at(1, 3).claimant == "US Central Command (CENTCOM)"
        assert "Claimed by: US Central Command (CENTCOM)" in detail(app)


async def test_w_shows_the_stored_claimant_and_an_empty_field_clears_it(
    app: WorkbenchApp, sample_store: Store
) -> None:
    sample_store.set_claimant(sample_store.sentence_at(1, 1).id, "Pentagon")
    async with app.run_test(size=SIZE) as pilot:
        assert "Claimed by: Pentagon" in detail(app)
        form = await open_claimant(pilot, app)
        assert field_value(form) == "Pentagon"  # the stored one, not the suggestion
        form.query_one(Input).value = "  "
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence_at(1, 1).claimant is None
        assert "Claimed by" not in detail(app)
        await pilot.press("u")  # one undo step
        await until(pilot, lambda: "Claimed by: Pentagon" in detail(app))
        assert sample_store.sentence_at(1, 1).claimant == "Pentagon"


async def test_w_with_no_attribution_and_escape_stores_nothing(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # "The move begins with …": nobody named
        form = await open_claimant(pilot, app)
        assert field_value(form) == ""
        assert "names nobody" in screen_text(app)
        batches = len(sample_store.history())
        await pilot.press("enter")  # nothing typed, nothing stored: closes
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("k")
        form = await open_claimant(pilot, app)
        await pilot.press("escape")  # the suggestion is not the reviewer's text: no question
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert len(sample_store.history()) == batches
        assert sample_store.sentence_at(1, 1).claimant is None


async def test_w_asks_before_losing_a_typed_claimant(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_claimant(pilot, app)
        form.query_one(Input).value = "WSJ"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence_at(1, 1).claimant is None


async def test_a_claimant_too_long_is_refused_in_the_form(
    app: WorkbenchApp, sample_store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_claimant(pilot, app)
        form.query_one(Input).value = "z" * 201
        await pilot.press("enter")
        await until(pilot, lambda: "the claimant is over 200 characters" in problem(app))
        assert isinstance(app.screen, ClaimantForm)
        assert sample_store.sentence_at(1, 1).claimant is None


async def test_a_claimant_set_elsewhere_meanwhile_is_not_overwritten_unasked(
    app: WorkbenchApp, sample_store: Store, db_path: Path
) -> None:
    sid = sample_store.sentence_at(1, 1).id
    async with app.run_test(size=SIZE) as pilot:
        form = await open_claimant(pilot, app)
        with other_reviewer(db_path) as bob:
            bob.set_claimant(sid, "Bob's pick")
        form.query_one(Input).value = "WSJ"
        await pilot.press("enter")
        await until(pilot, lambda: "set to “Bob's pick” elsewhere" in problem(app))
        assert sample_store.sentence(sid).claimant == "Bob's pick"
        await pilot.press("ctrl+s")  # again: mine over his
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert sample_store.sentence(sid).claimant == "WSJ"


async def test_the_claimant_is_shown_as_text(app: WorkbenchApp, sample_store: Store) -> None:
    sample_store.set_claimant(sample_store.sentence_at(1, 1).id, "[red]Nobody[/red] \x1b[2J")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Claimed by: [red]Nobody[/red] ␛[2J" in detail(app)


# -- ctrl+o: jumping back ----------------------------------------------------------------


async def jump_through_match(pilot, app: WorkbenchApp) -> None:
    before = where(app)
    await pilot.press("x")
    await until(pilot, lambda: isinstance(app.screen, CrossRefScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and where(app) != before)


async def test_ctrl_o_comes_back_from_a_match_in_another_article(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await jump_through_match(pilot, app)
        assert where(app) == (1, 7)
        assert any("^o comes back" in n for n in notes(app))  # the key as the key bar shows it
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (other, 2))
        assert store.get_meta("last_article") == str(other)
        await pilot.press("ctrl+o")  # nothing left
        await until(pilot, lambda: any("Nothing to go back to" in n for n in notes(app)))
        assert where(app) == (other, 2)


async def test_several_jumps_come_back_one_by_one(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await jump_through_match(pilot, app)  # the paraphrase -> sample 1
        assert where(app) == (1, 1)
        await pilot.press(*"jjjjjj")
        await jump_through_match(pilot, app)  # sample 7 (the carrier) -> its paraphrase
        assert where(app) == (other, 2)
        await pilot.press("F")  # and a search
        await until(pilot, lambda: isinstance(app.screen, SearchAllScreen))
        app.screen.query_one(Input).value = "egg prices"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.results)
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, ReviewScreen) and where(app) == (other, 3)
        )
        assert len(review(app).jumps) == 3
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (other, 2))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (1, 7))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (other, 1))
        assert review(app).jumps == []


async def test_back_restores_the_filter_and_the_search(matched) -> None:
    store, other = matched
    store.set_verdict(store.sentence_at(1, 4).id, Verdict.DISPUTED)
    store.set_verdict(store.sentence_at(1, 7).id, Verdict.DISPUTED)
    app = make_app(store, article_id=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "f", "f")  # disputed: 4 and 7
        await until(pilot, lambda: "filter: disputed 1/2" in header(app))
        await pilot.press("j")
        await jump_through_match(pilot, app)  # sentence 7 -> the carrier in the other article
        assert review(app).filter == "all" and review(app).article_id == other
        assert "filter:" not in header(app)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (1, 7))
        assert review(app).filter == "disputed"
        assert "filter: disputed 2/2" in header(app)


async def test_back_to_a_sentence_the_view_now_hides_shows_it_anyway(matched) -> None:
    store, other = matched
    store.set_verdict(store.sentence_at(other, 1).id, Verdict.DISPUTED)
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "f", "f")  # disputed: sentence 1 only
        await until(pilot, lambda: "filter: disputed 1/1" in header(app))
        await jump_through_match(pilot, app)
        store.set_verdict(store.sentence_at(other, 1).id, None)  # no longer disputed
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (other, 1))
        assert review(app).filter == "all"


async def test_back_skips_an_article_deleted_since(matched) -> None:
    store, other = matched
    app = make_app(store, article_id=other)
    async with app.run_test(size=SIZE) as pilot:
        await jump_through_match(pilot, app)
        assert where(app)[0] == 1
        store.delete_article(other)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: any("was deleted" in n for n in notes(app)))
        await until(pilot, lambda: any("Nothing to go back to" in n for n in notes(app)))
        assert where(app) == (1, 1)


async def test_opening_another_article_from_the_library_can_be_undone_with_ctrl_o(matched) -> None:
    store, other = matched
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "a")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and where(app)[0] == other)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (1, 3))


# -- F: search every article -------------------------------------------------------------


async def search_all(pilot, app: WorkbenchApp, query: str) -> SearchAllScreen:
    await pilot.press("F")
    await until(pilot, lambda: isinstance(app.screen, SearchAllScreen))
    app.screen.query_one(Input).value = query
    await pilot.press("enter")
    return app.screen


async def test_F_lists_sentences_of_every_article_and_enter_jumps(matched) -> None:
    store, other = matched
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_all(pilot, app, "aircraft carrier")
        await until(pilot, lambda: len(screen.results) == 2)
        text = screen_text(app)
        assert "2 sentences in 2 articles." in text
        assert "Paraphrases · sentence 2" in text
        assert "US troop withdrawal from Syria · sentence 7 · this article" in text
        assert screen.query_one(OptionList).has_focus  # enter again jumps
        await pilot.press("enter")  # the newest article first: the paraphrase
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and where(app)[0] == other)
        assert where(app) == (other, 2)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: where(app) == (1, 1))
        await pilot.press("F")  # the last search is kept, its results shown
        await until(pilot, lambda: isinstance(app.screen, SearchAllScreen))
        await until(pilot, lambda: len(app.screen.results) == 2)
        assert app.screen.query_one(Input).value == "aircraft carrier"
        await pilot.press("down", "down", "enter")  # from the field to the second result
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and where(app) == (1, 7))


async def test_F_keys_sent_in_one_burst_search_and_jump(matched) -> None:
    """Keys after enter found the field still focused (the results took the focus at their
    turn), and a down and an enter typed then searched again; a verdict sent after the
    jump marked the sentence jumped from."""
    store, _ = matched
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, SearchAllScreen)
                    and isinstance(app.focused, Input))  # fmt: skip
        type_fast(app, "aircraft carrier")
        type_fast(app, [("enter", "\r"), ("down", None), ("enter", "\r"), ("v", "v")])
        await until(pilot, lambda: store.sentence_at(1, 7).verdict is Verdict.VERIFIED)
        assert where(app)[0] == 1


async def test_F_says_when_nothing_is_found_and_escape_closes(matched) -> None:
    store, _ = matched
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_all(pilot, app, "[b]zebra[/b] crossing")
        await until(pilot, lambda: "No sentence in any article holds" in screen_text(app))
        assert "'[b]zebra[/b] crossing'" in screen_text(app)
        assert screen.results == []
        await pilot.press("enter")  # on the field: searches again, stays
        assert isinstance(app.screen, SearchAllScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert where(app) == (1, 1) and review(app).jumps == []


async def test_F_shows_article_titles_and_text_as_text(sample_store: Store, settings) -> None:
    doc = Document("[bold]Loud[/bold] title", "The [red]troops[/red] left today.\n", "/tmp/l.txt")
    import_document(sample_store, doc, settings)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_all(pilot, app, "troops left")
        await until(pilot, lambda: len(screen.results) == 1)
        assert "[bold]Loud[/bold] title · sentence 1" in screen_text(app)
        assert "The [red]troops[/red] left today." in screen_text(app)


# -- the keys are listed -------------------------------------------------------------------


async def test_help_lists_the_new_keys(app: WorkbenchApp) -> None:
    from rich.console import Console

    from workbench.tui.screens.help import HelpScreen, keys_table

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        console = Console(width=200, record=True, color_system=None)
        console.print(keys_table(review(app)))  # the help's table, whole (it scrolls)
        rows = console.export_text().splitlines()
        for key, words in (("^o", "Go back to where you were"), ("F", "Search every article"),
                           ("w", "Who made the claim"), ("i", "Edit the article's title")):  # fmt: skip
            (row,) = [r for r in rows if words in r]
            assert row.split()[0] == key, row


def test_every_new_binding_has_an_id_and_a_description() -> None:
    ids = {b.id: b for b in ReviewScreen.BINDINGS}
    for binding_id, key in (("move.back", "ctrl+o"), ("view.search-all", "F"),
                            ("edit.claimant", "w"), ("edit.article-info", "i")):  # fmt: skip
        b = ids[binding_id]
        assert b.key == key and b.description and b.tooltip
    assert len(ids) == len(ReviewScreen.BINDINGS)  # ids unique
    keys = [k for b in ReviewScreen.BINDINGS for k in b.key.split(",")]
    assert len(keys) == len(set(keys))  # no key bound twice
    library = {b.id: b for b in LibraryScreen.BINDINGS}
    assert library["articles.info"].key == "e"
