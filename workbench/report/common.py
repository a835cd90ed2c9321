"""What the report formats share: which cross-references to show, safe URLs."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.model import CrossRef, XrefStatus
from workbench.validate import is_web_url


def confirmed(refs: Iterable[CrossRef]) -> list[CrossRef]:
    """The cross-references a reviewer confirmed: the ones reports for people show."""
    return [r for r in refs if r.status is XrefStatus.CONFIRMED]


def strong_suggestions(refs: Iterable[CrossRef]) -> list[CrossRef]:
    """Suggested matches strong enough to list apart (never shown as certain)."""
    return [r for r in refs if r.status is XrefStatus.SUGGESTED and r.strong and not r.possible]


def web_url(url: str | None) -> bool:
    """Only http(s) URLs become links in a report."""
    return url is not None and is_web_url(url)


_TIME = frozenset("0123456789-:+.TZ")  # what the store's times are made of (ISO 8601)


def plain_time(at: str) -> bool:
    """Is ``at`` a time as the store writes it, digits and ``-:+.TZ`` alone?  Nothing in it
    is markup in any report (within a line): no need to escape it (nor to keep it: each
    sentence's time is most often its own)."""
    return _TIME.issuperset(at)


def date_part(iso: str | None) -> str | None:
    return iso[:10] if iso else None
