"""Fenced code blocks highlighted by Pygments with CSS classes."""

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

CSS_CLASS = "highlight"
_FORMATTER = HtmlFormatter(nowrap=True)
_UNSAFE_LANGUAGE = re.compile(r"[^\w+#.-]")


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    try:
        return get_lexer_by_name(language)
    except (ClassNotFound, ValueError):
        return None


def _language(info: str) -> str:
    words = info.split(maxsplit=1)
    return _UNSAFE_LANGUAGE.sub("", words[0]).lower()[:40] if words else ""


def render_fence(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it render rule: highlighted code when the language is known, else escaped."""
    token = tokens[idx]
    language = _language(token.info)
    lexer = _lexer(language) if language else None
    code_class = f' class="language-{language}"' if language else ""
    if lexer is None:
        return f"<pre><code{code_class}>{escapeHtml(token.content)}</code></pre>\n"
    code = highlight(token.content, lexer, _FORMATTER)
    return f'<div class="{CSS_CLASS}"><pre><code{code_class}>{code}</code></pre></div>\n'


def pygments_css(style: str = "default") -> str:
    """The stylesheet for highlighted code, scoped to ``.highlight``."""
    return HtmlFormatter(style=style).get_style_defs(f".{CSS_CLASS}")
