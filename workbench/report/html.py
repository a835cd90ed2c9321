"""The HTML report: one self-contained file (inline CSS, no script, no network).

The article is shown with each sentence coloured by its verdict, a chart of
the counts as inline SVG, and per-sentence details.  Every piece of article
or user text goes through ``html.escape``; a Content-Security-Policy forbids
any load from the network.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape as _escape

from workbench.model import (
    FLAG_MARK,
    Article,
    CrossRef,
    Evidence,
    Report,
    SentenceReport,
    Stance,
    Verdict,
    badge,
)
from workbench.report.common import confirmed, strong_suggestions, web_url


def escape(text: str) -> str:
    """``html.escape``, with the common case (nothing to escape) at C speed."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _escape(text)
    return text


def ascii_refs(text: str) -> str:
    """``text`` with each character beyond ASCII as a character reference (``✔`` as
    ``&#10004;``), for workbench's own marks in each sentence: the page reads the same,
    and a sentence of plain ASCII text stays ASCII, which Python joins and writes as UTF-8
    several times faster than text with one character beyond it."""
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfc; --muted: #666;
  --verified: #1a7f37; --disputed: #c62828; --opinion: #b26a00; --none: #888; --line: #ddd; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #161616; --muted: #aaa; --verified: #4cc26a;
    --disputed: #ff6b6b; --opinion: #f0b43c; --none: #999; --line: #333; } }
body { font: 16px/1.55 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { line-height: 1.2; } .meta, .by { color: var(--muted); font-size: .9em; }
.s { border-bottom: 2px solid transparent; } .s sup { font-size: .7em; color: var(--muted); }
.verified { border-color: var(--verified);
  background: color-mix(in srgb, var(--verified) 8%, transparent); }
.disputed { border-color: var(--disputed);
  background: color-mix(in srgb, var(--disputed) 8%, transparent); }
.opinion { border-color: var(--opinion); border-bottom-style: dashed; }
.badge { font-weight: 600; } .badge.verified { color: var(--verified); }
.badge.disputed { color: var(--disputed); } .badge.opinion { color: var(--opinion); }
.badge.none { color: var(--none); } .flag { color: var(--disputed); }
.s.flagged { outline: 1px dotted var(--disputed); }
section.detail { border-top: 1px solid var(--line); padding: .5rem 0; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .7rem; border-left: 3px solid var(--line); }
svg text { fill: var(--fg); font: 13px system-ui, sans-serif; }
"""

COLOURS = (("verified", "var(--verified)"), ("disputed", "var(--disputed)"),
           ("opinion", "var(--opinion)"), ("unreviewed", "var(--none)"))  # fmt: skip


def chart(report: Report) -> str:
    """The verdict counts as horizontal bars, in inline SVG."""
    counts = report.summary.as_dict()
    top = max(1, *(counts[k] for k, _ in COLOURS))
    rows = []
    for i, (name, colour) in enumerate(COLOURS):
        width = 260 * counts[name] / top
        y = 8 + i * 26
        rows.append(
            f'<text x="0" y="{y + 14}">{name}</text>'
            f'<rect x="100" y="{y}" width="{width:.1f}" height="18" fill="{colour}" rx="3"/>'
            f'<text x="{106 + width:.1f}" y="{y + 14}">{counts[name]}</text>'
        )
    return (
        '<svg role="img" aria-label="verdict counts" width="420" height="112" '
        f'viewBox="0 0 420 112">{"".join(rows)}</svg>'
    )


def a(url: str, label: str) -> str:
    if not web_url(url):
        return escape(label or url)
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(label or url)}</a>'


# What each verdict (and none) looks like: its class, its symbol (not by colour alone), its badge.
_CLASSES = {v: v.value if v else "none" for v in (*Verdict, None)}
_SYMBOLS = {v: ascii_refs(v.symbol) if v else "" for v in (*Verdict, None)}
_BADGES = {
    v: f'<span class="badge {_CLASSES[v]}">{ascii_refs(escape(badge(v, capital=True)))}</span>'
    for v in (*Verdict, None)
}
_FLAG = ascii_refs(f'<span class="flag" title="flagged">{FLAG_MARK}</span>')
_FLAGGED = ascii_refs(f" {FLAG_MARK} flagged")
_DASH = ascii_refs(" — ")
_STANCES = {s: escape(s.value) for s in Stance}
BATCH = 1000  # sentences (or paragraphs) a piece: fewer, larger writes


def article_html(report: Report, texts: Sequence[str], seen: dict[str, str]) -> Iterator[bytes]:
    """The article's paragraphs, each sentence (``texts``: escaped) in a span coloured by
    its verdict, each paragraph but the first after a line break: a thousand at a time,
    in UTF-8 (each paragraph encoded alone: one with text beyond ASCII does not make the
    others slow to join and encode).  ``seen``: the text between sentences, escaped once
    for all."""
    done: list[bytes] = []  # paragraphs, each but the last of the article followed by a break
    paragraph: list[str] = []
    last_paragraph = None
    for s, escaped in zip(report.sentences, texts, strict=True):
        gap = s.gap  # most often one space
        if s.paragraph != last_paragraph:
            if paragraph:
                done.append(f"<p>{''.join(paragraph)}</p>\n".encode())
                if len(done) == BATCH:
                    yield b"".join(done)
                    done = []
            paragraph = []
            last_paragraph, gap = s.paragraph, ""  # the break is the paragraph's
        if (before := seen.get(gap)) is None:
            before = seen[gap] = escape(gap)
        n, v = s.position, s.verdict
        flagged = " flagged" if s.flagged else ""
        flag = _FLAG if s.flagged else ""
        paragraph.append(
            f'{before}<span class="s {_CLASSES[v]}{flagged}" id="s{n}">'
            f'{escaped}<sup>{_SYMBOLS[v]}{flag}<a href="#d{n}">{n}</a></sup></span>'
        )
    if paragraph:
        done.append(f"<p>{''.join(paragraph)}</p>".encode())
    if done:
        yield b"".join(done)


def detail(s: SentenceReport, text: str, seen: dict[str, str]) -> str:
    """A sentence's section: its verdict and text (``text``: escaped), then what it has of a
    review, evidence and cross-references.  ``seen``: reviewers (and spaces), each
    escaped once for all.  (The tuple unpacked once: reading each field by name costs
    more.)"""
    (position, _, _, _, _, _, _, _, _, note_text, reviewer, reviewed_at, reviewed_text,
     claimant_name, verdict, flagged, evidence_items, crossrefs) = s  # fmt: skip
    changed = claimant = note = review = evidence = refs = ""
    if reviewed_text is not None:
        changed = (
            f'<p class="by">Text changed since the review; it read: {escape(reviewed_text)}</p>'
        )
    if claimant_name:
        claimant = f"<p><strong>Claimed by:</strong> {escape(claimant_name)}</p>"
    if note_text:
        note = f"<p><strong>Note:</strong> {escape(note_text)}</p>"
    if verdict and reviewer and reviewed_at:
        if (who := seen.get(reviewer)) is None:
            who = seen[reviewer] = escape(reviewer)
        at = escape(reviewed_at)  # (a few quick searches: each sentence's time is its own)
        review = f'<p class="by">Reviewed by {who} at {at}</p>'
    if evidence_items:
        evidence = f"<ul>{''.join(map(_evidence_item, evidence_items))}</ul>"
    if crossrefs:  # most sentences have none: nothing to sort
        groups = (
            ("Checked before", confirmed(crossrefs)),
            ("Strong suggestions, not confirmed", strong_suggestions(crossrefs)),
        )
        refs = "".join(
            f"<p><strong>{title}:</strong></p><ul>{''.join(map(_crossref_item, group))}</ul>"
            for title, group in groups
            if group
        )
    flag = _FLAGGED if flagged else ""
    return (
        f'<section class="detail" id="d{position}"><h3>{position}. {_BADGES[verdict]}'
        f"{flag}</h3><p>{text}</p>{changed}{claimant}{note}{review}{evidence}{refs}</section>"
    )


def _evidence_item(e: Evidence) -> str:
    item = f"<li>{_STANCES[e.stance]}: {a(e.url, e.title or e.url)}"
    if e.note:
        item += f'<div class="by">Note: {escape(e.note)}</div>'
    if e.quote:
        item += f"<blockquote>{escape(e.quote)}</blockquote>"
    return item + "</li>"


def _crossref_item(c: CrossRef) -> str:
    where = f" ({escape(c.source)})" if c.source else ""
    verdict = f"{_DASH}{escape(c.verdict)}" if c.verdict else ""
    label = a(c.url, c.text) if c.url else escape(c.text)
    return f"<li>{c.score:.0f}%{where}: {label}{verdict}</li>"


def byline(art: Article) -> str:
    """Outlet, authors and publication date, when the article has them."""
    parts = [escape(p) for p in (art.outlet, ", ".join(art.authors)) if p]
    if art.published:
        parts.append(f'published <time datetime="{escape(art.published)}">'
                     f"{escape(art.published)}</time>")  # fmt: skip
    return f'<p class="by">{" · ".join(parts)}</p>' if parts else ""


def chunks(report: Report, options: object = None) -> Iterator[str | bytes]:
    """The page: its head, the article, then each sentence's details (in large pieces)."""
    art, c = report.article, report.summary
    source = a(art.url, art.url) if art.url else escape(art.source)
    yield "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(art.title)} — review</title>",
            f"<style>{CSS}</style></head><body>",
            f"<h1>{escape(art.title)}</h1>",
            byline(art),
            f'<p class="meta">Source: {source} · imported {escape(art.imported_at)} · '
            f"exported {escape(report.exported_at)} by workbench "
            f"{escape(report.workbench_version)}</p>",
            f'<p class="meta">{c.reviewed} of {c.sentences} sentences reviewed · '
            f"{c.flagged} flagged</p>",
            chart(report),
            "<h2>The article</h2>",
            "",
        ]
    )
    sentences = report.sentences
    texts = [escape(s.text) for s in sentences]  # each shown twice, escaped once
    seen: dict[str, str] = {}  # short texts that come back (spaces, reviewers)
    yield from article_html(report, texts, seen)
    yield "\n<h2>Sentence by sentence</h2>\n"
    for i in range(0, len(sentences), BATCH):  # (each encoded alone, as the paragraphs)
        batch = zip(sentences[i : i + BATCH], texts[i : i + BATCH], strict=True)
        yield b"\n".join([detail(s, text, seen).encode() for s, text in batch]) + b"\n"
    yield "</body></html>\n"
