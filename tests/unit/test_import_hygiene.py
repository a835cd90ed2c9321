"""The domain stands apart from the UI: nothing outside workbench/tui imports textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"


def headless_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        if "tui" in rel.parts:
            continue
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_every_headless_module_is_found() -> None:
    names = headless_modules()
    assert {"workbench.cli", "workbench.store", "workbench.model"} <= set(names)
    assert not any(n.startswith("workbench.tui") for n in names)


@pytest.mark.parametrize("module", headless_modules())
def test_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"{module} loads textual"


def test_the_store_is_the_only_door_to_sqlite() -> None:
    """Nothing outside workbench/store imports sqlite3 or reaches a store's connection."""
    import ast

    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "store" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] in ("sqlite3", "sqlite_utils") for n in names):
                offenders.append(f"{path.name}:{node.lineno} imports {names}")
            if isinstance(node, ast.Attribute) and node.attr in ("conn", "db"):
                offenders.append(f"{path.name}:{node.lineno} reaches .{node.attr}")
    assert offenders == []
