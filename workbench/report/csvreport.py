"""CSV: one row per sentence, safe to open in a spreadsheet; each row ends with the
article's metadata (its title, URL, publication date, outlet and authors), so that rows
from several reports can be put together.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be read as a formula: such cells get a leading apostrophe.  The rows are
what ``csv.writer`` (the excel dialect, CR LF line ends) would write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workbench.model import CrossRef, Report, SentenceReport, Verdict
from workbench.report.common import confirmed

COLUMNS = (
    "article_id", "position", "paragraph", "verdict", "flagged", "text", "note", "reviewer",
    "reviewed_at", "evidence_count", "evidence_urls", "confirmed_crossrefs", "key",
    "reviewed_text", "claimant", "article_title", "article_url", "article_published",
    "article_outlet", "article_authors",
)  # fmt: skip
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not read as a formula."""
    return "'" + text if text[:1] in _STARTS else text


_STARTS = frozenset(DANGEROUS)


def cell(text: str) -> str:
    """A text cell as the file holds it: neutralised, then quoted as ``csv.writer`` quotes
    (the excel dialect): in double quotes, its own doubled, if it holds a comma, a double
    quote or a line break, else as it is."""
    if text[:1] in _STARTS:
        text = "'" + text
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


_VERDICTS = {v: v.value if v else "" for v in (*Verdict, None)}
HEADER = ",".join(COLUMNS) + "\r\n"  # no column name needs quotes
BATCH = 1000  # rows a piece: fewer, larger writes


def chunks(report: Report, options: object = None) -> Iterator[str | bytes]:
    """A header row, then a row a sentence (a thousand rows a piece, in UTF-8).

    The rows are put together here, not by ``csv.writer`` (which looks at every character
    of every cell, its own time most of the export's): numbers, verdicts and "yes" need no
    quotes, and every text goes through ``cell``.  Each row is encoded alone: a row of
    plain ASCII is then copied as it is, where one character beyond ASCII in a thousand
    rows joined as text made them all slow to join and encode."""
    yield HEADER
    article_id, sentences = report.article.id, report.sentences
    article = _article_cells(report)
    for i in range(0, len(sentences), BATCH):
        yield b"".join([_row(article_id, s, article).encode() for s in sentences[i : i + BATCH]])


def _article_cells(report: Report) -> str:
    """The article's cells that end every row, made once."""
    a = report.article
    fields = (a.title, a.url, a.published, a.outlet, " | ".join(a.authors))
    return ",".join(cell(f) if f else "" for f in fields)


def _row(article_id: int, s: SentenceReport, article: str) -> str:
    """A sentence's row.  The tuple unpacked once (reading each field by name cost a fifth
    of the rendering); a key of the standard form (hex digits, a colon, a number) needs
    neither quotes nor an apostrophe."""
    (position, _, paragraph, _, _, stored_key, occurrence, text, _, note, reviewer,
     reviewed_at, reviewed_text, claimant, verdict, flagged, evidence, crossrefs) = s  # fmt: skip
    urls = cell(" | ".join(e.url for e in evidence if e.url)) if evidence else ""
    refs = cell(_refs(crossrefs)) if crossrefs else ""
    key = f"{stored_key.hex()}:{occurrence}" if isinstance(stored_key, bytes) else cell(s.key)
    return (
        f"{article_id},{position},{paragraph},{_VERDICTS[verdict]},"
        f"{'yes' if flagged else ''},{cell(text)},{cell(note) if note else ''},"
        f"{cell(reviewer) if reviewer else ''},{cell(reviewed_at) if reviewed_at else ''},"
        f"{len(evidence)},{urls},{refs},{key},"
        f"{cell(reviewed_text) if reviewed_text else ''},"
        f"{cell(claimant) if claimant else ''},{article}\r\n"
    )


def _refs(crossrefs: Iterable[CrossRef]) -> str:
    return "; ".join(f"{c.score:.0f}% {c.source}: {c.text}" for c in confirmed(crossrefs))
