"""Main text, title and publication date of an HTML page, with the standard library only.

Menus, scripts, forms and page furniture are dropped; paragraphs, headings and list
items are kept, one block per element, joined by blank lines. When the page marks
its story with <article> or <main>, only the blocks inside it are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DROPPED = frozenset({"script", "style", "nav", "header", "footer", "aside", "form",
                      "noscript", "template", "svg", "iframe", "button", "select"})
# Elements that end the current block of text.
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                     "dd", "dt", "td", "th", "figcaption", "caption", "div", "section",
                     "article", "main", "body", "ul", "ol", "table", "tr", "hr"})
_STORY = frozenset({"article", "main"})
# Elements that never get a closing tag, so they must not change the nesting depth.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate",
              "publish-date", "dc.date", "og:published_time")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str | None
    date: str | None


class _MainTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.title_parts: list[str] = []
        self.date: str | None = None
        self._current: list[str] = []
        self._dropped_depth = 0
        self._story_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._read_meta(dict(attrs))
            return
        if tag == "time" and self.date is None:
            self.date = dict(attrs).get("datetime") or None
        if tag == "title":
            self._in_title = True
        if tag == "br":
            self._current.append(" ")
        if tag in _DROPPED:
            self._dropped_depth += 1
        if tag in _BLOCKS:
            self._end_block()
        if tag in _STORY:
            self._story_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._read_meta(dict(attrs))
        elif tag == "br":
            self._current.append(" ")
        elif tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "title":
            self._in_title = False
        if tag in _BLOCKS:
            self._end_block()
        if tag in _DROPPED and self._dropped_depth:
            self._dropped_depth -= 1
        if tag in _STORY and self._story_depth:
            self._story_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._dropped_depth:
            self._current.append(data)

    def _read_meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
        if key.lower() in _DATE_META and attrs.get("content") and self.date is None:
            self.date = attrs["content"]

    def _end_block(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        self._current = []
        if text:
            self.blocks.append((text, self._story_depth > 0))

    def close(self) -> None:
        super().close()
        self._end_block()


def extract_html(markup: str) -> HtmlText:
    """The readable story of ``markup``; ``text`` is empty when nothing readable is left."""
    parser = _MainTextParser()
    parser.feed(markup)
    parser.close()
    in_story = [text for text, story in parser.blocks if story]
    blocks = in_story or [text for text, _ in parser.blocks]
    title = _SPACES.sub(" ", "".join(parser.title_parts)).strip() or None
    return HtmlText(text="\n\n".join(blocks), title=title, date=parser.date)
