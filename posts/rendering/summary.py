"""The ``<!--truncate-->`` marker: splitting the summary off the body."""

import re

from markdown_it.token import Token

_MARKER = re.compile(r"\s*(?:<!--\s*truncate\s*-->|\{/\*\s*truncate\s*\*/\})\s*")
_INLINE_MDX_MARKER = re.compile(r"\{/\*\s*truncate\s*\*/\}")


def _marker_length(tokens: list[Token], index: int) -> int:
    token = tokens[index]
    if token.type == "html_block" and _MARKER.fullmatch(token.content):
        return 1
    if (
        token.type == "paragraph_open"
        and index + 2 < len(tokens)
        and _MARKER.fullmatch(tokens[index + 1].content)
    ):
        return 3
    return 0


def _strip_inline_markers(token: Token) -> None:
    for child in token.children or ():
        if child.type == "text" and "truncate" in child.content:
            child.content = _INLINE_MDX_MARKER.sub("", child.content)


def _first_paragraph(tokens: list[Token]) -> list[Token]:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            return tokens[index : index + 3]
    return []


def split_summary(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The body without truncate markers, and the summary's tokens.

    The summary is everything before the first top-level marker; without one (or with
    nothing before it) it is the first top-level paragraph.
    """
    body: list[Token] = []
    split: int | None = None
    index = 0
    while index < len(tokens):
        length = _marker_length(tokens, index)
        if length:
            if split is None and tokens[index].level == 0:
                split = len(body)
            index += length
            continue
        token = tokens[index]
        if token.type == "inline":
            _strip_inline_markers(token)
        body.append(token)
        index += 1
    summary = body[:split] if split else []
    return body, summary or _first_paragraph(body)
