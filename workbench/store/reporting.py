"""Building a ``Report`` snapshot of one article's review (part of ``Store``)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from workbench.model import CrossRef, Evidence, Report, SentenceReport
from workbench.store.database import snapshot
from workbench.store.evidence import (
    CROSSREF_SELECT,
    EVIDENCE_COLUMNS,
    row_to_crossref,
    row_to_evidence,
)

if TYPE_CHECKING:
    from workbench.store.store import Store


class ReportOps:
    """The report method of the Store: three queries whatever the article's size."""

    def report(self: Store, article_id: int, *, exported_at: str | None = None) -> Report:
        """Everything the exporters need about an article, read in one transaction."""
        from workbench import __version__

        with snapshot(self.conn):  # one consistent view, even with another writer
            article = self.article(article_id)
            text = self.article_text(article_id)
            sentences = self.sentences_of(article_id)
            evidence: dict[int, list[Evidence]] = defaultdict(list)
            for row in self.conn.execute(
                f"SELECT k.sentence_id, {EVIDENCE_COLUMNS} FROM evidence_links k"
                " JOIN evidence e ON e.id = k.evidence_id JOIN sentences s ON s.id = k.sentence_id"
                " WHERE s.article_id = ? ORDER BY k.linked_at, e.id",
                [article_id],
            ):
                evidence[row[0]].append(row_to_evidence(row[1:]))
            crossrefs: dict[int, list[CrossRef]] = defaultdict(list)
            for row in self.conn.execute(
                CROSSREF_SELECT + " JOIN sentences os ON os.id = c.sentence_id"
                " WHERE os.article_id = ? AND c.status != 'rejected'"
                " ORDER BY c.score DESC, c.id",
                [article_id],
            ):
                ref = row_to_crossref(row)
                crossrefs[ref.sentence_id].append(ref)
        return Report(
            workbench_version=__version__,
            exported_at=exported_at or self.now(),
            article=article,
            text=text,
            sentences=tuple(
                SentenceReport(s, tuple(evidence[s.id]), tuple(crossrefs[s.id])) for s in sentences
            ),
        )
