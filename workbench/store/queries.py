"""SQL shared by the store's reads, and the mapping of rows to model objects."""

from __future__ import annotations

from typing import Any

from workbench.model import Article, Counts, Sentence, Verdict

ARTICLE_COLUMNS = (
    "a.id, a.title, a.source, a.url, a.imported_at, a.sha256, COUNT(s.id),"
    " COALESCE(SUM(r.verdict = 'verified'), 0), COALESCE(SUM(r.verdict = 'disputed'), 0),"
    " COALESCE(SUM(r.verdict = 'opinion'), 0), COALESCE(SUM(r.flagged), 0)"
)

SENTENCE_SELECT = (
    'SELECT s.id, s.article_id, s.position, s.paragraph, s.start, s."end", s.key, s.text,'
    " r.verdict, r.note, r.reviewer, r.reviewed_at, r.flagged,"
    " (SELECT COUNT(*) FROM evidence_links el WHERE el.sentence_id = s.id),"
    " (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id AND c.status != 'rejected'),"
    " (SELECT COUNT(*) FROM crossrefs c WHERE c.sentence_id = s.id"
    "   AND (c.status = 'confirmed' OR (c.strong AND c.status = 'suggested')))"
    " FROM sentences s LEFT JOIN reviews r ON r.sentence_id = s.id"
)


def row_to_article(r: tuple[Any, ...]) -> Article:
    return Article(
        id=r[0],
        title=r[1],
        source=r[2],
        url=r[3],
        imported_at=r[4],
        sha256=r[5],
        counts=Counts(sentences=r[6], verified=r[7], disputed=r[8], opinion=r[9], flagged=r[10]),
    )


def row_to_sentence(r: tuple[Any, ...]) -> Sentence:
    return Sentence(
        id=r[0],
        article_id=r[1],
        position=r[2],
        paragraph=r[3],
        start=r[4],
        end=r[5],
        key=r[6],
        text=r[7],
        verdict=None if r[8] is None else Verdict(r[8]),
        note=r[9] or "",
        reviewer=r[10],
        reviewed_at=r[11],
        flagged=bool(r[12]),
        evidence_count=r[13],
        xref_count=r[14],
        strong_xref=bool(r[15]),
    )
