"""Recognising the cited source in a footnote: ``**Publisher** - [Title](url)`` and variants."""

import re
from collections.abc import Sequence

from markdown_it.token import Token

from posts.rendering.locators import find_locator
from posts.rendering.results import CitedSource
from posts.rendering.tokens import plain_text

_PLAIN_PUBLISHER = re.compile(
    r"\s*(?P<publisher>[^\[\]()*_`:\u2013\u2014]{1,80}?)(?:\s+-|\s*[:\u2013\u2014])(?:\s+|$)(?P<rest>.*)",
    re.DOTALL,
)
_LEADING_SEPARATOR = re.compile(r"\s*[-:\u2013\u2014](?:\s+|$)")
_TRAILING_SEPARATOR = (":", "-", "\u2013", "\u2014")
_EMPHASIS = {"strong_open": "strong_close", "em_open": "em_close"}
_TRIM = " \t\n.,;:"
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


def _clean(value: str) -> str:
    value = value.strip(_TRIM)
    if len(value) > 1 and value[0] in _QUOTES and value[-1] in _QUOTES:
        value = value[1:-1].strip(_TRIM)
    return value


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _split_publisher(items: list[Token]) -> tuple[str, list[Token]] | None:
    first = items[0]
    closer = _EMPHASIS.get(first.type)
    if closer:
        end = next((i for i, item in enumerate(items) if item.type == closer), None)
        if end is None:
            return None
        publisher = plain_text(items[1:end])
        rest = items[end + 1 :]
        if publisher.endswith(_TRAILING_SEPARATOR):
            return publisher[:-1], rest
        if not rest or rest[0].type != "text":
            return None
        match = _LEADING_SEPARATOR.match(rest[0].content)
        if not match:
            return None
        return publisher, [_text(rest[0].content[match.end() :]), *rest[1:]]
    if first.type != "text":
        return None
    match = _PLAIN_PUBLISHER.fullmatch(first.content)
    if not match:
        return None
    return match["publisher"], [_text(match["rest"]), *items[1:]]


def _split_title(rest: list[Token]) -> tuple[str, str]:
    items = [item for item in rest if item.type != "text" or item.content.strip()]
    links = [i for i, item in enumerate(items) if item.type == "link_open"]
    url = str(items[links[0]].attrGet("href") or "") if links else ""
    if links and links[0] == 0:
        end = next((i for i, item in enumerate(items) if item.type == "link_close"), len(items))
        return plain_text(items[1:end]), url
    return plain_text(items), url


def parse_source(children: Sequence[Token] | None) -> CitedSource | None:
    """The source a note's first paragraph names, or None when it follows no known pattern."""
    items = [item for item in children or () if item.type != "text" or item.content]
    if not items:
        return None
    split = _split_publisher(items)
    if split is None:
        return None
    publisher, rest = split
    title, url = _split_title(rest)
    publisher, title = _clean(publisher), _clean(title)
    if not publisher or not title:
        return None
    return CitedSource(publisher=publisher, title=title, url=url)


def parse_locator(children: Sequence[Token] | None) -> tuple[str, str]:
    """The locator after a note's linked title (``[Titel](url), p. 12``): its CSL label and
    value, or two empty strings. Words inside the title never count (``[Artikel 5](...)``)."""
    items = list(children or ())
    ends = [i for i, item in enumerate(items) if item.type == "link_close"]
    if not ends:
        return "", ""
    rest = plain_text(items[ends[0] + 1 :])
    if not rest.strip() or rest.lstrip()[0] not in ",;:(-\u2013":
        return "", ""
    label, value, _written = find_locator(rest)
    return label, value
