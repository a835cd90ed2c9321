"""Copying (c, C) with and without a system clipboard, and the export dialog (ctrl+e)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import enter_text, until
from tests.tui.helpers import notes as messages
from workbench.store import Store
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.prompt import NoteEditor

SIZE = (120, 40)


async def test_c_copies_a_citation_through_osc52_without_a_backend(
    sample_store: Store, no_clipboard: None
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "k", "n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        enter_text(app.screen.query_one(TextArea), "Not what CENTCOM said")
        await pilot.press("ctrl+s", "c")
        await until(pilot, lambda: app.clipboard)
        assert app.clipboard.startswith("“The US administration is in the process")
        assert "Verdict: Disputed (tester)" in app.clipboard
        assert "Note: Not what CENTCOM said" in app.clipboard
        assert any("terminal clipboard (OSC 52)" in m for m in messages(app))


async def test_c_uses_the_clipboard_when_there_is_one(
    sample_store: Store, clipboard: list[str]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert clipboard and "sentence 1" in clipboard[-1]
        assert app.clipboard == ""
        assert any("system clipboard" in m for m in messages(app))


async def test_shift_c_copies_the_markdown_report(sample_store: Store, no_clipboard: None) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "C")
        await pilot.pause()
        assert app.clipboard.startswith("# US troop withdrawal from Syria")
        assert "### 1. ✔ Verified" in app.clipboard


async def test_ctrl_e_exports_with_overwrite_confirmation(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path")
        assert path_input.value == str(tmp_path / "us-troop-withdrawal-from-syria-review.md")
        app.screen.query_one("#export-format").value = "json"
        await pilot.pause()
        assert path_input.value.endswith("us-troop-withdrawal-from-syria-review.json")
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "us-troop-withdrawal-from-syria-review.json"
        assert json.loads(written.read_text())["sentences"][0]["verdict"] == "verified"
        assert not isinstance(app.screen, ExportScreen)
        assert any(f"Wrote {written}" in m for m in messages(app))

        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-format").value = "json"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # asks first
        assert "exists" in str(app.screen.query_one("#export-problem").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_export_to_an_unwritable_place_says_why(sample_store: Store, tmp_path: Path) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "r.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "cannot write" in str(app.screen.query_one("#export-problem").render())
        await pilot.press("escape")
        assert not (tmp_path / "no").exists()


async def test_export_to_a_name_of_another_format_asks_which(
    sample_store: Store, tmp_path: Path
) -> None:
    """Markdown chosen, a file named .html: nothing is written until name and format agree."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "r.html")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        problem = str(app.screen.query_one("#export-problem").render())
        assert "r.html is named for HTML" in problem and "not Markdown" in problem
        assert not (tmp_path / "r.html").exists()
        shown = app.screen.query_one("#export-problem")  # the whole of it, wrapped
        assert shown.size.height > 1 and shown.size.width <= app.screen.size.width
        app.screen.query_one("#export-format").value = "html"  # what it said no longer holds
        await until(pilot, lambda: str(app.screen.query_one("#export-problem").render()) == "")
        app.screen.query_one("#export-format").value = "md"
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "r.md")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert (tmp_path / "r.md").read_text().startswith("# ")
