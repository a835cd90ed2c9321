"""CSV: one row per sentence, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be read as a formula: such cells get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from workbench.model import Report
from workbench.report.common import confirmed

COLUMNS = (
    "article_id", "position", "paragraph", "verdict", "flagged", "text", "note", "reviewer",
    "reviewed_at", "evidence_count", "evidence_urls", "confirmed_crossrefs", "key",
    "reviewed_text", "claimant",
)  # fmt: skip
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not read as a formula."""
    return "'" + text if text[:1] in _STARTS else text


_STARTS = frozenset(DANGEROUS)


def chunks(report: Report, options: object = None) -> Iterator[str]:
    """A header row, then a row a sentence (each piece a few hundred rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    article_id = report.article.id
    for i, sr in enumerate(report.sentences, 1):
        s = sr.sentence
        refs = "; ".join(f"{c.score:.0f}% {c.source}: {c.text}" for c in confirmed(sr.crossrefs))
        n = neutralise  # numbers, verdicts and "yes" need nothing; every text is checked
        writer.writerow((
            article_id, s.position, s.paragraph, s.verdict.value if s.verdict else "",
            "yes" if s.flagged else "", n(s.text), n(s.note), n(s.reviewer or ""),
            n(s.reviewed_at or ""), len(sr.evidence),
            n(" | ".join(e.url for e in sr.evidence if e.url)), n(refs), n(s.key),
            n(s.reviewed_text or ""), n(s.claimant or ""),
        ))  # fmt: skip
        if i % 500 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
