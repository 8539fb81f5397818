"""Main text, title and date of an HTML page, with trafilatura and no network access."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import trafilatura

# Only the page's own metadata: a date guessed from the body text would anchor
# every relative date ("on Friday") to the wrong week.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class Page:
    """What was extracted from one HTML page."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None


def extract_page(html: str) -> Page:
    """Extract the main text and metadata of ``html``; ``text`` is empty when nothing was found.

    The page is never fetched from or resolved against the network: only the string is parsed.
    """
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None:
        return Page(text=_plain_text(html))
    title = _clean(getattr(result, "title", None))
    text = (getattr(result, "text", None) or "").strip() or _plain_text(html)
    text = _drop_title_line(text, title)
    return Page(
        text=text,
        title=title,
        date=_metadata_date(getattr(result, "date", None)),
        url=_clean(getattr(result, "url", None)),
        source=_clean(getattr(result, "sitename", None)),
    )


_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article")


def _plain_text(html: str | bytes) -> str:
    """All visible text, one block per line: for fragments and pages too small for trafilatura."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//head"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title is kept apart, not twice."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if first.strip() == title else text


def _metadata_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
