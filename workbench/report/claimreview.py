"""schema.org ClaimReview (JSON-LD) for the sentences with a checkable verdict.

Opinion is not a checkable claim, so only verdicts in the rating table (by
default verified -> 5 "Verified", disputed -> 1 "Disputed", on a 1..5 scale)
are exported.  The table, the publisher and the base URL come from settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from workbench.model import Report, Verdict
from workbench.report.common import date_part
from workbench.safe_text import json_join

if TYPE_CHECKING:
    from workbench.report import ReportOptions


def claim_author(name: str) -> dict[str, str]:
    """A claimant as schema.org names one: an organisation when it reads like one."""
    org = re.search(
        r"(?i)^the\b|\b(ministry|department|agency|office|government|council|party|police|"
        r"army|forces|command|company|inc|ltd|corp|university|news|times|post|journal|"
        r"association|union|committee|commission|court|bank|institute|group)\b",
        name,
    ) or (name.isupper() and len(name) <= 10)
    return {"@type": "Organization" if org else "Person", "name": name}


def reviews(report: Report, options: ReportOptions) -> list[dict[str, Any]]:
    """The ClaimReview objects: one per sentence whose verdict the rating table maps."""
    return list(each_review(report, options))


def each_review(report: Report, options: ReportOptions) -> Iterator[dict[str, Any]]:
    """The ClaimReview objects, one at a time."""
    a = report.article
    where = options.base_url or a.url or ""
    author: dict[str, Any] = {"@type": "Organization", "name": options.publisher_name}
    if options.publisher_url:
        author["url"] = options.publisher_url
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": a.title}
    if a.url:
        appearance["url"] = a.url
    if a.published:
        appearance["datePublished"] = a.published
    if a.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": a.outlet}
    if a.authors:
        appearance["author"] = [{"@type": "Person", "name": n} for n in a.authors]
    # what stays the same from one review to the next, worked out once
    ratings: dict[Verdict | None, tuple[int, str]] = {
        v: options.rating_map[v.value] for v in Verdict if v.value in options.rating_map
    }
    anchor = f"{where}#claim-" if where else "#claim-"
    claimed = date_part(a.published)  # when the claim was made: never the day it was imported
    best, worst = options.best_rating, options.worst_rating
    for s in report.sentences:
        rating = ratings.get(s.verdict)
        if rating is None:
            continue
        value, name = rating
        claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if claimed:
            claim["datePublished"] = claimed
        if s.claimant:
            claim["author"] = claim_author(s.claimant)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{anchor}{s.position}",
            # the claim as reviewed: after a re-import changed it, the text the verdict was on
            "claimReviewed": s.reviewed_text if s.reviewed_text is not None else s.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": best,
                "worstRating": worst,
                "alternateName": name,
            },
            "itemReviewed": claim,
            "author": author,
            "datePublished": date_part(s.reviewed_at or report.exported_at),
        }
        if s.note:
            review["reviewBody"] = s.note
        yield review


BATCH = 100  # reviews a piece: fewer writes, each small enough to stay in the cache


def chunks(report: Report, options: ReportOptions) -> Iterator[str | bytes]:
    """A JSON-LD list, one ClaimReview object a line."""
    yield "["
    lead = b"\n  "
    reviews = each_review(report, options)
    while batch := list(islice(reviews, BATCH)):
        yield lead
        yield json_join(batch, ",\n  ")
        lead = b",\n  "
    yield "\n]\n"


def problems(report: Report, options: ReportOptions) -> list[str]:
    """What keeps these ClaimReview objects from being published as they are.

    The fields schema.org's ClaimReview and the search engines' guidelines for it
    require: an absolute ``url`` for each review, the publishing organisation's
    name as ``author``, ``claimReviewed``, a ``reviewRating`` with its scale and
    ``alternateName``, ``datePublished``, and an ``itemReviewed`` Claim whose
    ``appearance`` (or ``firstAppearance``) says where the claim was made.
    """
    found = []
    if not (options.base_url or report.article.url):
        found.append(
            "no absolute URL for the reviews: set report.base_url in the settings, or give the"
            " article its URL (import --url)"
        )
    if options.publisher_name in ("", "workbench"):
        found.append("no publisher: set report.publisher (and publisher_url) in the settings")
    where: dict[str, list[str]] = {}  # each problem: the reviews that have it
    for review in each_review(report, options):
        for p in missing_fields(review):
            where.setdefault(p, []).append(review["url"])
    for p, urls in where.items():
        more = f" and {len(urls) - 1:,} more" if len(urls) > 1 else ""
        found.append(f"{p} ({urls[0]}{more})")
    return found


def missing_fields(review: dict[str, Any]) -> list[str]:
    """The required fields a ClaimReview object lacks (empty when it can be published)."""
    missing = []
    url = review.get("url", "")
    if not re.match(r"https?://[^/#\s]+", url):
        missing.append("url is not absolute")
    for key in ("claimReviewed", "datePublished"):
        if not review.get(key):
            missing.append(f"{key} is missing")
    author = review.get("author") or {}
    if author.get("@type") not in ("Organization", "Person") or not author.get("name"):
        missing.append("author (the publisher) has no name")
    rating = review.get("reviewRating") or {}
    for key in ("ratingValue", "bestRating", "worstRating", "alternateName"):
        if rating.get(key) in (None, ""):
            missing.append(f"reviewRating.{key} is missing")
    item = review.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        missing.append("itemReviewed is not a Claim")
    appears = item.get("appearance") or item.get("firstAppearance")
    if not appears or not (appears.get("url") or appears.get("headline")):
        missing.append("itemReviewed.appearance says nowhere the claim was made")
    return missing
