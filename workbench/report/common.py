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


def date_part(iso: str | None) -> str | None:
    return iso[:10] if iso else None
