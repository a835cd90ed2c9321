"""Hypothesis: whatever the text, every report format stays valid and safe."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.model import (
    Article,
    Counts,
    Evidence,
    Report,
    Sentence,
    SentenceReport,
    Stance,
    Verdict,
)
from workbench.report import FORMATS, render
from workbench.report.common import web_url
from workbench.report.csvreport import cell, neutralise
from workbench.report.jsonreport import _article, article_dict, sentence_dict
from workbench.report.markdown import escape, escape_all
from workbench.safe_text import for_terminal, json_dumps, json_join
from workbench.validate import _web_url_checked, is_web_url

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() == t and t)


def reported(s: Sentence, evidence: tuple[Evidence, ...], gap: str) -> SentenceReport:
    """A report's row for ``s``, as the store's query makes it (``gap``: the text before)."""
    return SentenceReport(s.position, s.id, s.paragraph, s.start, s.end, s.key, None, s.text,
                          gap, s.note, s.reviewer, s.reviewed_at, s.reviewed_text,
                          s.claimant, s.verdict, s.flagged, evidence, ())  # fmt: skip


@st.composite
def reports(draw: st.DrawFn) -> Report:
    texts = draw(st.lists(TEXT, min_size=1, max_size=5))
    verdicts = [draw(st.sampled_from([None, *Verdict])) for _ in texts]
    notes = [draw(st.text(max_size=30)) for _ in texts]
    body, sentences = "", []
    for i, (t, v, n) in enumerate(zip(texts, verdicts, notes, strict=True), 1):
        gap = "" if i == 1 else "\n\n"
        body += gap
        start = len(body)
        body += t
        ev = ()
        if i == 1:
            ev = (Evidence(1, draw(st.sampled_from(["https://x.example/a", "javascript:x()", ""])),
                           draw(st.text(max_size=20)), draw(st.text(max_size=20)),
                           Stance.SUPPORTS, draw(st.text(max_size=10))),)  # fmt: skip
        s = Sentence(
            i, 1, i, i, start, start + len(t), f"k{i}", t, v, n, "r", "2026-01-01T00:00:00+00:00"
        )
        sentences.append(reported(s, ev, gap))
    counts = Counts(sentences=len(texts), verified=verdicts.count(Verdict.VERIFIED),
                    disputed=verdicts.count(Verdict.DISPUTED), opinion=verdicts.count(Verdict.OPINION))  # fmt: skip
    article = Article(1, draw(TEXT), "src", None, "2026-01-01T00:00:00+00:00", "0" * 64, counts)
    report = Report("0.1.0", "2026-01-02T00:00:00+00:00", article, "\n", tuple(sentences))
    assert report.text == body + "\n"
    return report


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_format_is_valid_and_safe(report: Report) -> None:
    out = {fmt: render(report, fmt) for fmt in FORMATS}
    doc = json.loads(out["json"])
    assert [s["text"] for s in doc["sentences"]] == [sr.text for sr in report.sentences]
    assert [s["note"] for s in doc["sentences"]] == [sr.note for sr in report.sentences]
    assert len(out["jsonl"].splitlines()) == len(report.sentences)
    a = report.article
    head = {"article_id": a.id, "article_title": a.title, "article_url": a.url,
            "article_published": a.published, "article_outlet": a.outlet,
            "article_authors": list(a.authors)}  # fmt: skip
    for line, sentence in zip(out["jsonl"].splitlines(), doc["sentences"], strict=True):
        record = json.loads(line)  # the article's fields, then the sentence's as in JSON
        assert list(record.items()) == [*head.items(), *sentence.items()]
    rows = list(csv.reader(io.StringIO(out["csv"])))
    assert len(rows) == len(report.sentences) + 1
    article = [a.title, a.url, a.published, a.outlet, " | ".join(a.authors)]
    assert all(row[-5:] == [neutralise(f) if f else "" for f in article] for row in rows[1:])
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    parser = Tags()
    parser.feed(out["html"])
    assert not {t for t, _ in parser.tags} & {"script", "img", "iframe", "object", "embed"}
    hrefs = [a.get("href", "") for t, a in parser.tags if t == "a"]
    assert all(h.startswith(("https://x.example", "#")) for h in hrefs), hrefs
    assert not re.search(r"(?<!\\)\]\((?!https://x\.example)", out["md"])  # only web links
    assert isinstance(json.loads(out["claimreview"]), list)


# The quick paths: each gives what the slow path it skips would have given.  Texts mostly
# plain, with what each quick look must catch here and there.
PLAIN = st.lists(st.sampled_from(["A plain clause", " ", "w.", "ww", ".", "1", "K", "\u00e9"]),
                 max_size=4).map("".join)  # fmt: skip
TRIGGERS = st.one_of(
    st.sampled_from(list("wW.:/@#+-=1)( \n\r\t\"',<>&*_[]!|~`\\\u0663\u0130\u2028\x7f\x85")),
    st.sampled_from(["www.", "WwW.", "://", "1.", "  2)", "\u0663.", "# ", "- ", "a@b.c"]),
    st.characters(),
)
EDGY = st.one_of(st.builds("{}{}{}".format, PLAIN, TRIGGERS, PLAIN), st.text())
quick = settings(max_examples=300, deadline=None)


@quick
@given(EDGY)
def test_markdown_quick_look_misses_nothing(text: str) -> None:
    assert escape(text) == escape_all(text)


@quick
@given(EDGY)
def test_csv_cells_are_what_csv_writer_writes(text: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([neutralise(text), 1, ""])
    assert f"{cell(text)},1,\r\n" == out.getvalue()


CHARS = list("'\"<>`\\ \u00fc\u202e\u200b\x7f\t\n:@[]{}|^~%")
URLS = st.one_of(
    # a plain address, and one character that may or may not belong in it
    st.builds("https://example.org/{}{}".format, st.sampled_from(CHARS), st.sampled_from(["", "x"])),
    st.builds(
        lambda scheme, host, start, rest: scheme + host + start + "".join(rest),
        st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "https:", " https://", ""]),
        st.sampled_from(["example.org", "a", "", "-", "a_b", "ex\u00e4mple.org", "[::1]", "[x",
                         "a:80", "u@a"]),
        st.sampled_from(["/", "", "?", "#", "/a?b=1&c=%20#d"]),
        st.lists(st.sampled_from(CHARS), max_size=2),
    ),
)  # fmt: skip


@quick
@given(URLS)
def test_web_url_quick_path_agrees_with_is_web_url(url: str) -> None:
    assert web_url(url) == is_web_url(url)
    assert is_web_url(url) == _web_url_checked(url)  # the quick path gives the full check's


JSONABLE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | EDGY
    | st.sampled_from(["\ud800", "a\udfffb", "\u2028"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


@quick
@given(st.lists(JSONABLE, max_size=5), st.booleans())
def test_json_join_is_json_dumps_joined(items: list[object], breaks: bool) -> None:
    expected = ",\n  ".join(json_dumps(item) for item in items)
    if breaks:
        expected = expected.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    assert json_join(items, ",\n  ", breaks=breaks).decode() == expected


@quick
@given(reports(), st.integers(1, 3), st.sampled_from(["", "\n", "\x7f\u202e\x85", "\ud800"]))
def test_json_article_written_in_pieces_is_its_text_written_at_once(
    report: Report, batch: int, odd: str
) -> None:
    """The JSON report writes the article's text a few sentences at a time: the pieces are
    the line the whole text would make, whatever the characters where the pieces meet
    (``odd``: in the text before the last sentence, with a lone surrogate, which orjson
    refuses, in a report made by hand)."""
    *before, last = report.sentences
    report = replace(report, sentences=(*before, last._replace(gap=last.gap + odd)))
    whole = json_dumps({**article_dict(report), "text": report.text})
    assert b"".join(_article(report, batch)).decode() == whole


def test_json_escapes_every_character_a_terminal_would_show() -> None:
    for code in [*range(0x7F, 0xD800), *range(0xE000, 0x10000)]:
        c = chr(code)
        if for_terminal(c) != c:
            assert (
                c not in json_dumps(f"\u00e9{c}") + json_join(["x", f"{c}\u00e9"], ",").decode()
            ), hex(code)
            # in ASCII text too (DEL is ASCII)
            assert c not in json_dumps(f"a{c}") + json_join([f"a{c}"], ",").decode(), hex(code)


def test_json_lines_are_one_style_whatever_the_text() -> None:
    """A text orjson cannot write (a lone surrogate, only in a report made by hand) goes
    through json, written as compactly: each line is its merged record written once."""
    counts = Counts(sentences=1)
    for title, text in [("Plain", "Text."), ("\ud800 title", "Text."), ("T", "Bad \udfff.")]:
        article = Article(1, title, "src", None, "2026-01-01T00:00:00+00:00", "0" * 64, counts)
        s = Sentence(1, 1, 1, 1, 0, len(text), "k1", text, None, "", None, None)
        report = Report("0.1.0", "2026-01-02T00:00:00+00:00", article, "", (reported(s, (), ""),))
        head = {"article_id": 1, "article_title": title, "article_url": None,
                "article_published": None, "article_outlet": None,
                "article_authors": []}  # fmt: skip
        (line,) = render(report, "jsonl").splitlines()
        assert line == json_dumps({**head, **sentence_dict(report.sentences[0])})
        assert ", " not in line.replace(text, "").replace(title, "")
