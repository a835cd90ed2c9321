"""Evidence (e, l, E), join and split (J, S) and the article library (a), through Pilot."""

from __future__ import annotations

from textual.widgets import Label, OptionList, TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import enter_text, row_text, until
from workbench.model import Stance
from workbench.store import Store
from workbench.tui.screens.evidence_form import EvidenceForm
from workbench.tui.screens.evidence_library import EvidenceLibrary
from workbench.tui.screens.library import LibraryScreen
from workbench.tui.screens.prompt import PromptScreen, SplitEditor
from workbench.tui.screens.sentence_evidence import SentenceEvidence
from workbench.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


def evidence(store: Store, position: int) -> list:
    return store.evidence_of(store.sentence_at(1, position).id)


async def test_e_adds_evidence_with_the_url_from_the_clipboard(sample_store, clipboard) -> None:
    clipboard.append("https://www.wsj.com/articles/us-troops-syria")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceForm)
        assert (
            app.screen.query_one("#ev-url").value == "https://www.wsj.com/articles/us-troops-syria"
        )
        await pilot.press("tab")
        enter_text(app.focused, "WSJ report")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EvidenceForm))
        (e,) = evidence(sample_store, 1)
        assert (e.url, e.title, e.stance) == ("https://www.wsj.com/articles/us-troops-syria",
                                              "WSJ report", Stance.SUPPORTS)  # fmt: skip
        await until(pilot, lambda: "§1" in row_text(app, 0))


async def test_a_javascript_url_is_refused_in_the_form(sample_store, no_clipboard) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        enter_text(app.focused, "javascript:alert(1)")
        await pilot.press("tab")
        enter_text(app.focused, "x")
        await pilot.press("ctrl+s")
        problem = app.screen.query_one("#evidence-problem")
        await until(pilot, lambda: "only http and https links are accepted"
                    in str(problem.render()))  # fmt: skip
        assert isinstance(app.screen, EvidenceForm)
        await pilot.press("escape")
        assert evidence(sample_store, 1) == []


async def test_a_quote_links_to_the_sentences_it_supports(sample_store, no_clipboard) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        await pilot.press("tab")
        enter_text(app.focused, "CENTCOM")
        await pilot.press("tab")
        enter_text(app.focused, "orderly cessation and part of a conditions-based")
        also = app.screen.query_one("#ev-also")
        await until(pilot, lambda: also.option_count >= 1)
        assert also.get_option_at_index(0).value == sample_store.sentence_at(1, 3).id
        also.select_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(evidence(sample_store, 1)) == 1 and len(evidence(sample_store, 3)) == 1
        await pilot.press("u")  # the evidence and its links: one step
        await pilot.pause()
        assert evidence(sample_store, 1) == [] and evidence(sample_store, 3) == []


async def test_space_ticks_the_first_suggested_sentence_at_once(sample_store, no_clipboard) -> None:
    """Tab to the suggested sentences, space: the first is ticked (no arrow key first)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        app.screen.query_one("#ev-title").value = "CENTCOM"
        app.screen.query_one("#ev-quote").value = "orderly cessation and part of a conditions-based"
        also = app.screen.query_one("#ev-also")
        await until(pilot, lambda: also.option_count >= 1)
        also.focus()
        await pilot.press("space")
        await until(pilot, lambda: also.selected == [sample_store.sentence_at(1, 3).id])
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(evidence(sample_store, 3)) == 1)
        assert len(evidence(sample_store, 1)) == 1


async def test_l_links_from_the_library_and_E_edits_and_unlinks(sample_store) -> None:
    first = sample_store.sentence_at(1, 1)
    ev = sample_store.add_evidence(first.id, url="https://centcom.example/statement",
                                   title="CENTCOM statement", quote="orderly cessation")  # fmt: skip
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "l")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceLibrary)
        await pilot.press(*"centcom", "enter")
        await pilot.pause()
        assert [e.id for e in evidence(sample_store, 3)] == [ev.id]
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, SentenceEvidence)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceForm)
        await pilot.press("tab", "tab", "tab", "tab")
        enter_text(app.focused, " (official)")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EvidenceForm))
        assert sample_store.evidence(ev.id).note == "(official)"
        await pilot.press("E", "delete")
        await pilot.pause()
        assert evidence(sample_store, 3) == [] and len(evidence(sample_store, 1)) == 1


async def test_join_and_split_with_undo(sample_store) -> None:
    first = sample_store.sentence_at(1, 1)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")  # across paragraphs: refused
        await pilot.pause()
        assert len(sample_store.sentences_of(1)) == 15
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SplitEditor)
        app.screen.query_one(TextArea).move_cursor((0, 0))  # nothing before: refused, still open
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SplitEditor) and len(sample_store.sentences_of(1)) == 15
        assert "both parts need some text" in str(app.screen.query_one(".problem", Label).render())
        app.screen.query_one(TextArea).move_cursor((0, first.text.index(" ") + 1))
        await pilot.press("enter")
        await pilot.pause()
        ss = sample_store.sentences_of(1)
        assert len(ss) == 16 and ss[0].id == first.id
        assert first.text.startswith(ss[0].text) and first.text.endswith(ss[1].text)
        assert app.screen.query_one(SentenceList).current.position == 1
        await pilot.press("J")
        await pilot.pause()
        assert next(s.text for s in sample_store.sentences_of(1)) == first.text
        await pilot.press("u", "u")
        await pilot.pause()
        assert len(sample_store.sentences_of(1)) == 15
        assert app.screen.query_one(SentenceList).total == 15


async def test_the_article_library(sample_store, tmp_path, clipboard) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge would reopen on Monday. Critics doubt it.\n")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        enter_text(app.focused, str(other))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.title for a in sample_store.articles()][1] == "Other"
        clipboard.append("Pasted claims are here. And another pasted claim too.")
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(sample_store.articles()) == 3
        await pilot.press("d", "d")  # the highlighted (newest) article
        await pilot.pause()
        assert len(sample_store.articles()) == 2
        library = app.screen.query_one(OptionList)
        await pilot.press("home", "down")
        on = library.highlighted
        assert on == 1  # (a row below the first)
        await pilot.press("u")
        await pilot.pause()
        assert len(sample_store.articles()) == 3
        assert library.highlighted == on  # the cursor stays on its row, not the first
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert app.screen.article_id == 2
        assert "mayor said the bridge" in app.screen.query_one(SentenceList).current.text


async def test_the_suggestions_survive_a_highlight_that_comes_after_a_refill(
    sample_store, no_clipboard
) -> None:
    """A burst of typed keys refills the list while the message of an earlier highlight is
    on its way: the list stays in the form (Textual's own list dropped out and the save
    then failed)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        form = app.screen
        form.query_one("#ev-quote").value = "orderly cessation and part of a conditions-based"
        also = form.query_one("#ev-also")
        await until(pilot, lambda: also.option_count >= 1)
        also.highlighted = 0  # its message is queued ...
        also.clear_options()  # ... and the list refilled before it is read
        await pilot.pause()
        await pilot.pause()
        assert form.query("#ev-also")
        form.query_one("#ev-title").value = "CENTCOM"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(evidence(sample_store, 1)) == 1)
