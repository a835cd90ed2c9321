"""The Markdown report: readable as it is, pasteable into a CMS.

Article text, notes and titles are escaped so that nothing in them becomes a
link (GitHub's autolinks of bare addresses included), an image, HTML or a
heading; links are only made from http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from workbench.model import FLAG_MARK, CrossRef, Report, Sentence, SentenceReport, Verdict, badge
from workbench.report.common import confirmed, strong_suggestions, web_url

# Characters that start markup anywhere (links, images, emphasis, code, HTML, tables,
# entities), and those that do only at the start of a line (headings, lists, quotes).
_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&])")
_LINE_MARK = re.compile(r"^(\s*)([#+\-=])", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
# What GitHub-flavoured Markdown turns into a link by itself: a scheme's "://", "www.",
# an e-mail address.  A backslash before the ":", the "." or the "@" keeps it text.
_SCHEME = re.compile(r"(?i)\b(https?|ftp)://")
_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")
_EMAIL = re.compile(r"(?<=[\w.+-])@(?=[\w-]+\.)")


# Whether any of the above could apply: most sentences need none of it (each test at C speed).
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>!|~&\r\n@]")
_LINE_START = re.compile(r"\s*(?:[#+\-=]|\d+[.)])")


def _needs_escaping(text: str) -> bool:
    return bool(
        _ANY_SPECIAL.search(text) or _LINE_START.match(text) or "://" in text
        or "www." in text.lower()
    )  # fmt: skip


def escape(text: str) -> str:
    """Markdown-inert text (no link, image, HTML or heading can come of it), still readable."""
    if not _needs_escaping(text):
        return text
    text = _SPECIAL.sub(r"\\\1", text.replace("\r", ""))
    text = _LINE_MARK.sub(r"\1\\\2", text)
    text = _LINE_NUMBER.sub(r"\1\2\\\3", text)
    text = _SCHEME.sub(r"\1\\://", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _EMAIL.sub(r"\\@", text)
    return text.replace("\n", "  \n")


def link(label: str, url: str) -> str:
    """``[label](url)`` for a web URL, else the escaped label alone."""
    if not web_url(url):
        return escape(label or url)
    # Spaces, parentheses and angle brackets are percent-encoded: none can end the link.
    safe = quote(url, safe=":/?#@!$&'*+,;=%-._~")
    return f"[{escape(label or url)}]({safe})"


def _crossref_line(c: CrossRef) -> str:
    where = f" ({escape(c.source)})" if c.source else ""
    verdict = f" — {escape(c.verdict)}" if c.verdict else ""
    target = link(c.text, c.url) if c.url else escape(c.text)
    return f"- {c.score:.0f}%{where}: {target}{verdict}"


def _sentence(s: Sentence) -> str:
    flag = f" {FLAG_MARK} flagged" if s.flagged else ""
    return f"### {s.position}. {badge(s.verdict, capital=True)}{flag}\n\n{escape(s.text)}\n"


def _indented(text: str, prefix: str = "  ") -> str:
    """Text whose every line stays inside the list item (and the quote, if ``prefix`` is one)."""
    return text.replace("\n", "\n" + prefix)


def chunks(report: Report, options: object = None) -> Iterator[str]:
    """The report, a heading and a sentence at a time."""
    a, c = report.article, report.summary
    out = [f"# {escape(a.title)}", ""]
    source = link(a.url, a.url) if a.url else escape(a.source)
    out += [f"- Source: {source}"]
    if a.outlet:
        out += [f"- Outlet: {escape(a.outlet)}"]
    if a.authors:
        out += [f"- By: {escape(', '.join(a.authors))}"]
    if a.published:
        out += [f"- Published: {escape(a.published)}"]
    out += [f"- Imported: {escape(a.imported_at)}"]
    out += [f"- Exported: {escape(report.exported_at)} by workbench {report.workbench_version}", ""]
    badges = " | ".join(badge(v) for v in (*Verdict, None))
    out += [f"| sentences | {badges} | {FLAG_MARK} flagged |"]
    out += ["|---:|---:|---:|---:|---:|---:|"]
    numbers = (c.sentences, c.verified, c.disputed, c.opinion, c.unreviewed, c.flagged)
    out += ["| " + " | ".join(str(n) for n in numbers) + " |"]
    out += ["", "## Sentences", ""]
    yield "\n".join(out)
    for sr in report.sentences:
        yield "\n" + _sentence_block(sr)


def _sentence_block(sr: SentenceReport) -> str:
    s = sr.sentence
    out = [_sentence(s)]
    if s.reviewed_text is not None:
        out.append(f"*Text changed since the review; it read:* {escape(s.reviewed_text)}\n")
    if s.claimant:
        out.append(f"**Claimed by:** {escape(s.claimant)}\n")
    if s.note:
        out.append(f"**Note:** {escape(s.note)}\n")
    if s.verdict and s.reviewer and s.reviewed_at:
        out.append(f"*Reviewed by {escape(s.reviewer)} at {escape(s.reviewed_at)}*\n")
    if sr.evidence:
        out.append("**Evidence:**\n")
        for e in sr.evidence:
            out.append(f"- {escape(e.stance.value)}: {link(e.title or e.url, e.url)}")
            if e.note:  # the reviewer's words, before (never inside) the quoted source
                out.append(f"  *Note:* {_indented(escape(e.note))}")
            if e.quote:
                out.append(f"  > {_indented(escape(e.quote), '  > ')}")
        out.append("")
    if sure := confirmed(sr.crossrefs):
        out += ["**Checked before:**", *(_crossref_line(x) for x in sure), ""]
    if maybe := strong_suggestions(sr.crossrefs):
        out += ["*Strong suggestions, not confirmed:*", *(_crossref_line(x) for x in maybe), ""]
    return "\n".join(out).rstrip("\n") + "\n"
