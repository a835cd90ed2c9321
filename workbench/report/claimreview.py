"""schema.org ClaimReview (JSON-LD) for the sentences with a checkable verdict.

Opinion is not a checkable claim, so only verdicts in the rating table (by
default verified -> 5 "Verified", disputed -> 1 "Disputed", on a 1..5 scale)
are exported.  The table, the publisher and the base URL come from settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.model import Report
from workbench.report.common import date_part
from workbench.safe_text import json_dumps

if TYPE_CHECKING:
    from workbench.report import ReportOptions


def render(report: Report, options: ReportOptions) -> str:
    a = report.article
    where = options.base_url or a.url or ""
    author: dict[str, Any] = {"@type": "Organization", "name": options.publisher_name}
    if options.publisher_url:
        author["url"] = options.publisher_url
    reviews = []
    for sr in report.sentences:
        s = sr.sentence
        if s.verdict is None or s.verdict.value not in options.rating_map:
            continue
        value, name = options.rating_map[s.verdict.value]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": a.title}
        if a.url:
            appearance["url"] = a.url
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{where}#claim-{s.position}" if where else f"#claim-{s.position}",
            # the claim as reviewed: after a re-import changed it, the text the verdict was on
            "claimReviewed": s.reviewed_text if s.reviewed_text is not None else s.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": options.best_rating,
                "worstRating": options.worst_rating,
                "alternateName": name,
            },
            "itemReviewed": {
                "@type": "Claim",
                "appearance": appearance,
                "datePublished": date_part(a.imported_at),
            },
            "author": author,
            "datePublished": date_part(s.reviewed_at or report.exported_at),
        }
        if s.note:
            review["reviewBody"] = s.note
        reviews.append(review)
    return json_dumps(reviews, indent=2) + "\n"
