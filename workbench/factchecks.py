"""Known fact-checks from files: schema.org ClaimReview (JSON-LD) or CSV/TSV with a header.

A broken file is refused whole with one line naming it; nothing is written.
Duplicates (the same claim and URL) are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError
from workbench.ingest import decode

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


def read_fact_checks(path: str | Path) -> list[dict[str, str]]:
    """Every fact-check in a file, as dicts with the keys of ``FIELDS``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {path}" if not p.exists() else f"{path} is not a file")
    text = decode(p.read_bytes(), str(path)).lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{path} is empty: no fact-checks in it")
    looks_json = p.suffix.lower() in (".json", ".jsonld") or text.lstrip()[:1] in "[{"
    rows = _from_json(text, str(path)) if looks_json else _from_table(text, p)
    rows = [r for r in rows if r["claim"].strip()]
    if not rows:
        raise InputError(f"{path} holds no fact-check with a claim")
    return rows


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("alternateName") or value.get("url"))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v)
    return "" if value is None else str(value).strip()


def _from_json(text: str, name: str) -> list[dict[str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    items = (
        data
        if isinstance(data, list)
        else data.get("@graph", [data])
        if isinstance(data, dict)
        else []
    )
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
            "url": _text(r.get("url")),
            "publisher": _text(r.get("author") or r.get("publisher")),
            "date": _text(r.get("datePublished")),
        })  # fmt: skip
    return rows


def _from_table(text: str, path: Path) -> list[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = (
        "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    )
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = {(h or "").strip().casefold(): h for h in reader.fieldnames or []}
    columns = {
        field: next((header[a] for a in names if a in header), None)
        for field, names in ALIASES.items()
    }
    if columns["claim"] is None:
        raise InputError(
            f"{path}: the header names no claim column (expected claim, title, rating, url, "
            "publisher, date)"
        )
    return [
        {f: (row.get(col) or "").strip() if col else "" for f, col in columns.items()}
        for row in reader
    ]


def digest(row: dict[str, str]) -> str:
    key = " ".join(row["claim"].casefold().split()) + "\n" + row["url"].strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def import_fact_checks(store: Store, rows: list[dict[str, str]]) -> list[int]:
    """Store new fact-checks in one transaction; returns the ids of those added."""
    return store.add_fact_checks(rows, [digest(r) for r in rows])
