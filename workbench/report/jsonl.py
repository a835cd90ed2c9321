"""JSON Lines: one sentence object per line, each carrying its article's id, title, URL and date."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.model import Report
from workbench.report.jsonreport import sentence_dict
from workbench.safe_text import json_dumps

# Characters that some readers take for line breaks: escaped, so a record is one line
# (U+0085, a C1 control, json_dumps escapes already).
_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def chunks(report: Report, options: object = None) -> Iterator[str]:
    a = report.article
    head = {"article_id": a.id, "article_title": a.title, "article_url": a.url,
            "article_published": a.published}  # fmt: skip
    for sr in report.sentences:
        line = json_dumps({**head, **sentence_dict(sr)})
        if not line.isascii() and ("\u2028" in line or "\u2029" in line):
            line = line.translate(_BREAKS)
        yield line + "\n"
