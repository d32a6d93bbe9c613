"""The configured markdown-it parser shared by every render."""

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from posts.rendering.admonitions import admonition_plugin
from posts.rendering.authordate import (
    CLOSE,
    OPEN,
    render_author_date_close,
    render_author_date_open,
)
from posts.rendering.highlight import render_fence
from posts.rendering.images import render_image
from posts.rendering.notes import DETACHED_KEY, render_footnote_ref

_EXTERNAL = ("http://", "https://", "//")
# How deep lists, quotes and admonitions may nest. markdown-it's own 20 (it guards the stack)
# is reached by ten nested lists, and drops everything after them; the parser recurses
# little per level, so 100 still leaves most of the stack to the callers.
MAX_NESTING = 100


def _render_link_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if str(token.attrGet("href") or "").lower().startswith(_EXTERNAL):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)  # type: ignore[attr-defined]


def _render_heading_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if env.get(DETACHED_KEY):
        return f"<{tokens[idx].tag}>"
    return self.renderToken(tokens, idx, options, env)  # type: ignore[attr-defined]


def _render_table_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A wide table scrolls inside its own box, keeping its table semantics."""
    return '<div class="table-scroll">' + self.renderToken(tokens, idx, options, env)  # type: ignore[attr-defined]


def _render_table_close(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"  # type: ignore[attr-defined]


# Raw HTML elements whose content a browser (and the sanitiser, which parses like one) reads
# up to their end tag: left open in a piece of raw HTML, they would swallow the rest of the
# article. None is allowed in an article; each piece of raw HTML gets the end tags it lacks,
# so the sanitiser removes the element and keeps what follows.
_SWALLOWING = re.compile(
    r"<\s*(/?)\s*(script|style|svg|math|textarea|title|xmp|noscript|iframe|noembed|noframes|"
    r"plaintext|template|object|select)\b[^>]*>",
    re.I,
)


def close_swallowing_tags(html: str) -> str:
    """``html`` with end tags added for the swallowing elements it leaves open."""
    still_open: list[str] = []
    for tag in _SWALLOWING.finditer(html):
        name = tag[2].lower()
        if not tag[1]:
            still_open.append(name)
        elif name in still_open:
            while still_open.pop() != name:
                pass
    return html + "".join(f"</{name}>" for name in reversed(still_open))


def _render_raw_html(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return close_swallowing_tags(tokens[idx].content)


def build_parser() -> MarkdownIt:
    """CommonMark with raw HTML, GFM tables, strikethrough and autolinks, notes and admonitions."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(gfm_autolink_plugin)
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.use(admonition_plugin)
    md.add_render_rule("fence", render_fence)
    md.add_render_rule("footnote_ref", render_footnote_ref)
    md.add_render_rule(OPEN, render_author_date_open)
    md.add_render_rule(CLOSE, render_author_date_close)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    md.add_render_rule("image", render_image)
    md.add_render_rule("html_inline", _render_raw_html)
    md.add_render_rule("html_block", _render_raw_html)
    return md


MARKDOWN = build_parser()
