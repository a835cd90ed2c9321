"""The export dialog (ctrl+e): a format, a path with a sensible default, overwrite check.

It remembers the format and folder last written (``export.format``, ``export.folder``
in the store's meta table), and says what a ClaimReview export would lack before
it is written (the export still goes ahead).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from workbench.errors import WorkbenchError
from workbench.report import (
    EXTENSIONS,
    LABELS,
    ReportOptions,
    default_filename,
    format_for_path,
)
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.fields import Input, Select
from workbench.tui.widgets.text import visible

FORMAT_KEY, FOLDER_KEY = "export.format", "export.folder"  # in the store's meta table
SHOWN_PROBLEMS = 4  # ClaimReview problems listed before "and N more"


class ExportScreen(Dialog[Path | None]):
    """Asks where and how to write the report; returns the path written, or None."""

    TAKES_TEXT = True
    AUTO_FOCUS = "#export-path"  # (not the format: keys typed right after ctrl+e go in it)

    DEFAULT_CSS = """
    ExportScreen > Vertical {
        width: 80%; max-width: 90; height: auto;
    }
    ExportScreen Label { width: 100%; }
    ExportScreen #export-problem { color: $warning; }
    ExportScreen #export-warning { color: $warning; display: none; }
    ExportScreen #export-warning.-shown { display: block; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without writing"),
        # (run by the path field as the key reaches it: after the keys typed before it)
        Binding("ctrl+s", "write", "Write", id="export.write", tooltip="Write the report"),
    ]  # fmt: skip

    def __init__(
        self, title: str, write: Callable[[str, Path], None], folder: Path | None = None
    ) -> None:
        super().__init__()
        self._title = title
        self._write = write  # raises WorkbenchError with a message to show
        self._folder = folder
        self._confirm: Path | None = None
        self._claimreview_problems: list[str] | None = None  # worked out when first asked

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        fmt = self.store.get_meta(FORMAT_KEY)
        fmt = fmt if fmt in LABELS else "md"
        folder = self._folder or _existing(self.store.get_meta(FOLDER_KEY)) or Path.cwd()
        with Vertical():
            yield Label("Export the review", markup=False)
            yield Select([(label, name) for name, label in LABELS.items()], value=fmt,
                         allow_blank=False, id="export-format")  # fmt: skip
            yield Input(str(folder / default_filename(self._title, fmt)), id="export-path")
            yield Label("", id="export-warning", markup=False)
            yield Label("", id="export-problem", markup=False)
            yield Label("enter or ctrl+s write · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.focus_first(self.query_one(Input))
        self.show_warning(str(self.query_one(Select).value))

    def show_warning(self, fmt: str) -> None:
        """For ClaimReview, what the objects would lack to be published (else nothing)."""
        found = self.claimreview_problems() if fmt == "claimreview" else []
        lines = [f"· {visible(p)}" for p in found[:SHOWN_PROBLEMS]]
        if len(found) > SHOWN_PROBLEMS:
            lines.append(f"· and {len(found) - SHOWN_PROBLEMS} more")
        heading = "Not yet publishable as ClaimReview (the file is written all the same):"
        text = "\n".join([heading, *lines]) if lines else ""
        warning = self.query_one("#export-warning", Label)
        warning.update(text)
        warning.set_class(bool(text), "-shown")

    def claimreview_problems(self) -> list[str]:
        """``claimreview.problems`` for the open article and the settings' report options."""
        if self._claimreview_problems is None:
            from workbench.report import claimreview

            app = self.app
            options = ReportOptions.from_settings(app.settings)  # type: ignore[attr-defined]
            try:
                report = self.store.report(app.article_id)  # type: ignore[attr-defined]
            except WorkbenchError as exc:
                return [f"cannot check the article: {exc.message}"]
            self._claimreview_problems = claimreview.problems(report, options)
        return self._claimreview_problems

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
        self.query_one("#export-problem", Label).update("")  # (said of the format before)
        self.show_warning(str(event.value))

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
        named = format_for_path(path)
        if named is not None and named != fmt:
            problem.update(
                f"{path.name} is named for {LABELS[named]}, not {LABELS[fmt]}: change the"
                " name or the format."
            )
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
        self.remember(fmt, path)
        self.dismiss(path)

    def remember(self, fmt: str, path: Path) -> None:
        """Next time, start from this format and folder (a failure to note it is no failure)."""
        try:
            self.store.set_meta(FORMAT_KEY, fmt)
            self.store.set_meta(FOLDER_KEY, str(path.absolute().parent))
        except WorkbenchError as exc:  # the report is written: only next time's default is lost
            self.notify(f"The format and folder were not remembered: {exc.message}",
                        severity="warning")  # fmt: skip

    def action_cancel(self) -> None:
        self.dismiss(None)


def _existing(folder: str | None) -> Path | None:
    """The remembered folder, if it is still there."""
    return Path(folder) if folder and Path(folder).is_dir() else None
