"""``workbench import report.json``: an article and its review back from a JSON report.

The article is imported from the text the report carries, cut into the report's own
sentences (the reviewer's joins and splits kept, with the report's keys where they are
the texts') where its offsets are sound, else as a first import cuts it; or an article already
stored is found, or brought up to that text.  Then each sentence's review and evidence
are merged in, matched by position and text, else by key: the newer review wins
(``replace`` takes the report as it is).  A review that no sentence here takes (the
article here cut otherwise) is named, never dropped in silence.  It is one undoable
step, the reviews logged under their original reviewers' names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError, ValidationError, WorkbenchError
from workbench.factchecks import digest
from workbench.ingest import DEFAULT_MAX_BYTES, read_file
from workbench.model import Document, ReportEntry, Segment, Verdict
from workbench.report.jsonreport import parse_report
from workbench.segment import from_spans, segment
from workbench.store.evidence import clean_fields
from workbench.validate import (
    check_date,
    check_moment,
    check_name,
    check_url,
    mended,
    replaced_note,
)

if TYPE_CHECKING:
    from workbench.model import Restored
    from workbench.store import Store

EVIDENCE_FIELDS = ("url", "title", "quote", "stance", "note")
MAX_OFFSET = 2**53  # beyond any text the import limit lets in (and exact as a JSON number)


def read_report(path: Path, max_bytes: int | None = None) -> tuple[Document, list[ReportEntry]]:
    """The article and the reviews a report file holds, checked field by field."""
    data = read_file(path, str(path), max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES)
    doc, replaced = mended(parse_report(data, str(path)), data)
    warnings = (replaced_note(str(path), replaced),) if replaced else ()
    article, sentences = doc["article"], doc["sentences"]
    text = article.get("text")
    if text is None:
        text = "\n\n".join(s["text"] for s in sorted(sentences, key=lambda s: s["position"]))
    elif not isinstance(text, str):
        raise InputError(f"{path}: article.text is not text")
    title, source, url, published, outlet, imported_at = (
        _field(article, k, path, "article")
        for k in ("title", "source", "url", "published", "outlet", "imported_at")
    )
    authors = article.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise InputError(f"{path}: article.authors is not a list of names")
    try:
        url = check_url(url)
        published = check_date(published)
        outlet = check_name(outlet, "the outlet")
        authors = [n for n in (check_name(a, "an author") for a in authors) if n]
        imported_at = check_date(imported_at)
    except ValidationError as exc:
        raise InputError(f"{path}: article: {exc.message}") from None
    document = Document(
        title.strip() or path.stem, text, source.strip() or str(path), url or None,
        warnings=warnings, published=published or None, authors=tuple(authors),
        outlet=outlet or None, imported_at=imported_at or None,
    )  # fmt: skip
    return document, [_entry(s, path) for s in sentences]


def _field(entry: dict[str, Any], name: str, path: Path, where: str) -> str:
    """A text field of the report ("" when absent); one line naming it when it isn't text."""
    value = entry.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{path}: {where}.{name} is not text")
    return value


def _text(entry: dict[str, Any], name: str, path: Path, position: int) -> str:
    return _field(entry, name, path, f"sentence {position}")


def _entry(s: dict[str, Any], path: Path) -> ReportEntry:
    position = s["position"]
    try:
        verdict = Verdict.parse(_text(s, "verdict", path, position) or None)
    except WorkbenchError:
        raise InputError(f"{path}: sentence {position} has an unknown verdict") from None
    pieces = []
    for where, ev in _objects(s, "evidence", path, position, "is"):
        piece = {k: _field(ev, k, path, where) for k in EVIDENCE_FIELDS}
        piece["stance"] = piece["stance"] or "supports"
        try:
            clean_fields(piece)
        except ValidationError as exc:
            raise InputError(f"{path}: {where}: {exc.message}") from None
        pieces.append(piece)
    try:
        claimant = check_name(_text(s, "claimant", path, position), "the claimant") or None
    except ValidationError as exc:
        raise InputError(f"{path}: sentence {position}: {exc.message}") from None
    return ReportEntry(
        claimant=claimant,
        crossrefs=_crossrefs(s, path, position),
        position=position,
        key=_text(s, "key", path, position) or None,
        text=_text(s, "text", path, position) or None,
        verdict=verdict,
        note=_text(s, "note", path, position).strip(),
        flagged=_flag(s, path, position),
        reviewer=_text(s, "reviewer", path, position) or None,
        reviewed_at=_moment(s, path, position),
        evidence=tuple(pieces),
        reviewed_text=_text(s, "reviewed_text", path, position) or None,
        paragraph=_whole(s, "paragraph", path, position, least=1),
        start=_whole(s, "start", path, position),
        end=_whole(s, "end", path, position),
    )


def _whole(s: dict[str, Any], name: str, path: Path, position: int, least: int = 0) -> int | None:
    """A whole number from ``least`` on, or None when absent (the report's sentences are then
    cut as on a first import); anything else is refused, naming the field."""
    value = s.get(name)
    if value is None:
        return None
    if type(value) is not int or not least <= value <= MAX_OFFSET:
        raise InputError(
            f"{path}: sentence {position}: {name} must be a whole number from {least} on"
        )
    return value


def report_segments(text: str, entries: list[ReportEntry]) -> list[Segment] | None:
    """The article cut into the report's own sentences (joins and splits as the reviewer
    left them), with the report's keys where they are the texts' (else keyed as a first
    import keys them); None when the report's offsets do not cut ``text`` into its
    sentences in order, with only whitespace between them."""
    ordered = sorted(entries, key=lambda e: e.position)
    spans: list[tuple[int, int, int]] = []
    end = paragraph = 0
    for n, e in enumerate(ordered, 1):
        if e.position != n or e.start is None or e.end is None or e.paragraph is None:
            return None
        piece = text[e.start : e.end]
        if not (
            end <= e.start < e.end <= len(text)
            and (not text[end : e.start] or text[end : e.start].isspace())
            and piece == piece.strip()
            and (e.text is None or e.text == piece)
            and paragraph <= e.paragraph
        ):
            return None
        spans.append((e.start, e.end, e.paragraph))
        end, paragraph = e.end, e.paragraph
    if not spans or (text[end:] and not text[end:].isspace()) or spans[0][2] < 1:
        return None
    segments = from_spans(text, spans)
    # The report's own keys where they are the texts' (the same digest) and each once: a
    # repeated text's occurrence numbers stay as the reviewer's joins and splits left them.
    keys = [e.key or "" for e in ordered]
    if len(set(keys)) == len(keys) and all(
        key.partition(":")[0] == s.key.partition(":")[0]
        for key, s in zip(keys, segments, strict=True)
    ):
        segments = [s._replace(key=key) for s, key in zip(segments, keys, strict=True)]
    return segments


def _flag(s: dict[str, Any], path: Path, position: int) -> bool:
    """``flagged``: true or false (1 or 0, as early reports wrote it); absent is false."""
    value = s.get("flagged")
    if value is None or value is False or value is True:
        return bool(value)
    if type(value) is int and value in (0, 1):
        return value == 1
    raise InputError(f"{path}: sentence {position}: flagged is not true or false")


def _moment(s: dict[str, Any], path: Path, position: int) -> str | None:
    """``reviewed_at``: a date and time with its offset, which decides the newer review."""
    value = _text(s, "reviewed_at", path, position)
    if not value:
        return None
    try:
        return check_moment(value)
    except ValidationError as exc:
        raise InputError(f"{path}: sentence {position}: reviewed_at is {exc.message}") from None


FACT_CHECK_FIELDS = ("claim", "title", "publisher", "rating", "url", "date")


def _objects(
    s: dict[str, Any], key: str, path: Path, position: int, verb: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each object of a sentence's list ``key`` ("evidence", "crossrefs"), with where it is
    ("sentence 3, evidence 1"); a list of something else is refused, naming it."""
    items = s.get(key) or []
    if not isinstance(items, list):
        raise InputError(f"{path}: the {key} of sentence {position} {verb} not a list")
    for n, item in enumerate(items, 1):
        where = f"sentence {position}, {key.removesuffix('s')} {n}"
        if not isinstance(item, dict):
            raise InputError(f"{path}: {where} is not an object")
        yield where, item


def _crossrefs(s: dict[str, Any], path: Path, position: int) -> tuple[dict[str, Any], ...]:
    """The confirmed cross-references a sentence carries, with what names their targets."""
    out = []
    for where, ref in _objects(s, "crossrefs", path, position, "are"):
        if ref.get("status") != "confirmed":
            continue  # suggestions are the matcher's, found again here
        score = ref.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
            raise InputError(f"{path}: {where}: score is not a percentage")
        kept: dict[str, Any] = {"kind": ref.get("kind"), "score": float(score),
                                "strong": ref.get("strong") is True}  # fmt: skip
        target, fact = ref.get("target"), ref.get("fact_check")
        if kept["kind"] == "sentence" and isinstance(target, dict):
            kept["article_sha256"] = _field(target, "article_sha256", path, where)
            kept["key"] = _field(target, "key", path, where)
        elif kept["kind"] == "factcheck" and isinstance(fact, dict):
            fields = {k: _field(fact, k, path, f"{where}.fact_check") for k in FACT_CHECK_FIELDS}
            if not fields["claim"].strip():
                raise InputError(f"{path}: {where}: the fact-check has no claim")
            try:
                fields["url"] = check_url(fields["url"])
            except ValidationError as exc:
                raise InputError(f"{path}: {where}: {exc.message}") from None
            kept["fact_check"], kept["digest"] = fields, digest(fields)
        else:
            continue  # a report from before targets were named: nothing to find it by
        out.append(kept)
    return tuple(out)


def restore_report(
    store: Store, path: Path, *, replace: bool = False, max_bytes: int | None = None
) -> tuple[Restored, tuple[str, ...]]:
    """Restore an article and its review from a workbench JSON report; what was done, and
    what the reader should know about the report (characters that were not text)."""
    document, entries = read_report(path, max_bytes)
    segments = report_segments(document.text, entries) or segment(document.text)
    if not segments:
        raise InputError(f"{path}: the report's article has no sentences")
    return store.restore_review(document, segments, entries, replace=replace), document.warnings
