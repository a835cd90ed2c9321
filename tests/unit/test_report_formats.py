"""Every report format: golden files for the reviewed sample, shapes, and hostile text."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.unit.report_fixtures import hostile, reviewed_sample
from workbench.errors import ExportError, ValidationError
from workbench.report import (
    FORMATS,
    ReportOptions,
    format_for_path,
    pieces,
    render,
    write_report,
)
from workbench.store import Store

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"md": "md", "html": "html", "json": "json", "jsonl": "jsonl", "csv": "csv",
              "claimreview": "claimreview.json"}  # fmt: skip


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(store: Store, fmt: str) -> None:
    text = render(reviewed_sample(store), fmt)
    path = GOLDEN / f"sample.{EXTENSIONS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")  # bytes: CSV's CRLF must survive
    assert text == expected, f"{fmt} changed (UPDATE_GOLDEN=1 to accept)"


def test_json_shape_is_the_contract(store: Store) -> None:
    doc = json.loads(render(reviewed_sample(store), "json"))
    assert {"workbench_version", "exported_at", "article", "summary", "sentences"} <= doc.keys()
    assert {"id", "title", "source", "url", "imported_at", "sha256"} <= doc["article"].keys()
    assert (doc["article"]["published"], doc["article"]["authors"], doc["article"]["outlet"]) == (
        "2026-01-01T08:00:00+00:00", ["Jane Roe", "Sam Poe"], "Example News")  # fmt: skip
    assert doc["summary"] == {"sentences": 15, "verified": 1, "disputed": 1, "opinion": 1,
                              "unreviewed": 12, "flagged": 1}  # fmt: skip
    first, third, fifth = doc["sentences"][0], doc["sentences"][2], doc["sentences"][4]
    assert {"position", "paragraph", "key", "text", "start", "end", "verdict", "note",
            "reviewer", "reviewed_at", "flagged", "evidence", "crossrefs", "claimant"} <= first.keys()  # fmt: skip
    assert first["evidence"][0] == {"id": 1, "url": "https://example.org/wsj", "title": "WSJ report",
                                    "quote": "withdrawing nearly 1,000 troops",
                                    "stance": "supports", "note": ""}  # fmt: skip
    assert (
        first["crossrefs"][0]["status"] == "suggested"
        and first["crossrefs"][0]["kind"] == "sentence"
    )
    assert third["crossrefs"][0] | {"url": None} == {
        "score": 84.0, "kind": "factcheck", "text": "The US will withdraw all troops from Syria",
        "source": "Check Desk: Troop withdrawal", "verdict": "False", "status": "confirmed",
        "strong": False, "possible": False, "url": None,
        "fact_check": {"claim": "The US will withdraw all troops from Syria", "date": "2026-01-01",
                       "publisher": "Check Desk", "rating": "False", "title": "Troop withdrawal",
                       "url": "https://checks.example/1"}}  # fmt: skip
    assert first["crossrefs"][0]["target"] == {
        "article_sha256": store.article(2).sha256,
        "key": store.sentence_at(2, 1).key,
    }
    assert (first["claimant"], third["claimant"], fifth["claimant"]) == (
        "Wall Street Journal", "CENTCOM", None)  # fmt: skip
    assert fifth["crossrefs"] == []  # rejected ones are left out
    text = doc["article"]["text"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in doc["sentences"])
    assert first["reviewed_at"].endswith("+00:00")


def test_jsonl_lines(store: Store) -> None:
    lines = render(reviewed_sample(store), "jsonl").splitlines()
    assert len(lines) == 15
    rows = [json.loads(line) for line in lines]
    assert all(r["article_id"] == 1 and r["article_title"] == "US troops leave Syria" for r in rows)


def test_csv_parses_back(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(render(reviewed_sample(store), "csv"))))
    assert len(rows) == 15
    assert (
        rows[0]["verdict"] == "verified" and rows[0]["evidence_urls"] == "https://example.org/wsj"
    )
    assert "Check Desk" in rows[2]["confirmed_crossrefs"]


def test_claimreview_has_every_field(store: Store) -> None:
    options = ReportOptions(publisher_name="Fact Desk", publisher_url="https://desk.example")
    reviews = json.loads(render(reviewed_sample(store), "claimreview", options))
    assert len(reviews) == 2  # verified and disputed; opinion and unreviewed are not claims checked
    verified, disputed = reviews
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] and r["url"].startswith("https://example.org/syria#claim-")
        assert r["itemReviewed"]["@type"] == "Claim"
        assert r["itemReviewed"]["appearance"]["url"] == "https://example.org/syria"
        assert r["author"] == {"@type": "Organization", "name": "Fact Desk",
                               "url": "https://desk.example"}  # fmt: skip
        assert len(r["datePublished"]) == 10
        assert {"@type", "ratingValue", "bestRating", "worstRating", "alternateName"} <= r[
            "reviewRating"
        ].keys()
    assert (verified["reviewRating"]["ratingValue"], verified["reviewRating"]["alternateName"]) == (
        5,
        "Verified",
    )
    assert (disputed["reviewRating"]["ratingValue"], disputed["reviewRating"]["alternateName"]) == (
        1,
        "Disputed",
    )
    assert disputed["reviewBody"] == "CENTCOM's statement says otherwise."


def test_claimreview_rating_table_is_configurable(store: Store) -> None:
    options = ReportOptions(rating_map={"disputed": (2, "Misleading")}, best_rating=7)
    (only,) = json.loads(render(reviewed_sample(store), "claimreview", options))
    assert only["reviewRating"] | {} == {"@type": "Rating", "ratingValue": 2, "bestRating": 7,
                                         "worstRating": 1, "alternateName": "Misleading"}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_article_is_safe_in_every_format(store: Store) -> None:
    report, original = hostile(store)
    md = render(report, "md")
    assert "<script>" not in md and "![img](" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # every bracket escaped
    assert "\\[click\\]" in md and "\\<script\\>" in md
    assert not any(line.startswith("# Not") for line in md.splitlines())
    from markdown_it import MarkdownIt  # a GFM-like renderer, bare-link detection on

    rendered = MarkdownIt("gfm-like").render(md)
    assert "evil.example" not in " ".join(re.findall(r'href="([^"]*)"', rendered))

    page = render(report, "html")
    parsed = Tags()
    parsed.feed(page)
    assert {t for t, _ in parsed.tags}.isdisjoint({"script", "img", "iframe", "object", "embed"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a" and attrs.get("href", "").startswith("http"):
            assert attrs["href"].startswith("https://example.org/")
    assert "alert(1)" in "".join(parsed.text)  # shown as text

    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    for row in rows[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row

    doc = json.loads(render(report, "json"))
    assert doc["article"]["text"] == original  # JSON carries the exact strings
    assert "\x1b[31mred escape" in doc["sentences"][5]["text"]
    assert doc["article"]["title"] == "<b>Title</b> [bold]x[/bold] =1+1"
    for line in render(report, "jsonl").splitlines():
        json.loads(line)
    reviews = json.loads(render(report, "claimreview"))
    assert reviews[0]["claimReviewed"].startswith("A [bold]claim[/bold]")


def test_unknown_format_and_extensions() -> None:
    with pytest.raises(ValidationError, match="unknown format 'pdf'"):
        render(None, "pdf")  # type: ignore[arg-type]
    assert format_for_path("r.claimreview.json") == "claimreview"
    assert format_for_path("R.JSON") == "json" and format_for_path("r.htm") == "html"
    assert format_for_path("report") is None


def test_a_report_written_to_a_file_is_the_rendered_text(store: Store, tmp_path: Path) -> None:
    """The file gets each format's pieces as made (UTF-8 bytes, Markdown's heading aside):
    the same text, byte for byte, as the report rendered and shown."""
    report, _ = hostile(store)
    for fmt in FORMATS:
        target = tmp_path / f"r.{EXTENSIONS[fmt]}"
        write_report(pieces(report, fmt), target)
        assert target.read_bytes() == render(report, fmt).encode(), fmt
        assert any(isinstance(p, bytes) for p in pieces(report, fmt)) == (
            fmt in {"json", "jsonl", "claimreview", "html", "csv", "md"}
        )


def test_write_report_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    write_report("first\n", target)
    write_report("second\n", target)
    assert target.read_text() == "second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]
    with pytest.raises(ExportError, match="cannot write"):
        write_report("x", tmp_path / "missing" / "r.md")
    with pytest.raises(ExportError, match="is a directory"):
        write_report("x", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_a_review_time_not_the_store_s_is_escaped_like_any_text(store: Store) -> None:
    """Times as the store writes them go into the page as they are (nothing in them is
    markup); any other (a report made by hand, restored) is escaped like any text."""
    from dataclasses import replace

    report, _ = hostile(store)
    first, *rest = report.sentences
    assert first.reviewed_at and re.fullmatch(r"[0-9:T+.-]+", first.reviewed_at)
    plain = render(report, "html")
    assert f"at {first.reviewed_at}</p>" in plain
    assert f"at {first.reviewed_at}*" in render(report, "md")
    odd = replace(report, sentences=(first._replace(reviewed_at="1<b>*x*</b>"), *rest))
    assert "<b>*x*" not in render(odd, "html") and "1&lt;b&gt;*x*&lt;/b&gt;" in render(odd, "html")
    assert "at 1\\<b\\>\\*x\\*\\</b\\>*" in render(odd, "md")
