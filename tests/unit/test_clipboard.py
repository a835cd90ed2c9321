"""The clipboard through pyperclip, with and without a backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.clipboard import copy_text, paste_text
from workbench.errors import InputError


def test_without_a_backend(no_clipboard: None) -> None:
    assert copy_text("x") is False
    with pytest.raises(InputError, match="no clipboard is reachable here"):
        paste_text()


def test_with_a_backend(clipboard: list[str]) -> None:
    assert copy_text("hello") is True
    assert paste_text() == "hello"
    clipboard.append("   ")
    with pytest.raises(InputError, match="the clipboard is empty"):
        paste_text()


def test_open_paste_without_a_clipboard_is_one_line(no_clipboard: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "open", "--paste"])
    assert result.exit_code == 1
    assert result.stderr.startswith("workbench: error: no clipboard is reachable")


def test_import_paste_with_a_clipboard(clipboard: list[str], tmp_path: Path) -> None:
    clipboard.append("A pasted claim about the budget. The minister denied it on Monday.")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(cli, ["--db", db, "import", "--paste", "--json"])
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert row["sentences"] == 2 and row["status"] == "new"
    assert CliRunner().invoke(cli, ["--db", db, "import"]).exit_code == 2
