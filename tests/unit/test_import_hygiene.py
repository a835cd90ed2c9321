"""The domain stands apart from the UI: nothing outside workbench/tui imports textual."""

from __future__ import annotations

import json
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


# One interpreter imports the modules in turn and says, after each, whether textual is
# loaded: "no" (nor by anything imported before), "yes" (this import brought it in), or
# "unknown" (textual came in earlier, or an import before failed, so this import proves
# nothing).  Imports run the same whatever ran before them, so when textual never comes
# in, no module loads it; a module whose answer is "unknown" is asked again in a fresh
# interpreter of its own.
PROBE = """
import importlib, json, sys, traceback
answers, spoilt = {}, False
for name in sys.argv[1:]:
    if spoilt:
        answers[name] = "unknown"
        continue
    try:
        importlib.import_module(name)
    except BaseException:
        answers[name] = "error: " + traceback.format_exc()
        spoilt = True
        continue
    spoilt = "textual" in sys.modules
    answers[name] = "yes" if spoilt else "no"
print(json.dumps(answers))
"""


def textual_after_importing(*modules: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *modules],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def textual_after() -> dict[str, str]:
    return textual_after_importing(*headless_modules())


@pytest.mark.parametrize("module", headless_modules())
def test_module_does_not_load_textual(module: str, textual_after: dict[str, str]) -> None:
    answer = textual_after[module]
    if answer == "unknown":
        answer = textual_after_importing(module)[module]
    assert not answer.startswith("error"), f"importing {module} failed:\n{answer}"
    assert answer == "no", f"{module} loads textual"


def test_the_textual_probe_names_the_module_that_loads_it() -> None:
    answers = textual_after_importing("workbench.model", "workbench.tui.app", "workbench.store")
    assert answers == {"workbench.model": "no", "workbench.tui.app": "yes",
                       "workbench.store": "unknown"}  # fmt: skip
    assert textual_after_importing("workbench.store") == {"workbench.store": "no"}


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


def _graph(*, typing_too: bool) -> dict[str, set[str]]:
    """Which workbench modules each workbench module imports (any import, anywhere in it;
    those under ``if TYPE_CHECKING:`` only with ``typing_too``)."""
    import ast

    def name(path: Path) -> str:
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped: set[int] = set()
        if not typing_too:
            for node in ast.walk(tree):
                if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                    skipped |= {id(n) for n in ast.walk(node)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else node.module)
        graph[module] = {m for m in found if m in modules and m != module}
    return graph


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("workbench.report", ("workbench.store", "workbench.tui")),  # renderers are pure
        ("workbench.xref", ("workbench.store", "workbench.tui")),  # matching knows no SQL
        ("workbench.text_search", ("workbench.store", "workbench.tui")),  # texts in, indexes out
        ("workbench.model", ("workbench.store", "workbench.tui", "workbench.report")),
    ],
)
def test_layers_import_only_what_is_below_them(layer: str, forbidden: tuple[str, ...]) -> None:
    graph = _graph(typing_too=True)
    offenders = [
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module == layer or module.startswith(layer + ".")
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]
    assert offenders == []


def test_the_import_graph_has_no_circle() -> None:
    """No module imports, even only for its types, one that imports it back (directly or
    not): a circle is a design that only holds by import order."""
    graph = _graph(typing_too=True)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert circles == []


def test_every_worker_starts_through_the_guard() -> None:
    """A worker's failure is one line and a logged traceback, never the end of the app: so
    no TUI module but tui/guard.py starts one with Textual's ``work`` or ``run_worker``."""
    import ast

    offenders = []
    for path in sorted((PACKAGE / "tui").rglob("*.py")):
        if path == PACKAGE / "tui" / "guard.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                names = {a.name for a in node.names}
                if names & {"work", "Worker", "WorkerManager"}:
                    offenders.append(f"{path.name}:{node.lineno} imports {sorted(names)}")
            if isinstance(node, ast.Attribute) and node.attr in ("run_worker", "work"):
                offenders.append(f"{path.name}:{node.lineno} reaches .{node.attr}")
    assert offenders == []


def test_opening_the_review_screen_loads_neither_matcher_nor_segmenter(tmp_path: Path) -> None:
    """Start-up is measured against a bare Textual app (at most 1.5 times): what only
    importing or matching needs (rapidfuzz, sentencex, the importer, the matcher) is loaded
    when first used, not on the way to the first frame; so are the dialogs and their text
    fields (Textual's TextArea)."""
    from workbench.store import Store

    db = tmp_path / "w.db"
    Store(db).close()  # made (and upgraded) here; the probe opens it as a later start does
    probe = (
        "import sys, json\n"
        "import workbench.cli, workbench.tui.app, workbench.tui.launch, workbench.store\n"
        f"workbench.store.Store({str(db)!r}).close()\n"
        "heavy = ('rapidfuzz', 'sentencex', 'workbench.importer', 'workbench.segment',"
        " 'workbench.xref.match', 'workbench.align', 'charset_normalizer', 'sqlite_utils',"
        " 'workbench.tui.widgets.fields', 'workbench.tui.screens.prompt',"
        " 'workbench.tui.screens.matches', 'workbench.tui.screens.help',"
        " 'textual.widgets._text_area')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent).stdout  # fmt: skip
    assert json.loads(out) == []


def test_every_text_field_is_drawn_inert() -> None:
    """A screen makes its text fields from ``workbench.tui.widgets.fields`` (they draw an
    escape sequence in their text as ␛), never Textual's own ``Input`` or ``TextArea``."""
    import ast

    made = []
    for path in sorted((PACKAGE / "tui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        textuals = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets"
            for alias in node.names
            if alias.name in ("Input", "TextArea")
        }
        made += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in textuals
        ]
    assert made == []
