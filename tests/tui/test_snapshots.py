"""Snapshots of the review screen's main states (fixed size, clock and reviewer).

A new or changed snapshot fails until it is looked at and accepted with
``pytest --snapshot-update``.
"""

from __future__ import annotations

from tests.tui.conftest import make_app
from workbench.store import Store

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
    assert snap_compare(
        make_app(sample_store),
        press=["d", "k", "n", *"Contradicted by CENTCOM"],
        terminal_size=SIZE,
    )
