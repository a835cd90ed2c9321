"""The Markdown report: readable as it is, pasteable into a CMS.

Article text, notes and titles are escaped so that nothing in them becomes a
link (GitHub's autolinks of bare addresses included), an image, HTML or a
heading; links are only made from http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from workbench.model import (
    FLAG_MARK,
    CrossRef,
    Evidence,
    Report,
    SentenceReport,
    Stance,
    Verdict,
    badge,
)
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


# Whether any of the above could apply: most texts need none of it.  The characters that
# start markup are ASCII, so they are looked for in the text's UTF-8 (no other character's
# bytes are ASCII): encoding it and deleting them all costs 60% of a regex's search.
_MARKUP = b"\\`*_[]<>!|~&\r\n@"
_LINE_START = re.compile(r"\s*(?:[#+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """Markdown-inert text (no link, image, HTML or heading can come of it), still readable."""
    raw = text.encode("utf-8", "surrogatepass")
    if (
        len(raw.translate(None, _MARKUP)) == len(raw)
        and "://" not in text
        and "www." not in text.lower()
        # a line mark needs a space, a sign or a digit first: a letter rules it out
        and (text[:1].isalpha() or _LINE_START.match(text) is None)
    ):  # the common case: nothing to escape
        return text
    return escape_all(text)


_TIME = frozenset("0123456789-:+.TZ")  # what the store's times are made of (ISO 8601)


def plain_time(at: str) -> bool:
    """Is ``at`` a time as the store writes it, digits and ``-:+.TZ`` alone?  Nothing in it
    is Markdown within a line: no need to escape it (nor to keep it: each sentence's time
    is most often its own)."""
    return _TIME.issuperset(at)


def escape_all(text: str) -> str:
    """``escape`` without the quick look first: every rule applied (what ``escape`` does to
    a text that needs it)."""
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


def _indented(text: str, prefix: str = "  ") -> str:
    """Text whose every line stays inside the list item (and the quote, if ``prefix`` is one)."""
    return text.replace("\n", "\n" + prefix)


# What a sentence's heading says for each verdict (and none).
_HEADINGS = {v: badge(v, capital=True) for v in (*Verdict, None)}
_FLAGGED = f" {FLAG_MARK} flagged"
_STANCES = {s: escape(s.value) for s in Stance}
BATCH = 1000  # sentences a piece: fewer, larger writes


def chunks(report: Report, options: object = None) -> Iterator[str | bytes]:
    """The report: its heading, then the sentences a thousand at a time (in UTF-8: each
    sentence's heading, with its verdict's symbol, encoded apart from the rest of its
    block, which is then most often ASCII, copied as it is; the block whole, a symbol in
    it, was written two bytes a character and encoded a character at a time)."""
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
    sentences = report.sentences
    seen: dict[str, str] = {}  # reviewers: each escaped once
    for i in range(0, len(sentences), BATCH):
        parts: list[bytes] = []
        for s in sentences[i : i + BATCH]:
            heading, rest = _sentence_block(s, seen)
            parts += (b"\n", heading.encode(), rest.encode())
        yield b"".join(parts)


def _sentence_block(s: SentenceReport, seen: dict[str, str]) -> tuple[str, str]:
    """A sentence's heading, and its text, then each part of its review present after a
    blank line.  ``seen``: reviewers, each escaped once for all.  (The
    tuple unpacked once: reading each field by name costs more.)"""
    (position, _, _, _, _, _, _, text, _, note_text, reviewer, reviewed_at, reviewed_text,
     claimant_name, verdict, flagged, evidence_items, crossrefs) = s  # fmt: skip
    changed = claimant = note = review = evidence = refs = ""
    if reviewed_text is not None:
        changed = f"\n*Text changed since the review; it read:* {escape(reviewed_text)}\n"
    if claimant_name:
        claimant = f"\n**Claimed by:** {escape(claimant_name)}\n"
    if note_text:
        note = f"\n**Note:** {escape(note_text)}\n"
    if verdict and reviewer and reviewed_at:
        if (who := seen.get(reviewer)) is None:
            who = seen[reviewer] = escape(reviewer)
        at = reviewed_at if plain_time(reviewed_at) else escape(reviewed_at)
        review = f"\n*Reviewed by {who} at {at}*\n"
    if evidence_items:
        evidence = "\n**Evidence:**\n\n" + "\n".join(map(_evidence_lines, evidence_items)) + "\n"
    if crossrefs:  # most sentences have none: nothing to sort
        if sure := confirmed(crossrefs):
            refs = "\n**Checked before:**\n" + "\n".join(map(_crossref_line, sure)) + "\n"
        if maybe := strong_suggestions(crossrefs):
            refs += (
                "\n*Strong suggestions, not confirmed:*\n"
                + "\n".join(map(_crossref_line, maybe)) + "\n"
            )  # fmt: skip
    flag = _FLAGGED if flagged else ""
    block = f"{escape(text)}\n{changed}{claimant}{note}{review}{evidence}{refs}"
    if block.endswith("\n\n"):  # a text that ended in line breaks: one, not a blank line
        block = block.rstrip("\n") + "\n"
    return f"### {position}. {_HEADINGS[verdict]}{flag}\n\n", block


def _evidence_lines(e: Evidence) -> str:
    line = f"- {_STANCES[e.stance]}: {link(e.title or e.url, e.url)}"
    if e.note:  # the reviewer's words, before (never inside) the quoted source
        line += f"\n  *Note:* {_indented(escape(e.note))}"
    if e.quote:
        line += f"\n  > {_indented(escape(e.quote), '  > ')}"
    return line
