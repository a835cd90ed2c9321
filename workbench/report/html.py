"""The HTML report: one self-contained file (inline CSS, no script, no network).

The article is shown with each sentence coloured by its verdict, a chart of
the counts as inline SVG, and per-sentence details.  Every piece of article
or user text goes through ``html.escape``; a Content-Security-Policy forbids
any load from the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape as _escape

from workbench.model import FLAG_MARK, Article, Report, SentenceReport, badge
from workbench.report.common import confirmed, strong_suggestions, web_url

_SPECIAL = re.compile(r"[&<>\"']")


def escape(text: str) -> str:
    """``html.escape``, with the common case (nothing to escape) at C speed."""
    return _escape(text) if _SPECIAL.search(text) else text


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


def article_html(report: Report) -> Iterator[str]:
    """The article's paragraphs, each sentence in a span coloured by its verdict: a
    paragraph at a time, each but the first after a line break."""
    text = report.text
    paragraph: list[str] = []
    last_paragraph, pos = None, 0
    for sr in report.sentences:
        s = sr.sentence
        if s.paragraph != last_paragraph:
            if paragraph:
                yield f"<p>{''.join(paragraph)}</p>\n"
            paragraph = []
            last_paragraph, pos = s.paragraph, s.start
        verdict = s.verdict.value if s.verdict else "none"
        symbol = s.verdict.symbol if s.verdict else ""  # not by colour alone
        flag = f'<span class="flag" title="flagged">{FLAG_MARK}</span>' if s.flagged else ""
        paragraph.append(
            escape(text[pos : s.start])
            + f'<span class="s {verdict}{" flagged" if s.flagged else ""}" id="s{s.position}">'
            + f'{escape(s.text)}<sup>{symbol}{flag}<a href="#d{s.position}">{s.position}</a>'
            + "</sup></span>"
        )
        pos = s.end
    if paragraph:
        yield f"<p>{''.join(paragraph)}</p>"


def detail(sr: SentenceReport) -> str:
    s = sr.sentence
    verdict = s.verdict.value if s.verdict else "none"
    out = [f'<section class="detail" id="d{s.position}"><h3>{s.position}. ']
    out.append(f'<span class="badge {verdict}">{escape(badge(s.verdict, capital=True))}</span>')
    out.append(f" {FLAG_MARK} flagged" if s.flagged else "")
    out.append(f"</h3><p>{escape(s.text)}</p>")
    if s.reviewed_text is not None:
        out.append(
            f'<p class="by">Text changed since the review; it read: {escape(s.reviewed_text)}</p>'
        )
    if s.claimant:
        out.append(f"<p><strong>Claimed by:</strong> {escape(s.claimant)}</p>")
    if s.note:
        out.append(f"<p><strong>Note:</strong> {escape(s.note)}</p>")
    if s.verdict and s.reviewer and s.reviewed_at:
        out.append(f'<p class="by">Reviewed by {escape(s.reviewer)} at {escape(s.reviewed_at)}</p>')
    if sr.evidence:
        out.append("<ul>")
        for e in sr.evidence:
            out.append(f"<li>{escape(e.stance.value)}: {a(e.url, e.title or e.url)}")
            if e.note:
                out.append(f'<div class="by">Note: {escape(e.note)}</div>')
            if e.quote:
                out.append(f"<blockquote>{escape(e.quote)}</blockquote>")
            out.append("</li>")
        out.append("</ul>")
    groups = (
        ("Checked before", confirmed(sr.crossrefs)),
        ("Strong suggestions, not confirmed", strong_suggestions(sr.crossrefs)),
    )
    for title, refs in groups:
        if refs:
            out.append(f"<p><strong>{title}:</strong></p><ul>")
            for c in refs:
                where = f" ({escape(c.source)})" if c.source else ""
                verdict_text = f" — {escape(c.verdict)}" if c.verdict else ""
                label = a(c.url, c.text) if c.url else escape(c.text)
                out.append(f"<li>{c.score:.0f}%{where}: {label}{verdict_text}</li>")
            out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def byline(art: Article) -> str:
    """Outlet, authors and publication date, when the article has them."""
    parts = [escape(p) for p in (art.outlet, ", ".join(art.authors)) if p]
    if art.published:
        parts.append(f'published <time datetime="{escape(art.published)}">'
                     f"{escape(art.published)}</time>")  # fmt: skip
    return f'<p class="by">{" · ".join(parts)}</p>' if parts else ""


def chunks(report: Report, options: object = None) -> Iterator[str]:
    """The page: its head, the article a paragraph at a time, then each sentence's details."""
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
    yield from article_html(report)
    yield "\n<h2>Sentence by sentence</h2>\n"
    for sr in report.sentences:
        yield detail(sr) + "\n"
    yield "</body></html>\n"
