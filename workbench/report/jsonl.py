"""JSON Lines: one sentence object per line, each carrying its article's id, title, URL and date."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.model import Report
from workbench.report.jsonreport import sentence_dict
from workbench.safe_text import json_join

BATCH = 100  # sentences a piece: fewer writes, each small enough to stay in the cache


def chunks(report: Report, options: object = None) -> Iterator[str]:
    """A line a sentence (U+2028 and U+2029 escaped: a record is one line for every reader;
    U+0085, a C1 control, json_dumps escapes already)."""
    a = report.article
    head = {"article_id": a.id, "article_title": a.title, "article_url": a.url,
            "article_published": a.published}  # fmt: skip
    sentences = report.sentences
    for i in range(0, len(sentences), BATCH):
        rows = [sentence_dict(s, head) for s in sentences[i : i + BATCH]]
        yield json_join(rows, "\n", breaks=True) + "\n"
