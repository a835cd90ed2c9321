"""Checks on values typed by the user, shared by the CLI, the TUI and the store."""

from __future__ import annotations

from urllib.parse import urlsplit

from workbench.errors import ValidationError

ALLOWED_SCHEMES = ("http", "https")


def is_web_url(text: str) -> bool:
    """True for a plausible http(s) URL with a host (used to pre-fill forms from the clipboard)."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.netloc) and " " not in text.strip()
    )


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
        if scheme and scheme not in ALLOWED_SCHEMES:
            raise ValidationError(f"only http and https links are accepted, not {scheme}:")
        raise ValidationError(f"not a web address: {url[:80]}")
    return url
