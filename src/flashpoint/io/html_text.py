"""Main text, title, publication date and declared language of a news page, by trafilatura.

trafilatura is the maintained extractor built for news crawling: it drops menus,
sidebars, comments and boilerplate and finds the date in the page's metadata. It runs
without its fallback extractors (``fast``) and favouring precision: otherwise menu items
come back on pages with no story (a navigation-only page gave "Home"), which must count
as empty instead. A bare fragment (no <html> or <body>) is wrapped in a body first, since
trafilatura finds no tree in it.
Each paragraph, heading or list item of the story becomes one block; blocks are joined
by blank lines, and a line break inside a paragraph is a space.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"\s+")
# Tags of trafilatura's output tree that hold one block of the story each.
_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code"})
_DOCUMENT_START = re.compile(r"<(html|body)\b", re.IGNORECASE)
# trafilatura logs an ERROR for every page without a story; the reader reports those
# itself, once, as skipped input, so its own lines are not shown to users.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str | None
    date: str | None
    language: str | None = None
    canonical_url: str | None = None


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # No per-page alarm signal: pages are parsed in worker threads too, where signals fail.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    # Short wire items are stories too: keep any text found rather than demanding 250 chars.
    for key in ("MIN_OUTPUT_SIZE", "MIN_EXTRACTED_SIZE"):
        config.set("DEFAULT", key, "1")
    return config


def _blocks(body: Any, title: str | None) -> list[str]:
    """The story's blocks, less a leading headline that repeats the page title: the
    title is kept apart, and coding it again as the first sentence of the text would
    count the story's main event twice."""
    out: list[str] = []
    for node in body.iter():
        if node.tag in _BLOCK_TAGS and not any(a.tag in _BLOCK_TAGS for a in node.iterancestors()):
            text = _SPACES.sub(" ", " ".join(node.itertext())).strip()
            if not text:
                continue
            if not out and node.tag == "head" and title and text.casefold() == title.casefold():
                continue
            out.append(text)
    return out


def extract_html(markup: str, url: str | None = None) -> HtmlText:
    """The readable story of ``markup``; ``text`` is empty when nothing readable is left.

    ``url`` is where the page came from (it helps trafilatura read the site's metadata).
    """
    import trafilatura
    from trafilatura.settings import Document

    if not markup.strip():
        return HtmlText("", None, None)
    if not _DOCUMENT_START.search(markup[:4096]):
        markup = f"<html><body>{markup}</body></html>"
    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            config=_config(),
            fast=True,
            favor_precision=True,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError):
        doc = None  # markup lxml cannot build a tree from holds no story either
    # a dict comes back only with as_dict=True, which is not asked for: the check narrows the type
    if not isinstance(doc, Document):
        return HtmlText("", None, None)
    body = getattr(doc, "body", None)
    title = _SPACES.sub(" ", doc.title).strip() if doc.title else None
    blocks = _blocks(body, title) if body is not None else [doc.text or ""]
    return HtmlText(
        text="\n\n".join(b for b in blocks if b),
        title=title or None,
        date=doc.date or None,
        language=doc.language or _declared_language(markup),
        canonical_url=doc.url if doc.url and doc.url != url else None,
    )


_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _declared_language(markup: str) -> str | None:
    """The page's own ``<html lang>``, lower-case primary subtag (``en`` of ``en-GB``)."""
    found = _LANG_ATTR.search(markup[:4096])
    return found[1].lower() if found else None
