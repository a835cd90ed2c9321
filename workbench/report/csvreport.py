"""CSV: one row per sentence, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be read as a formula: such cells get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from workbench.model import Report
from workbench.report.common import confirmed

COLUMNS = (
    "article_id", "position", "paragraph", "verdict", "flagged", "text", "note", "reviewer",
    "reviewed_at", "evidence_count", "evidence_urls", "confirmed_crossrefs", "key",
    "reviewed_text", "claimant",
)  # fmt: skip
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for sr in report.sentences:
        s = sr.sentence
        refs = "; ".join(f"{c.score:.0f}% {c.source}: {c.text}" for c in confirmed(sr.crossrefs))
        row = (
            report.article.id, s.position, s.paragraph, s.verdict.value if s.verdict else "",
            "yes" if s.flagged else "", s.text, s.note, s.reviewer or "", s.reviewed_at or "",
            len(sr.evidence), " | ".join(e.url for e in sr.evidence if e.url), refs, s.key,
            s.reviewed_text or "", s.claimant or "",
        )  # fmt: skip
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()
