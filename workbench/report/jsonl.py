"""JSON Lines: one sentence object per line, each carrying its article's id and title."""

from __future__ import annotations

import json

from workbench.model import Report
from workbench.report.jsonreport import sentence_dict


def render(report: Report) -> str:
    a = report.article
    head = {"article_id": a.id, "article_title": a.title}
    lines = [
        json.dumps({**head, **sentence_dict(sr)}, ensure_ascii=False) for sr in report.sentences
    ]
    return "\n".join(lines) + "\n" if lines else ""
