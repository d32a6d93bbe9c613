"""Docusaurus admonitions (``:::warning Title``) as labelled ``<aside>`` elements."""

import re
from collections.abc import Sequence

from django.utils.translation import gettext, gettext_noop
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.container import container_plugin

from posts.rendering.tokens import plain_text

LABELS = {
    "note": gettext_noop("Note"),
    "tip": gettext_noop("Tip"),
    "info": gettext_noop("Info"),
    "warning": gettext_noop("Warning"),
    "danger": gettext_noop("Danger"),
    "caution": gettext_noop("Caution"),
    "important": gettext_noop("Important"),
}
ALIASES = {"secondary": "note", "success": "tip"}

_NAME = "admonition"
_OPEN = f"container_{_NAME}_open"
_PARAMS = re.compile(r"\s*([A-Za-z]+)(?:\[(.*)\]|\s+(.*))?\s*$", re.DOTALL)


def parse_params(params: str) -> tuple[str, str] | None:
    """The admonition kind and title from the text after ``:::``, or None if unknown."""
    match = _PARAMS.match(params)
    if not match:
        return None
    name = match[1].lower()
    kind = ALIASES.get(name, name)
    if kind not in LABELS:
        return None
    return kind, (match[2] or match[3] or "").strip()


def _validate(params: str, markup: str) -> bool:
    return parse_params(params) is not None


def _insert_titles(state: StateCore) -> None:
    tokens: list[Token] = []
    for token in state.tokens:
        tokens.append(token)
        if token.type != _OPEN:
            continue
        kind, title = parse_params(token.info) or ("note", "")
        token.meta = {"kind": kind}
        token.tag = "aside"
        level = token.level + 1
        title_open = Token("admonition_title_open", "p", 1, level=level, block=True)
        inline = Token("inline", "", 0, map=token.map, level=level + 1, children=[], content=title)
        title_close = Token("admonition_title_close", "p", -1, level=level, block=True)
        tokens.extend((title_open, inline, title_close))
    state.tokens = tokens


def _label(kind: str) -> str:
    return gettext(LABELS[kind])


def _render_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</aside>\n"
    kind = token.meta.get("kind", "note")
    title = plain_text(tokens[idx + 2].children) if idx + 2 < len(tokens) else ""
    name = f"{_label(kind)}: {title}" if title else _label(kind)
    return (
        f'<aside class="admonition admonition-{kind}" role="note" '
        f'aria-label="{escapeHtml(name)}">\n'
    )


def _render_title_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    kind = tokens[idx - 1].meta.get("kind", "note")
    has_title = bool(tokens[idx + 1].content)
    colon = ": " if has_title else ""
    label = escapeHtml(_label(kind))
    return f'<p class="admonition-title"><span class="admonition-label">{label}</span>{colon}'


def _render_title_close(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</p>\n"


def admonition_plugin(md: MarkdownIt) -> None:
    """Registers ``:::kind`` containers for the known kinds; unknown kinds stay text."""
    container_plugin(md, _NAME, validate=_validate, render=_render_open)
    md.core.ruler.before("inline", "admonition_titles", _insert_titles)
    md.add_render_rule("admonition_title_open", _render_title_open)
    md.add_render_rule("admonition_title_close", _render_title_close)
