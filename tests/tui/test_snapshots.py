"""Snapshots of the review screen's main states (fixed size, clock and reviewer).

A new or changed snapshot fails until it is looked at and accepted with
``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import enter_text, until
from workbench.store import Store
from workbench.tui.screens.evidence_form import EvidenceForm
from workbench.tui.screens.prompt import NoteEditor

SIZE = (120, 40)


def test_sample_opened(snap_compare, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), terminal_size=SIZE)


def test_verdicts_set(snap_compare, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), press=["v", "d", "o", "m", "v"], terminal_size=SIZE)


def test_help_screen(snap_compare, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), press=["question_mark"], terminal_size=SIZE)


def test_filter_applied(snap_compare, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), press=["v", "d", "f", "f"], terminal_size=SIZE)


def test_note_being_edited(snap_compare, sample_store: Store) -> None:
    async def write_note(pilot: Pilot) -> None:
        await pilot.press("d", "k", "n")
        await until(pilot, lambda: isinstance(pilot.app.screen, NoteEditor))
        enter_text(pilot.app.screen.query_one(TextArea), "Contradicted by CENTCOM")

    assert snap_compare(make_app(sample_store), run_before=write_note, terminal_size=SIZE)


@pytest.fixture
def reviewed(store: Store) -> Store:
    """The reviewed sample of the report tests (fixed sources, clock and evidence)."""
    from tests.unit.report_fixtures import reviewed_sample

    reviewed_sample(store)
    return store


def test_detail_pane_with_evidence_and_matches(snap_compare, reviewed: Store) -> None:
    assert snap_compare(make_app(reviewed), press=["j", "j"], terminal_size=SIZE)


def test_evidence_form(snap_compare, reviewed: Store, no_clipboard: None) -> None:
    async def fill_in(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EvidenceForm))
        for text in ("https://example.org/briefing", "Pentagon briefing"):
            enter_text(app.focused, text)
            await pilot.press("tab")
        enter_text(app.focused, "withdrawing nearly 1,000 of its troops")

    assert snap_compare(make_app(reviewed), run_before=fill_in, terminal_size=SIZE)


def test_article_library(snap_compare, reviewed: Store) -> None:
    assert snap_compare(make_app(reviewed), press=["a"], terminal_size=SIZE)
