"""The export dialog (ctrl+e): a format, a path with a sensible default, overwrite check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from workbench.errors import WorkbenchError
from workbench.report import EXTENSIONS, LABELS, default_filename
from workbench.tui.screens.dialog import Dialog


class ExportScreen(Dialog[Path | None]):
    """Asks where and how to write the report; returns the path written, or None."""

    DEFAULT_CSS = """
    ExportScreen > Vertical {
        width: 80%; max-width: 90; height: auto;
    }
    ExportScreen #export-problem { color: $warning; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without writing"),
        # Not a priority binding: it waits behind the keys typed before it (a fast typist).
        Binding("ctrl+s", "write", "Write", id="export.write", tooltip="Write the report"),
    ]  # fmt: skip

    def __init__(
        self, title: str, write: Callable[[str, Path], None], folder: Path | None = None
    ) -> None:
        super().__init__()
        self._title = title
        self._write = write  # raises WorkbenchError with a message to show
        self._folder = folder or Path.cwd()
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the review", markup=False)
            yield Select([(label, fmt) for fmt, label in LABELS.items()], value="md",
                         allow_blank=False, id="export-format")  # fmt: skip
            yield Input(str(self._folder / default_filename(self._title, "md")), id="export-path")
            yield Label("", id="export-problem", markup=False)
            yield Label("enter or ctrl+s write · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one(Input)
        current = Path(path.value)
        for ext in sorted(EXTENSIONS.values(), key=len, reverse=True):
            if current.name.endswith(ext):
                path.value = str(
                    current.with_name(current.name[: -len(ext)] + EXTENSIONS[str(event.value)])
                )
                break
        self._confirm = None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = None
        self.query_one("#export-problem", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_write()

    def action_write(self) -> None:
        fmt = str(self.query_one(Select).value)
        path = Path(self.query_one(Input).value.strip()).expanduser()
        problem = self.query_one("#export-problem", Label)
        if not path.name:
            problem.update("Give a file name.")
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            problem.update(f"{path} exists: enter again to overwrite it.")
            return
        try:
            self._write(fmt, path)
        except WorkbenchError as exc:
            problem.update(exc.message)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
