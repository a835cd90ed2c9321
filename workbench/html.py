"""HTML -> (title, text): the main text of a page, paragraphs separated by blank lines.

trafilatura (the ``web`` extra) finds the article body in a full web page;
without it, or when it finds nothing, selectolax takes the text of the block
elements, leaving out scripts, styles and navigation.
"""

from __future__ import annotations

BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dt, dd, figcaption"
DROP = "script, style, noscript, nav, header, footer, aside, form, template, svg, iframe"


def html_to_text(html: str) -> tuple[str | None, str]:
    """The page's title (if any) and its main text."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = " ".join(title_node.text().split()) if title_node is not None else None
    text = _with_trafilatura(html) or _with_selectolax(tree)
    return title or None, text


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
