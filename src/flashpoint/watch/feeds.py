"""The article links a feed lists: RSS 2.0 and Atom through feedparser, news sitemaps
(sitemaps.org with Google's news extension) through lxml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import FlashpointError
from .urls import resolve

_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)\b")
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedError(FlashpointError):
    """A feed whose body is not a feed that can be read."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    date: str | None = None
    language: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class FeedContent:
    kind: str  # rss, atom or sitemap
    title: str | None
    language: str | None
    items: tuple[FeedItem, ...]


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> FeedContent:
    """The items of a feed body fetched from ``url``; FeedError when none can be read."""
    head = body[:2048].lstrip()
    if _SITEMAP_ROOT.search(head):
        return _parse_sitemap(body, url)
    return _parse_syndication(body, url, content_type)


def _short_language(value: str | None) -> str | None:
    return value.strip().lower().split("-")[0].split("_")[0] or None if value else None


def _parse_syndication(body: bytes, url: str, content_type: str | None) -> FeedContent:
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    version = parsed.get("version") or ""
    feed = parsed.feed
    language = _short_language(feed.get("language"))
    items = []
    for entry in parsed.entries:
        link = resolve(url, entry.get("link"))
        if link is None:
            continue
        source = entry.get("source", {}).get("title") if entry.get("source") else None
        date = _entry_date(entry)
        items.append(
            FeedItem(
                link, entry.get("title"), date, _short_language(entry.get("language")) or language, source
            )
        )
    if parsed.bozo and not items:
        # feedparser reads what it can of broken XML; a feed with no usable link is lost.
        reason = parsed.get("bozo_exception")
        raise FeedError(f"malformed feed XML: {str(reason).strip() or type(reason).__name__}")
    if not version and not items:
        raise FeedError("not an RSS or Atom feed, nor a news sitemap")
    kind = "atom" if version.startswith("atom") else "rss"
    return FeedContent(kind, feed.get("title"), language, tuple(items))


def _entry_date(entry: dict[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def _parse_sitemap(body: bytes, url: str) -> FeedContent:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed sitemap XML: {exc}") from None
    if etree.QName(root).localname == "sitemapindex":
        raise FeedError("a sitemap index, not a sitemap: list its news sitemaps as feeds instead")
    items = []
    for node in root.iter(f"{_SM}url"):
        link = resolve(url, node.findtext(f"{_SM}loc"))
        if link is None:
            continue
        news = node.find(f"{_NEWS}news")
        title = date = language = source = None
        if news is not None:
            title = news.findtext(f"{_NEWS}title")
            date = (news.findtext(f"{_NEWS}publication_date") or "")[:10] or None
            language = _short_language(news.findtext(f"{_NEWS}publication/{_NEWS}language"))
            source = news.findtext(f"{_NEWS}publication/{_NEWS}name")
        date = date or (node.findtext(f"{_SM}lastmod") or "")[:10] or None
        items.append(FeedItem(link, title, date, language, source))
    return FeedContent("sitemap", None, None, tuple(items))
