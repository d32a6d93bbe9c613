"""Fenced code blocks highlighted by Pygments with CSS classes.

The info string may carry what Docusaurus reads there: ``title="src/hello.js"`` (shown as a
caption), ``{1,3-5}`` (marked lines), ``showLineNumbers``; and the code may mark lines with
``// highlight-next-line``, ``highlight-start`` and ``highlight-end`` comments (removed).
"""

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
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

CSS_CLASS = "highlight"
_FORMATTER = HtmlFormatter(nowrap=True)
_UNSAFE_LANGUAGE = re.compile(r"[^\w+#.-]")
_TITLE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")
_RANGES = re.compile(r"\{([^{}=]*)\}")
_LINE_NUMBERS = re.compile(r"\bshowLineNumbers\b")
_MAGIC = re.compile(
    r"^\s*(?://|#|--|;|/\*|<!--|\{/\*)\s*highlight-(next-line|start|end)\s*(?:\*/\}?|-->)?\s*$"
)
_MAX_MARKED = 10_000


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    try:
        return get_lexer_by_name(language)
    except (ClassNotFound, ValueError):
        return None


def _language(info: str) -> str:
    words = info.split(maxsplit=1)
    return _UNSAFE_LANGUAGE.sub("", words[0]).lower()[:40] if words else ""


def _marked_lines(spec: str) -> set[int]:
    """``1,3-5`` as {1, 3, 4, 5}; nonsense and absurd ranges are ignored."""
    marked: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first.isdigit() and (not last or last.isdigit()):
            low, high = int(first), int(last or first)
            if 0 < low <= high and high - low < _MAX_MARKED:
                marked.update(range(low, high + 1))
    return marked


def _without_magic_comments(code: str) -> tuple[str, set[int]]:
    """The code without highlight comments, and the (1-based) lines they marked."""
    kept: list[str] = []
    marked: set[int] = set()
    next_line = in_range = False
    for line in code.split("\n"):
        magic = _MAGIC.match(line)
        if magic:
            kind = magic[1]
            next_line = next_line or kind == "next-line"
            in_range = kind == "start" or (in_range and kind != "end")
            continue
        kept.append(line)
        if next_line or in_range:
            marked.add(len(kept))
            next_line = False
    return "\n".join(kept), marked


def _lines(code: str, marked: set[int]) -> str:
    """Highlighted code with each line in a span, marked ones with ``hll`` (Pygments' class)."""
    lines = code.split("\n")
    trailing = lines.pop() if lines and not lines[-1] else None
    spans = [
        f'<span class="line{" hll" if n in marked else ""}">{line}\n</span>'
        for n, line in enumerate(lines, start=1)
    ]
    return "".join(spans) + (trailing or "")


def render_fence(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it render rule: highlighted code when the language is known, else escaped;
    with a caption, marked lines and line numbers when the info string asks for them."""
    token = tokens[idx]
    info = token.info
    language = _language(info)
    lexer = _lexer(language) if language else None
    code_class = f' class="language-{language}"' if language else ""
    content, marked = _without_magic_comments(token.content)
    ranges = _RANGES.search(info.partition(" ")[2] if language else info)
    marked |= _marked_lines(ranges[1]) if ranges else set()
    numbered = bool(_LINE_NUMBERS.search(info))
    title = _TITLE.search(info)
    if lexer is None and not (marked or numbered):
        html = f"<pre><code{code_class}>{escapeHtml(content)}</code></pre>"
    else:
        code = highlight(content, lexer or TextLexer(), _FORMATTER)
        if marked or numbered:
            code = _lines(code, marked)
        pre_class = ' class="line-numbers"' if numbered else ""
        html = (
            f'<div class="{CSS_CLASS}"><pre{pre_class}><code{code_class}>{code}</code></pre></div>'
        )
    if title and (caption := title[1] if title[1] is not None else title[2]):
        caption_html = f"<figcaption>{escapeHtml(caption)}</figcaption>"
        html = f'<figure class="code-block">{caption_html}{html}</figure>'
    return html + "\n"


def pygments_css(style: str = "default", scope: str = "") -> str:
    """The stylesheet for highlighted code, scoped to ``.highlight``.

    Under a ``scope`` (a selector such as ``:root[data-theme="dark"]``) only the colour rules
    are given, each for ``scope .highlight``: Pygments' rules for ``pre`` and line-number
    tables name no class, so they would apply everywhere, and they come with the default.
    """
    formatter = HtmlFormatter(style=style)
    if not scope:
        return formatter.get_style_defs(f".{CSS_CLASS}")
    selector = f"{scope} .{CSS_CLASS}"
    rules = [
        *formatter.get_background_style_defs(selector),
        *formatter.get_token_style_defs(selector),
    ]
    return "\n".join(rules)
