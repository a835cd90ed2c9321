"""JSON Lines: one sentence object per line, each carrying its article's id, title, URL, date,
outlet and authors."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.model import Report
from workbench.report.jsonreport import sentence_dict
from workbench.safe_text import json_join, json_joined, json_parts

BATCH = 100  # sentences a piece: fewer writes, each small enough to stay in the cache


def chunks(report: Report, options: object = None) -> Iterator[bytes]:
    """A line a sentence (U+2028 and U+2029 escaped: a record is one line for every reader;
    U+0085, a C1 control, json_dumps escapes already).  Each line opens with the article's
    fields, written once: the article's object open for the sentence's fields, put in place
    of the ``{`` that opens each sentence's object (the objects joined by it: replacing
    ``\n{`` in the joined lines took as long again as their joining)."""
    a = report.article
    head = json_join(
        [{"article_id": a.id, "article_title": a.title, "article_url": a.url,
          "article_published": a.published, "article_outlet": a.outlet,
          "article_authors": list(a.authors)}], "", breaks=True,
    )[:-1] + b","  # fmt: skip
    between = b"\n" + head
    sentences = report.sentences
    for i in range(0, len(sentences), BATCH):
        objects = json_parts([sentence_dict(s) for s in sentences[i : i + BATCH]], breaks=True)
        yield head + json_joined(between.join([o[1:] for o in objects])) + b"\n"
