"""HTML -> the main text of a page, paragraphs separated by blank lines, and its metadata.

trafilatura (the ``web`` extra) finds the article body in a full web page;
without it, or when it finds nothing, selectolax takes the text of the block
elements, leaving out scripts, styles and navigation.  The metadata (the
publication date, authors, outlet, canonical URL, a title without the
outlet's suffix) comes from the page's JSON-LD (NewsArticle and its kin) and
its meta tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dt, dd, figcaption"
DROP = "script, style, noscript, nav, header, footer, aside, form, template, svg, iframe"


@dataclass(frozen=True)
class Page:
    """What a web page says about itself, beside its text."""

    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None


ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                 "OpinionNewsArticle", "BlogPosting", "WebPage", "Report"}  # fmt: skip


def html_to_text(html: str) -> tuple[Page, str]:
    """The page's metadata and its main text."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    page = _with_trafilatura_metadata(html, metadata(tree))
    text = _with_trafilatura(html) or _with_selectolax(tree)
    return page, text


def _with_trafilatura_metadata(html: str, page: Page) -> Page:
    """Fill what the page's own metadata left out from trafilatura's reading, if installed.

    Its date search is the careful one (``extensive=False``): no guessing
    from every date-like string of the page.
    """
    if page.published and page.authors and page.outlet and page.url:
        return page
    try:
        from trafilatura import extract_metadata
    except ImportError:
        return page
    try:
        found = extract_metadata(html, extensive=False)
    except Exception:  # a page it cannot read: its own metadata stands
        return page
    if found is None:
        return page
    authors = page.authors or tuple(_split(found.author or ""))
    return Page(
        page.title or clean_title(found.title, found.sitename),
        page.published or _date(found.date),
        authors,
        page.outlet or (" ".join(found.sitename.split()) if found.sitename else None),
        page.url or found.url or None,
    )


def metadata(tree: Any) -> Page:
    """Title, publication date, authors, outlet and canonical URL: JSON-LD first, then meta tags."""
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content") and key not in meta:
            meta[key] = " ".join(str(attrs["content"]).split())
    found = _json_ld(tree)
    title_node = tree.css_first("title") or tree.css_first("h1")
    page_title = " ".join(title_node.text().split()) if title_node is not None else ""
    outlet = (
        _name(found.get("publisher")) or meta.get("og:site_name") or meta.get("application-name")
    )
    title = _text(found.get("headline")) or meta.get("og:title") or page_title or None
    published = _date(
        _text(found.get("datePublished")) or meta.get("article:published_time")
        or meta.get("datepublished") or meta.get("date") or meta.get("dc.date")
        or meta.get("pubdate")
    )  # fmt: skip
    authors = tuple(
        dict.fromkeys(
            a for a in (_names(found.get("author")) or _split(meta.get("author", ""))) if a
        )
    )
    canonical = tree.css_first('link[rel="canonical"]')
    url = (
        (canonical.attributes.get("href") if canonical is not None else None)
        or _text(found.get("url")) or meta.get("og:url")
    )  # fmt: skip
    return Page(clean_title(title, outlet), published, authors, outlet or None, url or None)


def clean_title(title: str | None, outlet: str | None) -> str | None:
    """A headline without the outlet's name tacked on: "Troops leave Syria - BBC News"."""
    if not title:
        return None
    parts = re.split(r"\s+[|\-–—:·]\s+", title)
    if len(parts) > 1:
        last = parts[-1].strip().casefold().removeprefix("the ")
        if (outlet and last == outlet.casefold().removeprefix("the ")) or (
            len(parts[-1]) <= 30 and len(" ".join(parts[:-1])) >= 8 and not outlet
            and re.search(r"(?i)\b(news|times|post|journal|herald|guardian|tribune|daily|"
                          r"reuters|press|online|magazine|\.com)\b", parts[-1])
        ):  # fmt: skip
            return " - ".join(parts[:-1]).strip() or title
    return title


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's article object from its JSON-LD, if it has one."""
    from workbench import jsonfile
    from workbench.errors import InputError

    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = jsonfile.load(node.text(), "JSON-LD")
        except InputError:
            continue
        for item in _items(data):
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & ARTICLE_TYPES:
                return item
    return {}


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [i for d in data for i in _items(d)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_items(graph) if isinstance(graph, list) else [])]
    return []


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name(value: Any) -> str:
    if isinstance(value, list):
        return next((n for n in map(_name, value) if n), "")
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    name = _name(value)
    return [name] if name else []


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|;|\band\b)\s*", value) if p.strip()]


def _date(value: str | None) -> str | None:
    """An ISO 8601 date or date and time, as given; None for anything else."""
    if not value:
        return None
    value = value.strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _with_trafilatura(html: str) -> str | None:
    try:
        import trafilatura
    except ImportError:
        return None
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False
    )
    if not text or not text.strip():
        return None
    # trafilatura puts one paragraph a line: make them blank-line paragraphs.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _with_selectolax(tree: object) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    assert isinstance(tree, HTMLParser)
    for node in tree.css(DROP):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        return ""
    paragraphs = []
    for node in body.css(BLOCKS):
        if any(inner.mem_id != node.mem_id for inner in node.css(BLOCKS)):
            continue  # an outer block (its matches include itself): inner blocks give the text
        text = " ".join(node.text(deep=True).split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        paragraphs = [" ".join(body.text(deep=True).split())]
    return "\n\n".join(paragraphs)
