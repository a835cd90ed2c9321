"""JSON Lines: one sentence object per line, each carrying its article's id and title."""

from __future__ import annotations

import json

from workbench.model import Report
from workbench.report.jsonreport import sentence_dict

# Characters that some readers take for line breaks: escaped, so a record is one line.
_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(report: Report) -> str:
    a = report.article
    head = {"article_id": a.id, "article_title": a.title}
    lines = [
        json.dumps({**head, **sentence_dict(sr)}, ensure_ascii=False).translate(_BREAKS)
        for sr in report.sentences
    ]
    return "\n".join(lines) + "\n" if lines else ""
