"""The README documents every command and every key (it fails when one is added silently)."""

from __future__ import annotations

import re

import click
import pytest

from tests.conftest import REPO
from workbench.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")
NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def commands(group: click.Group, prefix: str = "workbench") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        out.append(f"{prefix} {name}")
        if isinstance(cmd, click.Group):
            out.extend(commands(cmd, f"{prefix} {name}"))
    return out


@pytest.mark.parametrize("command", commands(cli))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"`{re.escape(command)}[ `]", README), f"{command} is not documented"


def test_every_option_is_in_the_readme() -> None:
    for cmd in [cli, *cli.commands.values()]:
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                found = [o for o in param.opts if re.search(rf"[\s`\[]{re.escape(o)}\b", README)]
                assert found, f"{param.opts} undocumented"


def test_every_key_is_in_the_readme() -> None:
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.widgets.sentence_list import SentenceList

    for binding in [*ReviewScreen.BINDINGS, *SentenceList.BINDINGS]:
        for key in binding.key.split(","):
            shown = NAMES.get(key, key)
            assert f"`{shown}`" in README, f"key {shown} ({binding.description}) undocumented"


def test_the_readme_commands_are_the_ci_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(
        line.strip() for line in ci.splitlines() if "pytest" in line and "pip install" in line
    )
    assert test_command in README
