"""The words the whole code speaks: plain dataclasses and the Verdict enum.

The store returns these, the TUI shows them, the reports render them.  None of
them knows about SQLite or Textual.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import NamedTuple


class Verdict(StrEnum):
    """A reviewer's decision on one sentence.  "No verdict" is ``None``."""

    VERIFIED = "verified"
    DISPUTED = "disputed"
    OPINION = "opinion"

    @property
    def symbol(self) -> str:
        """A glyph that tells the verdicts apart without colour."""
        return {"verified": "✔", "disputed": "✘", "opinion": "◆"}[self.value]

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, word: str | None) -> Verdict | None:
        """Read a verdict typed by a user; ``none``/empty means no verdict."""
        from workbench.errors import ValidationError

        if word is None:
            return None
        w = word.strip().lower()
        if w in ("", "none", "clear", "unreviewed"):
            return None
        try:
            return cls(w)
        except ValueError:
            choices = ", ".join([v.value for v in cls] + ["none"])
            raise ValidationError(f"unknown verdict {word!r} (choose one of: {choices})") from None


UNREVIEWED_SYMBOL = "·"  # where a verdict's symbol would stand: none given yet
# The marks a sentence's row carries, in the list and the reports.
FLAG_MARK = "⚑"  # flagged for follow-up
NOTE_MARK = "✎"  # has a note
CHANGED_MARK = "Δ"  # its text changed since the review (a re-import)
EVIDENCE_MARK = "§"  # followed by how many pieces of evidence are linked


def badge(verdict: Verdict | None, *, capital: bool = False) -> str:
    """A verdict, or none, as every list and report shows it: ``✔ verified``, ``· unreviewed``
    (``capital``: ``✔ Verified``, ``· Unreviewed``)."""
    symbol, word = (verdict.symbol, verdict.value) if verdict else (UNREVIEWED_SYMBOL, "unreviewed")
    return f"{symbol} {word.capitalize() if capital else word}"


class Stance(StrEnum):
    """How a piece of evidence bears on a claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class XrefStatus(StrEnum):
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"

    @property
    def mark(self) -> str:
        """A glyph for a match in this state: ``≈`` suggested, ``≡`` confirmed, ``×`` rejected."""
        return {"suggested": "≈", "confirmed": "≡", "rejected": "×"}[self.value]


class Segment(NamedTuple):
    """A sentence as the segmenter finds it, before it is stored (a tuple: an article has
    thousands, made at the segmenter's speed)."""

    position: int  # 1-based
    paragraph: int  # 1-based
    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Document:
    """An article as read from a file, URL, stdin or the clipboard."""

    title: str
    text: str
    source: str
    url: str | None = None
    warnings: tuple[str, ...] = ()  # what the reader should know (bytes replaced, …)
    published: str | None = None  # ISO 8601 date or date and time, as the page gives it
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    imported_at: str | None = None  # a restored report's first import time (else: now)


@dataclass(frozen=True)
class Counts:
    """Summary counts of one article's review."""

    sentences: int = 0
    verified: int = 0
    disputed: int = 0
    opinion: int = 0
    flagged: int = 0

    @property
    def reviewed(self) -> int:
        return self.verified + self.disputed + self.opinion

    @property
    def unreviewed(self) -> int:
        return self.sentences - self.reviewed

    def as_dict(self) -> dict[str, int]:
        return {
            "sentences": self.sentences,
            "verified": self.verified,
            "disputed": self.disputed,
            "opinion": self.opinion,
            "unreviewed": self.unreviewed,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    source: str
    url: str | None
    imported_at: str
    sha256: str
    counts: Counts = field(default_factory=Counts)
    published: str | None = None  # when the article was published (ISO 8601), if known
    authors: tuple[str, ...] = ()
    outlet: str | None = None  # the publication: "BBC News"

    @property
    def byline(self) -> str:
        """Outlet, authors and date, as a reader would name the article's origin."""
        parts = [self.outlet or "", ", ".join(self.authors), (self.published or "")[:10]]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Sentence:
    id: int
    article_id: int
    position: int
    paragraph: int
    start: int
    end: int
    key: str
    text: str
    verdict: Verdict | None = None
    note: str = ""
    reviewer: str | None = None
    reviewed_at: str | None = None
    flagged: bool = False
    evidence_count: int = 0
    xref_count: int = 0
    strong_xref: bool = False
    version: int | None = None  # of the review: the batch that last wrote it
    reviewed_text: str | None = None  # the text reviewed, when the text has changed since
    claimant: str | None = None  # who made the claim (a person or an organisation)

    @property
    def xref_mark(self) -> str:
        """Its matches in one glyph: a confirmed or strong one ``≡``, else ``≈``; none ``""``."""
        if not self.xref_count:
            return ""
        return (XrefStatus.CONFIRMED if self.strong_xref else XrefStatus.SUGGESTED).mark

    @property
    def text_changed(self) -> bool:
        """The text changed (a re-import) since the review was made."""
        return self.reviewed_text is not None

    @property
    def reviewed(self) -> bool:
        """Anything of a review on it: a verdict, a note or a flag."""
        return self.verdict is not None or bool(self.note) or self.flagged


@dataclass(frozen=True)
class Stored:
    """What storing an article did: ``new``, ``same`` (content already stored) or
    ``updated`` (a file imported before has changed)."""

    article: Article
    status: str
    changed: tuple[int, ...] = ()  # positions of reviewed sentences whose text changed
    gone: int = 0  # reviewed sentences no longer in the text (the log keeps them)
    cuts_lost: int = 0  # joins and splits not carried into the new text (``recut``)


@dataclass(frozen=True)
class ReportEntry:
    """One sentence's review as a JSON report carries it (checked, typed)."""

    position: int
    key: str | None
    text: str | None
    verdict: Verdict | None
    note: str = ""
    flagged: bool = False
    reviewer: str | None = None
    reviewed_at: str | None = None
    evidence: tuple[dict[str, str], ...] = ()  # url, title, quote, stance, note
    claimant: str | None = None
    crossrefs: tuple[dict[str, object], ...] = ()  # the confirmed ones, as crossref_target reads
    reviewed_text: str | None = None  # the text the review was made on, if it changed since
    # where the sentence was in the article's text (None: the report doesn't say)
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None or bool(self.note) or self.flagged or bool(self.claimant)

    @property
    def carries(self) -> bool:
        """Has it anything to restore (a review, evidence, a confirmed cross-reference)?"""
        return self.reviewed or bool(self.evidence) or bool(self.crossrefs)


@dataclass(frozen=True)
class Restored:
    """What restoring a report onto the store did, sentence by sentence."""

    stored: Stored
    taken: int = 0  # reviews taken from the report
    kept: int = 0  # newer reviews here, kept
    same: int = 0  # already identical
    unplaced: tuple[int, ...] = ()  # the report's positions of reviews no sentence here takes


@dataclass(frozen=True)
class Evidence:
    id: int
    url: str
    title: str
    quote: str
    stance: Stance
    note: str
    created_at: str = ""
    link_count: int = 0
    version: int | None = None


@dataclass(frozen=True)
class FactCheck:
    id: int
    claim: str
    title: str
    rating: str
    url: str
    publisher: str
    date: str


@dataclass(frozen=True)
class CrossRef:
    """A fuzzy match from one sentence to another sentence or a known fact-check."""

    id: int
    sentence_id: int
    kind: str  # "sentence" or "factcheck"
    target_id: int
    score: float
    method: str
    status: XrefStatus
    strong: bool
    text: str
    source: str  # article title or fact-check publisher/title
    verdict: str | None  # the target's verdict or the fact-check's rating
    target_article_id: int | None = None
    target_position: int | None = None
    url: str | None = None  # the fact-check's address
    # what names the target outside this database (a report's restore finds it by these)
    target_key: str | None = None  # the target sentence's key
    target_sha256: str | None = None  # the target sentence's article text digest
    fact_check: dict[str, str] | None = None  # claim, title, publisher, rating, url, date
    # found under the suggest threshold (whatever the reviewer decided since)
    under_suggest: bool = False

    @property
    def possible(self) -> bool:
        """An open match found under the suggest threshold: listed with the sentence's
        matches, never marked on it."""
        return self.under_suggest and self.status is XrefStatus.SUGGESTED

    @property
    def glyph(self) -> str:
        """``·`` for a possible match, ``≡`` for a strong one (as its sentence's row shows
        it), else its status's mark (``≈``, ``≡``, ``×``)."""
        if self.possible:
            return "·"
        if self.strong and self.status is XrefStatus.SUGGESTED:
            return XrefStatus.CONFIRMED.mark
        return self.status.mark

    @property
    def state(self) -> str:
        """Its state as shown: ``suggested``, ``strong suggested``, ``possible`` (an open
        match under the suggest threshold), ``confirmed``, ``rejected``."""
        if self.possible:
            return "possible"
        if self.strong and self.status is XrefStatus.SUGGESTED:
            return "strong suggested"
        return self.status.value

    @property
    def label(self) -> str:
        """Glyph and state: ``≈ suggested``, ``· possible``, ``≡ confirmed``…"""
        return f"{self.glyph} {self.state}"


class SentenceReport(NamedTuple):
    """One sentence of a report as the formats read it: its place, text and review, then its
    evidence and cross-references.  A plain tuple made straight from the report's query row
    (a report has up to a hundred thousand: a Sentence object each cost more than the whole
    rendering)."""

    position: int
    id: int
    paragraph: int
    start: int
    end: int
    stored_key: str | bytes  # the key as the store holds it (``key`` gives its text)
    occurrence: int | None
    text: str
    gap: str  # the text between the sentence before and this one (spaces, a paragraph break)
    note: str
    reviewer: str | None
    reviewed_at: str | None
    reviewed_text: str | None  # the text reviewed, when the text has changed since
    claimant: str | None
    verdict: Verdict | None
    flagged: bool
    evidence: tuple[Evidence, ...] = ()
    crossrefs: tuple[CrossRef, ...] = ()

    @property
    def key(self) -> str:
        """The sentence's key as text, made when a format asks for it (most never do: as
        SQL, a hundred thousand keys cost an eighth of the report's reading)."""
        return key_text(self.stored_key, self.occurrence)


def key_text(stored: str | bytes, occurrence: int | None) -> str:
    """A key as text from how the store holds it (``store/keys.py``): its digest's 8 bytes
    and its occurrence, or, with no occurrence, the text itself."""
    if occurrence is None:
        assert isinstance(stored, str)
        return stored
    assert isinstance(stored, bytes)
    return f"{stored.hex()}:{occurrence}"


_GAP_AND_TEXT = itemgetter(
    SentenceReport._fields.index("gap"), SentenceReport._fields.index("text")
)


@dataclass(frozen=True)
class Report:
    """Everything a report shows, built by the store and rendered by ``report``."""

    workbench_version: str
    exported_at: str
    article: Article
    tail: str  # the article's text after its last sentence
    sentences: tuple[SentenceReport, ...]

    @property
    def summary(self) -> Counts:
        return self.article.counts

    @cached_property
    def text(self) -> str:
        """The article's text, put back together from its sentences (each with the text
        before it) and the tail."""
        return "".join(self.text_pieces())

    def text_pieces(self, batch: int = 1000) -> Iterator[str]:
        """The article's text a ``batch`` of sentences at a time (each with the text before
        it), then the tail: what the JSON report writes as it goes, never the whole text at
        once (15 MB of it, and its JSON, cost a fifth of a long article's export)."""
        sentences = self.sentences
        for i in range(0, len(sentences), batch):
            yield "".join(chain.from_iterable(map(_GAP_AND_TEXT, sentences[i : i + batch])))
        yield self.tail


_DISPUTED_WORDS = (
    "false", "fake", "pants", "incorrect", "misleading", "wrong", "not true", "untrue",
    "debunked", "disputed", "inaccurate", "scam", "hoax", "fiction",
)  # fmt: skip
_VERIFIED_WORDS = ("true", "correct", "accurate", "verified", "confirmed", "legit", "real")


def verdict_from_rating(rating: str | None) -> Verdict | None:
    """A published fact-check's rating read as a verdict ("Mostly false" -> disputed).

    Ratings are free text; what matches neither list (e.g. "Mixture") gives None,
    and the reviewer decides.
    """
    if not rating:
        return None
    text = rating.casefold()
    if text in {v.value for v in Verdict}:
        return Verdict(text)
    if any(w in text for w in _DISPUTED_WORDS):
        return Verdict.DISPUTED
    if any(w in text for w in _VERIFIED_WORDS):
        return Verdict.VERIFIED
    return None
