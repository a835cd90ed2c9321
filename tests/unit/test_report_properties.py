"""Hypothesis: whatever the text, every report format stays valid and safe."""

from __future__ import annotations

import csv
import io
import json
import re
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

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() == t and t)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    texts = draw(st.lists(TEXT, min_size=1, max_size=5))
    verdicts = [draw(st.sampled_from([None, *Verdict])) for _ in texts]
    notes = [draw(st.text(max_size=30)) for _ in texts]
    body, sentences = "", []
    for i, (t, v, n) in enumerate(zip(texts, verdicts, notes, strict=True), 1):
        start = len(body)
        body += t + "\n\n"
        ev = ()
        if i == 1:
            ev = (Evidence(1, draw(st.sampled_from(["https://x.example/a", "javascript:x()", ""])),
                           draw(st.text(max_size=20)), draw(st.text(max_size=20)),
                           Stance.SUPPORTS, draw(st.text(max_size=10))),)  # fmt: skip
        s = Sentence(
            i, 1, i, i, start, start + len(t), f"k{i}", t, v, n, "r", "2026-01-01T00:00:00+00:00"
        )
        sentences.append(SentenceReport(s, ev, ()))
    counts = Counts(sentences=len(texts), verified=verdicts.count(Verdict.VERIFIED),
                    disputed=verdicts.count(Verdict.DISPUTED), opinion=verdicts.count(Verdict.OPINION))  # fmt: skip
    article = Article(1, draw(TEXT), "src", None, "2026-01-01T00:00:00+00:00", "0" * 64, counts)
    return Report("0.1.0", "2026-01-02T00:00:00+00:00", article, body, tuple(sentences))


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
    assert [s["text"] for s in doc["sentences"]] == [sr.sentence.text for sr in report.sentences]
    assert [s["note"] for s in doc["sentences"]] == [sr.sentence.note for sr in report.sentences]
    assert len(out["jsonl"].splitlines()) == len(report.sentences)
    for line in out["jsonl"].splitlines():
        json.loads(line)
    rows = list(csv.reader(io.StringIO(out["csv"])))
    assert len(rows) == len(report.sentences) + 1
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
