"""Checks on values typed by the user, shared by the CLI, the TUI and the store."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from workbench.errors import ValidationError

ALLOWED_SCHEMES = ("http", "https")


# Never inside a URL we keep: whitespace and controls (a line break can forge a line of a
# report; an escape drives a terminal), double quotes and angle brackets (they end an HTML
# attribute or a Markdown link), bidirectional overrides and invisible characters (they
# disguise it).  An apostrophe stays allowed (Wikipedia has many); every report escapes it.
_FORBIDDEN = frozenset([
    *map(chr, range(0x21)), *map(chr, range(0x7F, 0xA1)), '"', "<", ">", "`", "\\",
    *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u061c",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
])  # fmt: skip


# An address plainly a web one: http(s), a host of letters, digits, dots and hyphens, then
# only what the full check lets through; anything else (a port, an upper-case scheme, a
# non-ASCII host) is for the full check to judge.
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?:[/?#][!#-;=?-\[\]-_a-~]*)?")


def is_web_url(text: str) -> bool:
    """True for a plausible http(s) URL with a host and nothing in it that could harm."""
    # the common case at C speed (a report's links, a million fact-checks' addresses)
    return _PLAIN_WEB_URL.fullmatch(text) is not None or _web_url_checked(text)


def _web_url_checked(text: str) -> bool:
    """``is_web_url`` character by character, then as ``urlsplit`` reads it."""
    url = text.strip()
    if not url or any(ch in _FORBIDDEN for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.hostname)


def check_date(text: str) -> str:
    """An ISO 8601 date, or date and time ("2026-03-01", "2026-03-01T09:30:00+01:00")."""
    from datetime import datetime

    value = text.strip()
    if not value:
        return ""
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"not a date: {value[:40]} (write it as 2026-03-01, or 2026-03-01T09:30+01:00)"
        ) from None
    return value


def check_name(text: str, what: str) -> str:
    """A person's or an organisation's name: one line of text, not too long."""
    value = " ".join(text.split())
    if len(value) > 200:
        raise ValidationError(f"{what} is over 200 characters")
    return value


def check_url(text: str) -> str:
    """Return the URL stripped, or raise: only http(s) links (or none) may be stored.

    ``javascript:``, ``data:`` and the like would become live links in the
    HTML and Markdown reports.
    """
    url = text.strip()
    if not url:
        return ""
    if not is_web_url(url):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme and scheme.isascii() and scheme.isalpha() and scheme not in ALLOWED_SCHEMES:
            raise ValidationError(f"only http and https links are accepted, not {scheme}:")
        if any(ch in _FORBIDDEN for ch in url):
            raise ValidationError(
                "a web address can't hold spaces, line breaks, control characters, double"
                " quotes or angle brackets"
            )
        raise ValidationError(f"not a web address: {url[:80]}")
    return url


def check_moment(text: str) -> str:
    """An ISO 8601 date and time with its UTC offset ("2026-03-01T09:30:00+00:00"): what
    decides which of two reviews is the newer."""
    from datetime import datetime

    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:  # (a date alone has no offset either)
        raise ValidationError(
            f"not a date and time with its UTC offset: {value[:40]}"
            " (write it as 2026-03-01T09:30:00+00:00)"
        )
    return value


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> tuple[str, int]:
    """``text`` as it can be stored and written as UTF-8, and how many characters were
    replaced: each lone surrogate (a byte that was not text, kept by ``surrogateescape``,
    or a ``\\udc80`` escape in JSON) becomes U+FFFD, as a byte that is not UTF-8 does in
    an imported article; NUL characters are dropped, as from an article's text."""
    if _UNSTORABLE.search(text) is None:
        return text, 0
    return _SURROGATE.subn("\ufffd", text.replace("\x00", ""))


_ESCAPES = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")  # a surrogate's or NUL's in JSON
_ESCAPES_IN_BYTES = re.compile(_ESCAPES.pattern.encode())


def mended(data: Any, source: str | bytes | None = None) -> tuple[Any, int]:
    """Parsed JSON with every string in it ``storable`` (keys too), and how many characters
    were replaced (for a warning).  ``source``, the JSON text: not walked when no escape in
    it could have made such a character (the common case, at C speed)."""
    if source is not None:
        found = (
            _ESCAPES_IN_BYTES.search(source)
            if isinstance(source, bytes)
            else _ESCAPES.search(source)
        )
        if found is None:
            return data, 0
    count = 0

    def mend(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str):
            value, n = storable(value)
            count += n
            return value
        if isinstance(value, list):
            return [mend(v) for v in value]
        if isinstance(value, dict):
            return {mend(k): mend(v) for k, v in value.items()}
        return value

    return mend(data), count


def replaced_note(name: str, count: int) -> str:
    """The warning for ``count`` characters ``storable`` replaced in ``name``."""
    what = "character that is" if count == 1 else "characters that are"
    return (
        f"{name}: {count} {what} not text (a lone surrogate, such as the escape \\udc80)"
        " shown as \ufffd"
    )
