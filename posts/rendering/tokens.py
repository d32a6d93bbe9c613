"""Small helpers over markdown-it token streams."""

from collections.abc import Iterable, Iterator

from markdown_it.token import Token

_TEXT_TYPES = frozenset({"text", "text_special", "code_inline"})
_BREAK_TYPES = frozenset({"softbreak", "hardbreak"})
_CONTAINER_PAIRS = {
    "list_item_close": "list_item_open",
    "bullet_list_close": "bullet_list_open",
    "ordered_list_close": "ordered_list_open",
}


def plain_text(children: Iterable[Token] | None) -> str:
    """The visible text of inline children, without markup or footnote references."""
    parts: list[str] = []
    for child in children or ():
        if child.type in _TEXT_TYPES:
            parts.append(child.content)
        elif child.type in _BREAK_TYPES:
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child.children))
    return " ".join("".join(parts).split())


def inline_children_with_lines(token: Token) -> Iterator[tuple[Token, int]]:
    """Each child of an inline token with the 1-based input line it stands on."""
    line = (token.map[0] if token.map else 0) + 1
    for child in token.children or ():
        if child.type in _BREAK_TYPES:
            line += 1
        yield child, line


def drop_empty_lists(tokens: list[Token]) -> list[Token]:
    """The stream without list items that hold nothing and lists that hold no items."""
    kept: list[Token] = []
    for token in tokens:
        opener = _CONTAINER_PAIRS.get(token.type)
        if opener and kept and kept[-1].type == opener:
            kept.pop()
            continue
        kept.append(token)
    return kept


_CONTAINERS = frozenset({"blockquote_open", "list_item_open", "footnote_reference_open"})


def too_deep(tokens: Iterable[Token], limit: int) -> int | None:
    """The 1-based line of the first container (quote, list item, admonition, note) that
    opens at ``limit`` levels, where the parser stops reading: it drops what follows."""
    for token in tokens:
        container = token.type in _CONTAINERS or token.type.startswith("container_")
        if container and token.nesting == 1 and token.level >= limit - 1:
            return (token.map[0] + 1) if token.map else 1
    return None
