"""Checks on values typed by the user, shared by the CLI, the TUI and the store."""

from __future__ import annotations

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


def is_web_url(text: str) -> bool:
    """True for a plausible http(s) URL with a host and nothing in it that could harm."""
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
