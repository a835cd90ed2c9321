"""Known fact-checks from files: schema.org ClaimReview (JSON-LD) or CSV/TSV with a header.

A broken file is refused whole with one line naming it; nothing is written.
Duplicates (the same claim and URL) are skipped.  Large CSV/TSV files are
streamed (``FactCheckFile``).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import jsonfile
from workbench.errors import InputError
from workbench.ingest import DEFAULT_MAX_BYTES, decode, regular_file
from workbench.validate import is_web_url

if TYPE_CHECKING:
    from workbench.store import Store

FIELDS = ("claim", "title", "rating", "url", "publisher", "date")
ALIASES = {
    "claim": ("claim", "claimreviewed", "claim_reviewed", "vclaim", "statement", "text"),
    "title": ("title", "headline", "name"),
    "rating": ("rating", "verdict", "alternatename", "textual_rating", "ruling"),
    "url": ("url", "link", "review_url"),
    "publisher": ("publisher", "author", "source", "organisation", "organization"),
    "date": ("date", "datepublished", "date_published", "published"),
}


CHUNK = 10_000  # rows stored per transaction
FIELD_LIMIT = 1_000_000  # characters in one CSV cell (Python's default is 131,072)


class FactCheckFile:
    """A fact-check file, read through once to check it and count its rows, then streamed.

    A CSV/TSV file is never held in memory whole: a million rows import in
    bounded memory.  JSON-LD (a document, not a stream) is read whole, within
    the import size limit.  Anything wrong anywhere in the file is found by the
    first pass, so a broken file is refused before a row is stored.
    """

    def __init__(self, path: str | Path, max_json_bytes: int = DEFAULT_MAX_BYTES) -> None:
        p = Path(path)
        regular_file(p, str(path))
        self.path = p
        with p.open("rb") as f:
            head = f.read(64 * 1024)
        if not head.strip():
            raise InputError(f"{path} is empty: no fact-checks in it")
        self.json = p.suffix.lower() in (".json", ".jsonld") or head.lstrip()[:1] in (b"[", b"{")
        self._rows: list[dict[str, str]] | None = None
        if self.json:
            size = p.stat().st_size
            if size > max_json_bytes:
                raise InputError(
                    f"{path} is {size / 1024 / 1024:.1f} MB of JSON, over the import limit of"
                    f" {max_json_bytes / 1024 / 1024:.0f} MB (CSV/TSV files have no limit)"
                )
            text = decode(p.read_bytes(), str(path)).lstrip("\ufeff")
            self._rows = [r for r in _from_json(text, str(path)) if r["claim"].strip()]
            self.count = len(self._rows)
        else:
            self.encoding = _table_encoding(p)
            self.count = sum(1 for row in self._table() if row["claim"])
        if not self.count:
            raise InputError(f"{path} holds no fact-check with a claim")

    def chunks(self, size: int = CHUNK) -> Iterator[list[dict[str, str]]]:
        """The rows with a claim, ``size`` at a time."""
        rows = iter(self._rows) if self._rows is not None else self._table()
        chunk: list[dict[str, str]] = []
        for row in rows:
            if row["claim"]:
                chunk.append(row)
                if len(chunk) >= size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _table(self) -> Iterator[dict[str, str]]:
        with self.path.open(encoding=self.encoding, newline="") as f:
            yield from _from_table(f, self.path)


def read_fact_checks(
    path: str | Path, max_json_bytes: int = DEFAULT_MAX_BYTES
) -> list[dict[str, str]]:
    """Every fact-check in a file, as dicts with the keys of ``FIELDS`` (a small file)."""
    source = FactCheckFile(path, max_json_bytes)
    return [row for chunk in source.chunks() for row in chunk]


def _table_encoding(path: Path) -> str:
    """UTF-8 when the whole file reads as UTF-8, else the encoding detected on its start."""
    with path.open("rb") as f:
        sample = f.read(4 * 1024 * 1024)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    decode(sample, str(path))  # refuses binary data
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            while f.read(1024 * 1024):
                pass
        return "utf-8-sig"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is None:
            raise InputError(f"{path}: cannot tell its text encoding") from None
        return best.encoding


def _web_url(value: Any) -> str:
    """A fact-check's address when it is a safe http(s) one; else none (never a live link)."""
    url = _text(value)
    return url if is_web_url(url) else ""


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("alternateName") or value.get("url"))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v)
    return "" if value is None else str(value).strip()


def _from_json(text: str, name: str) -> list[dict[str, str]]:
    data = jsonfile.load(text, name)
    if isinstance(data, dict) and "@graph" in data:
        items = data["@graph"]
        if not isinstance(items, list):
            raise InputError(f"{name}: @graph is not a list")
    elif isinstance(data, dict):
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise InputError(f"{name} holds no schema.org ClaimReview object")
    reviews = [i for i in items if isinstance(i, dict) and "ClaimReview" in str(i.get("@type"))]
    if not reviews:
        raise InputError(f"{name} holds no schema.org ClaimReview object")
    rows = []
    for r in reviews:
        rating = r.get("reviewRating") or {}
        rating_text = (
            _text(rating.get("alternateName") or rating.get("ratingValue"))
            if isinstance(rating, dict)
            else _text(rating)
        )
        rows.append({
            "claim": _text(r.get("claimReviewed")),
            "title": _text(r.get("headline") or r.get("name")),
            "rating": rating_text,
            "url": _web_url(r.get("url")),
            "publisher": _text(r.get("author") or r.get("publisher")),
            "date": _text(r.get("datePublished")),
        })  # fmt: skip
    return rows


def _from_table(lines: Iterable[str], path: Path) -> Iterator[dict[str, str]]:
    it = iter(lines)
    first = next(it, "").lstrip("\ufeff")
    delimiter = (
        "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    )
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    reader = csv.DictReader(itertools.chain([first], it), delimiter=delimiter)
    try:
        header = {(h or "").strip().casefold(): h for h in reader.fieldnames or []}
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV/TSV header ({exc})") from None
    columns = {
        field: next((header[a] for a in names if a in header), None)
        for field, names in ALIASES.items()
    }
    if columns["claim"] is None:
        raise InputError(
            f"{path}: the header names no claim column (expected claim, title, rating, url, "
            "publisher, date)"
        )
    try:
        for row in reader:
            out = {f: (row.get(col) or "").strip() if col else "" for f, col in columns.items()}
            if not is_web_url(out["url"]):
                out["url"] = ""  # never a live link to anything but an http(s) page
            yield out
    except csv.Error as exc:
        raise InputError(f"{path}, line {reader.line_num}: {exc}") from None


def digest(row: dict[str, str]) -> str:
    key = " ".join(row["claim"].casefold().split()) + "\n" + row["url"].strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def import_fact_checks(store: Store, rows: list[dict[str, str]]) -> list[int]:
    """Store new fact-checks in one transaction; returns the ids of those added."""
    return store.add_fact_checks(rows, [digest(r) for r in rows])
