"""``workbench import report.json``: an article and its review back from a JSON report.

The article is imported from the text the report carries (so offsets and
keys are recomputed exactly as on a first import, or an article already
stored is found, or brought up to that text); then each sentence's review
and evidence are merged in, matched by key, else by position and text: the
newer review wins (``replace`` takes the report as it is).  It is one
undoable step, the reviews logged under their original reviewers' names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError, WorkbenchError
from workbench.model import Document, ReportEntry, Verdict
from workbench.report.jsonreport import parse_report
from workbench.segment import segment

if TYPE_CHECKING:
    from workbench.model import Restored
    from workbench.store import Store

EVIDENCE_FIELDS = ("url", "title", "quote", "stance", "note")


def read_report(path: Path, max_bytes: int | None = None) -> tuple[Document, list[ReportEntry]]:
    """The article and the reviews a report file holds, checked field by field."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{path} is {size / 1024 / 1024:.1f} MB, over the import limit of"
                f" {max_bytes / 1024 / 1024:.0f} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    doc = parse_report(data, str(path))
    article, sentences = doc["article"], doc["sentences"]
    text = article.get("text")
    if not isinstance(text, str):
        text = "\n\n".join(s["text"] for s in sorted(sentences, key=lambda s: s["position"]))
    title = article.get("title")
    source = article.get("source")
    url = article.get("url")
    document = Document(
        title if isinstance(title, str) and title.strip() else path.stem,
        text,
        source if isinstance(source, str) and source.strip() else str(path),
        url if isinstance(url, str) and url.strip() else None,
    )
    return document, [_entry(s, path) for s in sentences]


def _text(entry: dict[str, Any], name: str, path: Path, position: int) -> str:
    value = entry.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{path}: sentence {position} has a {name} that is not text")
    return value


def _entry(s: dict[str, Any], path: Path) -> ReportEntry:
    position = s["position"]
    try:
        verdict = Verdict.parse(_text(s, "verdict", path, position) or None)
    except WorkbenchError:
        raise InputError(f"{path}: sentence {position} has an unknown verdict") from None
    evidence = s.get("evidence") or []
    if not isinstance(evidence, list):
        raise InputError(f"{path}: the evidence of sentence {position} is not a list")
    pieces = []
    for ev in evidence:
        if not isinstance(ev, dict):
            raise InputError(f"{path}: a piece of evidence of sentence {position} is not an object")
        pieces.append({k: _text(ev, k, path, position) for k in EVIDENCE_FIELDS})
        pieces[-1]["stance"] = pieces[-1]["stance"] or "supports"
    return ReportEntry(
        position=position,
        key=_text(s, "key", path, position) or None,
        text=_text(s, "text", path, position) or None,
        verdict=verdict,
        note=_text(s, "note", path, position).strip(),
        flagged=bool(s.get("flagged")),
        reviewer=_text(s, "reviewer", path, position) or None,
        reviewed_at=_text(s, "reviewed_at", path, position) or None,
        evidence=tuple(pieces),
    )


def restore_report(
    store: Store, path: Path, *, replace: bool = False, max_bytes: int | None = None
) -> Restored:
    """Restore an article and its review from a workbench JSON report."""
    document, entries = read_report(path, max_bytes)
    segments = segment(document.text)
    if not segments:
        raise InputError(f"{path}: the report's article has no sentences")
    return store.restore_review(document, segments, entries, replace=replace)
