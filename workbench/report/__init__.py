"""Review reports: one pure module per format behind one registry.

``render(report, fmt)`` is shared by the CLI and the TUI; ``write_report``
writes a file atomically (a temporary file renamed into place), so a failed
export never leaves half a report behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import ExportError, ValidationError
from workbench.model import Report

if TYPE_CHECKING:
    from workbench.config import Settings


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a report's reader may want set: the ClaimReview rating table and publisher."""

    rating_map: dict[str, tuple[int, str]] = field(
        default_factory=lambda: {"verified": (5, "Verified"), "disputed": (1, "Disputed")}
    )
    best_rating: int = 5
    worst_rating: int = 1
    publisher_name: str = "workbench"
    publisher_url: str | None = None
    base_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportOptions:
        return cls(
            rating_map=dict(settings.ratings),
            best_rating=settings.best_rating,
            worst_rating=settings.worst_rating,
            publisher_name=settings.publisher,
            publisher_url=settings.publisher_url,
            base_url=settings.base_url,
        )


Renderer = Callable[[Report, ReportOptions], str]


def _md(report: Report, options: ReportOptions) -> str:
    from workbench.report import markdown

    return markdown.render(report)


def _html(report: Report, options: ReportOptions) -> str:
    from workbench.report import html

    return html.render(report)


def _json(report: Report, options: ReportOptions) -> str:
    from workbench.report import jsonreport

    return jsonreport.render(report)


def _jsonl(report: Report, options: ReportOptions) -> str:
    from workbench.report import jsonl

    return jsonl.render(report)


def _csv(report: Report, options: ReportOptions) -> str:
    from workbench.report import csvreport

    return csvreport.render(report)


def _claimreview(report: Report, options: ReportOptions) -> str:
    from workbench.report import claimreview

    return claimreview.render(report, options)


# Each renderer imports its module when used: the CLI and TUI load only what they export.
FORMATS: dict[str, Renderer] = {
    "md": _md,
    "html": _html,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "claimreview": _claimreview,
}

SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".jsonld": "claimreview",
    ".claimreview.json": "claimreview",
}


def render(report: Report, fmt: str, options: ReportOptions | None = None) -> str:
    """The report as text in format ``fmt``."""
    renderer = FORMATS.get(fmt.lower())
    if renderer is None:
        raise ValidationError(f"unknown format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    return renderer(report, options or ReportOptions())


LABELS = {
    "md": "Markdown",
    "html": "HTML (one self-contained file)",
    "json": "JSON (re-importable)",
    "jsonl": "JSON Lines (a sentence a line)",
    "csv": "CSV (a sentence a row)",
    "claimreview": "schema.org ClaimReview (JSON-LD)",
}
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "jsonl": ".jsonl", "csv": ".csv",
              "claimreview": ".claimreview.json"}  # fmt: skip


def default_filename(title: str, fmt: str) -> str:
    """A file name from the article title: ``us-troops-leave-syria-review.md``."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in title).split()
    stem = "-".join(words)[:60].strip("-") or "article"
    return f"{stem}-review{EXTENSIONS[fmt]}"


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for, by its extension (None if it doesn't say)."""
    name = Path(path).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def _mode_for(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets what the user's umask allows (0644)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_report(text: str, path: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``path`` atomically; an unwritable path leaves nothing behind."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
