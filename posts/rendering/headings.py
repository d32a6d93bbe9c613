"""Heading anchor ids, the heading list and the table of contents."""

import re
from collections.abc import Iterable

from django.utils.text import slugify
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from posts.rendering.results import Heading
from posts.rendering.tokens import plain_text

NOTES_HEADING_ID = "footnotes-heading"
_RESERVED_PREFIXES = ("fn-", "fnref-", "cite-")  # notes and author-date citations
_MAX_SLUG = 80
# Docusaurus' defaults for toc_min_heading_level and toc_max_heading_level.
DEFAULT_TOC_LEVELS = (2, 3)
# Docusaurus' explicit heading id: ``## Custom heading {#my-anchor}``.
_CUSTOM_ID = re.compile(r"\s*\{#([A-Za-z][\w.:-]{0,79})\}\s*$")


def heading_slug(text: str) -> str:
    """A readable ASCII anchor for a heading: ``Risico's en Één`` becomes ``risicos-en-een``."""
    value = slugify(text.replace("'", "").replace("\u2019", ""))
    if len(value) > _MAX_SLUG:
        value = value[:_MAX_SLUG].rsplit("-", 1)[0]
    value = value.strip("-_") or "section"
    if value.startswith(_RESERVED_PREFIXES) or value == NOTES_HEADING_ID:
        value = f"section-{value}"
    return value


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def number_headings(tokens: list[Token]) -> list[Heading]:
    """Demotes ``h1`` to ``h2``, gives every heading a unique id and returns them in order."""
    used = {NOTES_HEADING_ID}
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        if token.tag == "h1":
            token.tag = "h2"
            if index + 2 < len(tokens) and tokens[index + 2].type == "heading_close":
                tokens[index + 2].tag = "h2"
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        custom = _take_custom_id(inline)
        text = plain_text(inline.children) if inline is not None else ""
        anchor = _unique(_allowed(custom) if custom else heading_slug(text), used)
        token.attrSet("id", anchor)
        headings.append(Heading(level=int(token.tag[1:]), id=anchor, text=text))
    return headings


def _take_custom_id(inline: Token | None) -> str | None:
    """Removes a trailing ``{#id}`` from the heading's text and returns the id."""
    children = inline.children if inline is not None else None
    if not children or children[-1].type != "text":
        return None
    match = _CUSTOM_ID.search(children[-1].content)
    if match is None:
        return None
    children[-1].content = children[-1].content[: match.start()]
    inline.content = _CUSTOM_ID.sub("", inline.content)
    return match[1]


def _allowed(anchor: str) -> str:
    """An explicit id, kept unless it would take the notes' own ids."""
    if anchor.startswith(_RESERVED_PREFIXES) or anchor == NOTES_HEADING_ID:
        return f"section-{anchor}"
    return anchor


def toc_html(headings: Iterable[Heading], levels: tuple[int, int] = DEFAULT_TOC_LEVELS) -> str:
    """Nested ``<ol>`` lists of links to the headings from ``levels[0]`` to ``levels[1]``
    (h2 and h3 unless the post says otherwise); empty for fewer than two."""
    low, high = levels
    entries = [heading for heading in headings if low <= heading.level <= high]
    if len(entries) < 2:
        return ""
    parts: list[str] = []
    depths: list[int] = []  # the heading level of each open list
    for heading in entries:
        if depths and heading.level > depths[-1]:
            parts.append("<ol>")
            depths.append(heading.level)
        else:
            while len(depths) > 1 and heading.level < depths[-1]:
                parts.append("</li></ol>")
                depths.pop()
            if depths:
                parts.append("</li>")
            else:
                parts.append("<ol>")
                depths.append(heading.level)
        parts.append(f'<li><a href="#{escapeHtml(heading.id)}">{escapeHtml(heading.text)}</a>')
    parts.append("</li></ol>" * len(depths))
    return "".join(parts)
