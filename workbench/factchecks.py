"""Known fact-checks from files: schema.org ClaimReview (JSON-LD) or CSV/TSV with a header.

A broken file is refused whole with one line naming it; nothing is written.
Duplicates (the same claim and URL) are skipped; so is a record whose claim is
not text (``"claimReviewed": NaN``), counted with the reason.  Every file is
bounded by the import size limit; large CSV/TSV files are streamed
(``FactCheckFile``).  NUL characters are dropped, as from an article's text.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import jsonfile
from workbench.errors import InputError
from workbench.ingest import (
    DEFAULT_MAX_BYTES,
    decode,
    encoding_of,
    read_file,
    regular_file,
    too_big,
)
from workbench.validate import is_web_url, mended, replaced_note

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
    bounded memory.  JSON-LD (a document, not a stream) is read whole.  Either
    is refused over the import size limit.  Anything wrong anywhere in the file
    is found by the first pass, so a broken file is refused before a row is
    stored.  ``skipped`` counts the records left out, by reason; ``warnings``
    says what the reader should know (characters that were not text).
    """

    def __init__(self, path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        p = Path(path)
        size = regular_file(p, str(path))
        if size > max_bytes:
            raise too_big(str(path), size, max_bytes)
        self.path = p
        self.max_bytes = max_bytes
        self.skipped: Counter[str] = Counter()
        self.warnings: list[str] = []
        with p.open("rb") as f:
            head = f.read(64 * 1024)
        if not head.strip():
            raise InputError(f"{path} is empty: no fact-checks in it")
        self.json = p.suffix.lower() in (".json", ".jsonld") or head.lstrip()[:1] in (b"[", b"{")
        self._rows: list[dict[str, str]] | None = None
        if self.json:
            text = decode(read_file(p, str(path), max_bytes), str(path)).lstrip("\ufeff")
            self._rows = []
            for row in _from_json(text, str(path), self.warnings):
                if isinstance(row, str):
                    self.skipped[row] += 1
                else:
                    self._rows.append(row)
            self.count = len(self._rows)
        else:
            self.encoding, self.errors, notes = _table_encoding(p)
            self.warnings.extend(notes)
            self.count = 0
            for row in self._table():
                if row["claim"]:
                    self.count += 1
                else:
                    self.skipped["no claim"] += 1
        if not self.count:
            why = f" ({reasons(self.skipped)})" if self.skipped else ""
            raise InputError(f"{path} holds no fact-check with a claim{why}")

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
        try:
            with self.path.open(encoding=self.encoding, errors=self.errors, newline="") as f:
                yield from _from_table(f, self.path, self.max_bytes)
        except UnicodeDecodeError:
            raise InputError(
                f"{self.path}: its start reads as {self.encoding}, but not the rest:"
                " save it as UTF-8"
            ) from None


def reasons(skipped: Counter[str]) -> str:
    """Why records were left out, and how many: ``no claim: 2, claimReviewed is not text: 1``."""
    return ", ".join(f"{reason}: {n}" for reason, n in skipped.most_common())


def read_fact_checks(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[dict[str, str]]:
    """Every fact-check in a file, as dicts with the keys of ``FIELDS`` (a small file)."""
    source = FactCheckFile(path, max_bytes)
    return [row for chunk in source.chunks() for row in chunk]


SAMPLE_BYTES = 4 * 1024 * 1024  # what a table's encoding is judged on


def _table_encoding(path: Path) -> tuple[str, str, list[str]]:
    """The codec and error handling of a CSV/TSV file, and notes for the reader: UTF-8 when
    it reads as UTF-8 (bytes that are not UTF-8 in it shown as U+FFFD, and counted), else
    as its start reads (UTF-16, or the encoding detected); binary data refused."""
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if len(sample) == SAMPLE_BYTES:  # more follows: a character cut at its end is not bad
        sample = _whole_characters(sample)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "strict", []
    codec, errors = encoding_of(sample, str(path))  # refuses binary data
    if codec not in ("utf-8", "utf-8-sig"):
        return codec, errors, []
    bad = 0
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    with path.open("rb") as f:
        while block := f.read(1024 * 1024):
            bad += len(_BROKEN.findall(decoder.decode(block)))
    bad += len(_BROKEN.findall(decoder.decode(b"", final=True)))
    if not bad:
        return "utf-8-sig", "strict", []
    what = "byte that is" if bad == 1 else "bytes that are"
    return "utf-8-sig", "replace", [f"{path}: {bad} {what} not UTF-8 shown as \ufffd"]


_BROKEN = re.compile("[\udc80-\udcff]")


def _whole_characters(data: bytes) -> bytes:
    """``data`` less the UTF-8 character its end cuts in two, if it does (a sample of a
    longer file: the rest of that character is in the next bytes)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:  # ASCII: nothing cut
            return data
        if byte >= 0xC0:  # a character's first byte: is the character whole?
            size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if back >= size else data[:-back]
    return data


def _web_url(value: Any) -> str:
    """A fact-check's address when it is a safe http(s) one; else none (never a live link)."""
    url = _text(value)
    return url if is_web_url(url) else ""


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("alternateName") or value.get("url"))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""  # NaN or Infinity (JSON from Python or JavaScript): nothing, not "nan"
    return str(value).strip()


def _from_json(text: str, name: str, warnings: list[str]) -> Iterator[dict[str, str] | str]:
    """Each ClaimReview as a row, or, for one left out, the reason why."""
    data, replaced = mended(jsonfile.load(text, name), text)
    if replaced:
        warnings.append(replaced_note(name, replaced))
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
    for r in reviews:
        claim = r.get("claimReviewed")
        if claim is not None and not isinstance(claim, str):
            yield "claimReviewed is not text"
            continue
        if not (claim or "").strip():
            yield "no claim"
            continue
        rating = r.get("reviewRating") or {}
        rating_text = (
            _text(rating.get("alternateName") or rating.get("ratingValue"))
            if isinstance(rating, dict)
            else _text(rating)
        )
        yield {
            "claim": _text(claim),
            "title": _text(r.get("headline") or r.get("name")),
            "rating": rating_text,
            "url": _web_url(r.get("url")),
            "publisher": _text(r.get("author") or r.get("publisher")),
            "date": _text(r.get("datePublished")),
        }  # fmt: skip


def _from_table(lines: Iterable[str], path: Path, max_bytes: int) -> Iterator[dict[str, str]]:
    it = iter(lines)
    first = next(it, "").lstrip("\ufeff")
    # a tab (.tsv, or more tabs than anything), a semicolon (as spreadsheets write CSV in
    # much of Europe), else a comma: whichever the header holds most of
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max((",", "\t", ";"), key=first.count)
    read = 0  # lines handed to the CSV reader: a cell it refuses is on the last of them
    characters = 0

    def counted() -> Iterator[str]:
        nonlocal read, characters
        for line in itertools.chain([first], it):
            read += 1
            characters += len(line)  # never more than its bytes
            if characters > max_bytes:  # the file grew since it was measured
                raise too_big(str(path), None, max_bytes)
            yield line

    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    reader = csv.DictReader(counted(), delimiter=delimiter)
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
            out = {f: _cell(row.get(col)) if col else "" for f, col in columns.items()}
            if not is_web_url(out["url"]):
                out["url"] = ""  # never a live link to anything but an http(s) page
            yield out
    except csv.Error as exc:
        raise InputError(f"{path}, line {read}: {exc}") from None


def _cell(value: str | list[str] | None) -> str:
    """A CSV cell's text, trimmed, NUL characters dropped (as from an article's text)."""
    if not isinstance(value, str):
        return ""  # (a row's extra cells come as a list, under no column name)
    return value.replace("\x00", "").strip()


def digest(row: dict[str, str]) -> str:
    key = " ".join(row["claim"].casefold().split()) + "\n" + row["url"].strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def import_fact_checks(store: Store, rows: list[dict[str, str]]) -> list[int]:
    """Store new fact-checks in one transaction; returns the ids of those added."""
    return store.add_fact_checks(rows, [digest(r) for r in rows])


# Fact-checks added in one import past which the claim index is merged into one segment:
# the merge costs as much as the index is large (100,000 claims: 0.2 s) and makes every
# later match faster (about 15% at 100,000); a few added to a large index are not worth it.
COMPACT_AFTER = 10_000


def settle_index(store: Store, added: int) -> None:
    """After an import of ``added`` fact-checks (in as many transactions as it took): a bulk
    import's index segments, one a batch, merged into one."""
    if added >= COMPACT_AFTER:
        store.compact_index()
