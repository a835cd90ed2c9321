"""The review screen's ways out: copying (c, C) and exporting (ctrl+e).

A mixin of ``ReviewScreen``, kept apart so each module stays readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.tui.guard import guarded, guarding

if TYPE_CHECKING:
    from workbench.report import ReportOptions
    from workbench.tui.screens.review import ReviewScreen


class OutputActions:
    """Copy a citation or the Markdown report; export the report to a file."""

    def _copied(self: ReviewScreen, what: str, text: str) -> None:
        from workbench.tui.clipboard import copy

        how = copy(self.app, text)
        self.notify(f"Copied {what} to the {how}.")

    @guarded
    def action_copy_sentence(self: ReviewScreen) -> None:
        from workbench.citation import citation

        if (s := self.sentence_list.current) is not None:
            article = self.store.article(self.article_id)
            self._copied(
                f"sentence {s.position}", citation(article, s, self.store.evidence_of(s.id))
            )

    @guarded
    def action_copy_report(self: ReviewScreen) -> None:
        from workbench.report import render

        report = render(self.store.report(self.article_id), "md", self.report_options())
        self._copied("the Markdown report", report)

    def report_options(self: ReviewScreen) -> ReportOptions:
        from workbench.report import ReportOptions

        return ReportOptions.from_settings(self.app.settings)  # type: ignore[attr-defined]

    @guarded
    def action_export(self: ReviewScreen) -> None:
        from workbench.report import render, write_report
        from workbench.tui.screens.export import ExportScreen

        def write(fmt: str, path: Path) -> None:
            write_report(
                render(self.store.report(self.article_id), fmt, self.report_options()), path
            )

        @guarding(self)
        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}")

        self.app.push_screen(ExportScreen(self.title_text, write), done)
