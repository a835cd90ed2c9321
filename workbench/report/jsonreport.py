"""The JSON report: the contract scripts rely on, and what ``workbench import`` restores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from workbench import jsonfile
from workbench.errors import InputError
from workbench.model import CrossRef, Evidence, Report, SentenceReport, key_text
from workbench.safe_text import json_dumps, json_join


def evidence_dict(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.id,
        "url": e.url,
        "title": e.title,
        "quote": e.quote,
        "stance": e.stance.value,
        "note": e.note,
    }


def crossref_dict(c: CrossRef) -> dict[str, Any]:
    """A cross-reference, with what names its target outside this database.

    A sentence is named by its article's text digest and its key; a fact-check
    by its fields, so a restore finds the one or brings back the other.
    """
    out = {
        "score": c.score,
        "kind": c.kind,
        "text": c.text,
        "source": c.source,
        "verdict": c.verdict,
        "status": c.status.value,
        "strong": c.strong,
        "possible": c.possible,
        "url": c.url,
    }
    if c.kind == "sentence":
        out["target"] = {"article_sha256": c.target_sha256, "key": c.target_key}
    elif c.fact_check is not None:
        out["fact_check"] = dict(c.fact_check)
    return out


def sentence_dict(s: SentenceReport) -> dict[str, Any]:
    """A sentence's review as the JSON reports hold it.  The tuple unpacked once and one
    dict display: at a hundred thousand sentences, twice as quick as reading each field by
    name.  The verdict goes as it is (the JSON encoders write an enum as its value), and
    no evidence or match as one shared empty tuple (written as ``[]``)."""
    (position, _, paragraph, start, end, stored_key, occurrence, text, _, note, reviewer,
     reviewed_at, reviewed_text, claimant, verdict, flagged, evidence, crossrefs) = s  # fmt: skip
    return {
        "position": position,
        "paragraph": paragraph,
        "key": key_text(stored_key, occurrence),
        "text": text,
        "start": start,
        "end": end,
        "verdict": verdict,
        "claimant": claimant,
        "note": note,
        "reviewer": reviewer,
        "reviewed_at": reviewed_at,
        "flagged": flagged,
        "text_changed": reviewed_text is not None,  # as Sentence.text_changed
        "reviewed_text": reviewed_text,
        "evidence": [evidence_dict(e) for e in evidence] if evidence else (),
        "crossrefs": (
            [crossref_dict(c) for c in crossrefs if c.status != "rejected"] if crossrefs else ()
        ),
    }


def article_dict(report: Report) -> dict[str, Any]:
    a = report.article
    return {
        "id": a.id,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "published": a.published,
        "authors": list(a.authors),
        "outlet": a.outlet,
        "imported_at": a.imported_at,
        "sha256": a.sha256,
    }


def _article(report: Report, batch: int = 1000) -> Iterator[bytes]:
    """The article as one line, ``{**article_dict(report), "text": report.text}``, its text
    written a piece at a time (megabytes perhaps, never held whole): each piece's JSON
    string without its quotes.  JSON escapes a character at a time, so the pieces make
    the string of the whole text."""
    fields = json_join([article_dict(report)], "")
    yield fields[:-1] + b',"text":"'  # (the fields' closing brace: the text comes last)
    for piece in report.text_pieces(batch):
        yield json_join([piece], "")[1:-1]
    yield b'"}'


BATCH = 100  # sentences a piece: fewer writes, each small enough to stay in the cache


def chunks(report: Report, options: object = None) -> Iterator[str | bytes]:
    """PRODUCT.md's JSON shape, plus the article text: the envelope indented, each
    sentence one line of its own, written as it comes (a report of any size streams)."""
    yield "{\n"
    yield f'  "workbench_version": {json_dumps(report.workbench_version)},\n'
    yield f'  "exported_at": {json_dumps(report.exported_at)},\n'
    yield b'  "article": '
    yield from _article(report)
    yield b",\n"
    yield f'  "summary": {json_dumps(report.summary.as_dict())},\n'
    yield '  "sentences": ['
    sentences = report.sentences
    for i in range(0, len(sentences), BATCH):
        yield b",\n    " if i else b"\n    "
        yield json_join([sentence_dict(s) for s in sentences[i : i + BATCH]], ",\n    ")
    yield "\n  ]\n}\n"


MAX_POSITION = 10_000_000  # sentences in one article, far beyond any import limit


def parse_report(data: bytes | str, name: str) -> dict[str, Any]:
    """Read a workbench JSON report back, checking its shape; one clear line if it isn't one."""
    doc = jsonfile.load(data, name)
    if not isinstance(doc, dict) or "workbench_version" not in doc:
        raise InputError(f"{name} is JSON, but not a workbench report (no workbench_version)")
    article, sentences = doc.get("article"), doc.get("sentences")
    if not isinstance(article, dict) or not isinstance(sentences, list):
        raise InputError(f"{name}: a workbench report needs an article and a list of sentences")
    if not isinstance(article.get("text"), str) and not all(
        isinstance(s, dict) and isinstance(s.get("text"), str) for s in sentences
    ):
        raise InputError(f"{name}: the report holds neither the article text nor its sentences")
    for i, s in enumerate(sentences, 1):
        if not isinstance(s, dict):
            raise InputError(f"{name}: sentence {i} of the list is not an object")
        position = s.get("position")
        if isinstance(position, bool) or not isinstance(position, int):
            raise InputError(f"{name}: sentence {i} of the list: position is not a whole number")
        if not 1 <= position <= MAX_POSITION:
            raise InputError(
                f"{name}: sentence {i} of the list: position {position:.6g} is out of range"
            )
    return doc
