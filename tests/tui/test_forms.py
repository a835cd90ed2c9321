"""What the four editing forms share (``tui/screens/form.py``), each form on its own in a
small app, with a ``save`` that stores, fails or meets someone else's newer version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Label, TextArea

from tests.tui.test_record_on_screen import until
from workbench.errors import ConflictError, DatabaseError
from workbench.model import Article, Evidence, Sentence, Stance
from workbench.tui.screens.article_info import ArticleInfoForm
from workbench.tui.screens.claimant import ClaimantForm
from workbench.tui.screens.dialog import ConfirmScreen
from workbench.tui.screens.evidence_form import EvidenceForm
from workbench.tui.screens.form import CONFLICT_HINT, Form
from workbench.tui.screens.prompt import NoteEditor

ARTICLE = Article(1, "Troops leave", "/a.txt", None, "2026-01-01T00:00:00+00:00", "0" * 64)
SENTENCE = Sentence(7, 1, 3, 1, 0, 21, "k", "The minister said so.", version=4)
EVIDENCE = Evidence(5, "https://e.example/a", "Source", "", Stance.SUPPORTS, "", version=9)


class Save:
    """A store verb as the form sees it: stores, fails, or meets ``theirs``."""

    def __init__(self, theirs: object) -> None:
        self.theirs = theirs
        self.outcome = "store"
        self.calls: list[tuple[Any, Any]] = []

    def __call__(self, draft: Any, expected: Any) -> object:
        self.calls.append((draft, expected))
        if self.outcome == "fail":
            raise DatabaseError("the disk is full")
        if self.outcome == "clash":
            raise ConflictError("changed by bob meanwhile", current=self.theirs)
        return "stored"


@dataclass
class Case:
    make: Callable[[Save], Form]
    field: str  # the selector of the field typed into
    theirs: object  # the record as bob left it
    expected: object  # what saving over bob's passes as expected (his version or value)
    theirs_field: str  # the selector of a field that shows bob's value once taken
    theirs_value: str


CASES = {
    "note": Case(lambda save: NoteEditor("Note on sentence 3", "", save), "#note-text",
                 replace(SENTENCE, note="bob's", version=6), "bob's", "#note-text", "bob's"),
    "claimant": Case(lambda save: ClaimantForm(SENTENCE, None, save), "#claimant-input",
                     replace(SENTENCE, claimant="Bob's pick"), "Bob's pick", "#claimant-input",
                     "Bob's pick"),
    "evidence": Case(lambda save: EvidenceForm(SENTENCE, [], save=save, existing=EVIDENCE),
                     "#ev-note", replace(EVIDENCE, quote="bob's quote", version=12), 12,
                     "#ev-quote", "bob's quote"),
    "article": Case(lambda save: ArticleInfoForm(ARTICLE, save), "#info-outlet",
                    replace(ARTICLE, title="Bob's title"), replace(ARTICLE, title="Bob's title"),
                    "#info-title", "Bob's title"),
}  # fmt: skip


class Host(App[None]):
    """Opens one form and keeps what it returns."""

    def __init__(self, form: Form) -> None:
        super().__init__()
        self.form = form
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def text_of(form: Form, selector: str) -> str:
    field = form.query_one(selector)
    return field.text if isinstance(field, TextArea) else field.value  # type: ignore[attr-defined]


def type_into(form: Form, selector: str, text: str) -> None:
    field = form.query_one(selector)
    if isinstance(field, TextArea):
        field.text = text
    else:
        assert isinstance(field, Input)
        field.value = text


def problem(form: Form) -> str:
    return str(form.query_one(".problem", Label).render())


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


async def test_a_failed_write_keeps_the_form_open_with_what_was_typed(case: Case) -> None:
    save = Save(case.theirs)
    form = case.make(save)
    app = Host(form)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen is form)
        type_into(form, case.field, "Wire")
        save.outcome = "fail"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "the disk is full" in problem(form))
        assert "What you typed is still here" in problem(form)
        assert app.screen is form and text_of(form, case.field) == "Wire"
        save.outcome = "store"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form)
        assert len(save.calls) == 2 and app.results and app.results[0] is not None


async def test_theirs_shown_then_saved_over(case: Case) -> None:
    save = Save(case.theirs)
    form = case.make(save)
    app = Host(form)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen is form)
        type_into(form, case.field, "Wire")
        save.outcome = "clash"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: form.has_class("-conflict"))
        assert "changed by bob meanwhile" in problem(form)
        assert str(form.query_one(f"#{form.GROUP}-hint", Label).render()) == CONFLICT_HINT
        save.outcome = "store"
        await pilot.press("ctrl+s")  # seen theirs: mine over it, against their version
        await until(pilot, lambda: app.screen is not form)
        assert save.calls[-1][1] == case.expected


async def test_theirs_taken_then_escape_closes_at_once(case: Case) -> None:
    save = Save(case.theirs)
    form = case.make(save)
    app = Host(form)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen is form)
        type_into(form, case.field, "Wire")
        save.outcome = "clash"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: form.has_class("-conflict"))
        await pilot.press("escape")  # what was typed would be lost: asks
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: app.screen is form)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: not form.has_class("-conflict"))
        assert text_of(form, case.theirs_field) == case.theirs_value
        assert problem(form) == ""
        await pilot.press("escape")  # nothing of mine left to lose
        await until(pilot, lambda: app.screen is not form)
        assert app.results == [None]
        assert len(save.calls) == 1
