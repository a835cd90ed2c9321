"""Review reports: one pure module per format behind one registry.

``stream(report, fmt)`` gives the report piece by piece and ``render`` as one
text, shared by the CLI and the TUI; ``write_report`` writes the pieces as
they come (``pieces``: the JSON formats' as the UTF-8 their encoder made) to a
temporary file renamed into place, so a failed export never leaves half a
report behind, and a large one is never held whole in memory.
"""

from __future__ import annotations

import importlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
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


# A format's pieces: text, or UTF-8 (the JSON formats' sentences, as orjson writes them:
# decoded and encoded again, 63 MB of them cost a tenth of a second).
Chunks = Iterator[str | bytes]


@dataclass(frozen=True, slots=True)
class Format:
    """One report format: its name, its label in the export dialog, its file endings, and
    the module whose ``chunks(report, options)`` writes it piece by piece."""

    name: str
    label: str
    suffixes: tuple[str, ...]  # the first is the one written
    module: str

    def chunks(self, report: Report, options: ReportOptions) -> Chunks:
        # imported when used: the CLI and the TUI load only the format they export
        renderer = importlib.import_module(f"workbench.report.{self.module}")
        return renderer.chunks(report, options)  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("md", "Markdown", (".md", ".markdown"), "markdown"),
    Format("html", "HTML (one self-contained file)", (".html", ".htm"), "html"),
    Format("json", "JSON (re-importable)", (".json",), "jsonreport"),
    Format("jsonl", "JSON Lines (a sentence a line)", (".jsonl", ".ndjson"), "jsonl"),
    Format("csv", "CSV (a sentence a row)", (".csv",), "csvreport"),
    Format("claimreview", "schema.org ClaimReview (JSON-LD)", (".claimreview.json", ".jsonld"),
           "claimreview"),
)}  # fmt: skip
LABELS = {f.name: f.label for f in FORMATS.values()}
EXTENSIONS = {f.name: f.suffixes[0] for f in FORMATS.values()}
SUFFIXES = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def _format(fmt: str) -> Format:
    found = FORMATS.get(fmt.lower())
    if found is None:
        raise ValidationError(f"unknown format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    return found


def pieces(report: Report, fmt: str, options: ReportOptions | None = None) -> Chunks:
    """The report in format ``fmt``, piece by piece as the format makes them, text or
    UTF-8 (what ``write_report`` writes as it goes)."""
    return _format(fmt).chunks(report, options or ReportOptions())


def stream(report: Report, fmt: str, options: ReportOptions | None = None) -> Iterator[str]:
    """The report in format ``fmt``, piece by piece, as text."""
    for piece in pieces(report, fmt, options):
        yield piece if isinstance(piece, str) else piece.decode()


def render(report: Report, fmt: str, options: ReportOptions | None = None) -> str:
    """The report as text in format ``fmt``."""
    return "".join(stream(report, fmt, options))


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


def write_report(text: str | Iterable[str | bytes], path: str | os.PathLike[str]) -> None:
    """Write ``text`` (or its pieces, text or UTF-8, as they come) to ``path`` atomically,
    as UTF-8: an unwritable path, or a failure half-way, leaves nothing behind."""
    target = Path(path).expanduser()
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None  # not there yet (or not reachable: said when writing)
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"cannot write {path}: it is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        # a pipe, a device or a socket would be replaced by an ordinary file
        raise ExportError(f"cannot write {path}: it is not a regular file (a pipe, device or"
                          " socket): give a file name")  # fmt: skip
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            if isinstance(text, str):
                f.write(text.encode())
            else:
                f.writelines(p if isinstance(p, bytes) else p.encode() for p in text)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str | None) -> None:
    if tmp is not None and os.path.exists(tmp):
        os.unlink(tmp)
