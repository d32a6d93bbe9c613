"""What MDX adds to Markdown and a visitor must never see: ``import``/``export`` statements,
``{/* comments */}``, ````mdx-code-block`` fences (whose content is plain Markdown), JSX
components (their tags dropped, their content kept) and, in ``.mdx`` files, ``{expressions}``.

Each removed line becomes an empty line, so every later line keeps its number in the file and
the problems the pipeline reports still point at the right line.
"""

import re
from dataclasses import dataclass
from html import escape

from blog_project.importing.fences import FENCE, closes

_IMPORT = re.compile(r"""^import\s+(?:[\w*{}\s,$]+\s+from\s+)?['"][^'"]+['"];?\s*$""")
_EXPORT = re.compile(r"^export\s+(?:const|let|var|function|default|async|class)\b")
_COMPONENT = re.compile(r"^\s*<(/?)([A-Z][\w.]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>\s*$")
_ATTRIBUTE = re.compile(r"""\b(label|value)=(?:"([^"]*)"|'([^']*)'|\{["']([^"']*)["']\})""")
_INLINE_COMPONENT = re.compile(
    r"</?([A-Z][\w.]*)\b(?:[^>\"'{}]|\"[^\"]*\"|'[^']*'|\{[^{}]*\})*?/?>"
)
# A JSX expression; ``{#id}`` (a heading's id) and ``{/*`` (a comment) are not.
_EXPRESSION = re.compile(r"\{(?![#/])([^{}\n]*)\}")
_STRING = re.compile(r"""^\s*(?:'([^']*)'|"([^"]*)"|`([^`$]*)`)\s*$""")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# A comment, but not ``{/* truncate */}``: that is Docusaurus' summary marker in MDX.
_COMMENT = re.compile(r"\{/\*(?!\s*truncate\s*\*/\}).*?\*/\}", re.S)


@dataclass(frozen=True)
class Stripped:
    """The body without MDX syntax, and the 1-based body lines of what was dropped."""

    body: str
    statements: tuple[int, ...] = ()
    comments: tuple[int, ...] = ()
    unwrapped_fences: tuple[int, ...] = ()
    # (line, name) of each JSX component other than tabs: its tags dropped, its content kept.
    components: tuple[tuple[int, str], ...] = ()
    # (line, text) of each JSX expression removed (a string literal keeps its text).
    expressions: tuple[tuple[int, str], ...] = ()


def strip_mdx(body: str, *, expressions: bool = False) -> Stripped:
    """Drops MDX statements and comments outside code, and unwraps ``mdx-code-block`` fences.

    ``expressions`` (for ``.mdx`` files, where braces are JavaScript) also removes ``{...}``
    from the prose; in ``.md`` files braces are the writer's text.
    """
    lines = body.split("\n")
    statements: list[int] = []
    unwrapped: list[int] = []
    components: list[tuple[int, str]] = []
    removed: list[tuple[int, str]] = []
    code: set[int] = set()  # 1-based lines inside code fences, their closing lines included
    fence: str | None = None  # the open code fence, whose content is left alone
    wrapper: str | None = None  # the open mdx-code-block fence
    depth = 0  # braces still open in a multi-line export
    for index, line in enumerate(lines):
        if depth:
            depth = max(0, depth + line.count("{") - line.count("}"))
            lines[index] = ""
            continue
        if fence is not None:
            code.add(index + 1)
            fence = None if closes(line, fence) else fence
            continue
        if wrapper is not None and closes(line, wrapper):
            lines[index], wrapper = "", None
            continue
        if opening := FENCE.match(line):
            if opening[2] == "mdx-code-block":
                lines[index], wrapper = "", opening[1]
                unwrapped.append(index + 1)
            else:
                fence = opening[1]
        elif component := _COMPONENT.match(line):
            lines[index] = _component_html(component)
            if component[2] not in _TABS and not component[1]:
                components.append((index + 1, component[2]))
        elif _IMPORT.match(line) or _EXPORT.match(line):
            statements.append(index + 1)
            depth = max(0, line.count("{") - line.count("}"))
            lines[index] = ""
        else:
            lines[index] = _inline(line, index + 1, components, removed if expressions else None)
    text, comments = _strip_comments("\n".join(lines), code)
    return Stripped(
        text,
        tuple(statements),
        tuple(comments),
        tuple(unwrapped),
        tuple(components),
        tuple(removed),
    )


def _inline(
    line: str,
    number: int,
    components: list[tuple[int, str]],
    removed: list[tuple[int, str]] | None,
) -> str:
    """A prose line without component tags (and, when ``removed`` is given, expressions),
    inline code spans left alone; what was taken is recorded with the line number."""
    if "<" not in line and (removed is None or "{" not in line):
        return line

    def tag(match: re.Match) -> str:
        if not match[0].startswith("</"):
            components.append((number, match[1]))
        return ""

    def expression(match: re.Match) -> str:
        literal = _STRING.match(match[1])
        if literal:
            return next(value for value in literal.groups() if value is not None)
        removed.append((number, match[0]))
        return ""

    parts = []
    position = 0
    for span in [*_CODE_SPAN.finditer(line), None]:
        prose = line[position : span.start() if span else len(line)]
        prose = _INLINE_COMPONENT.sub(tag, prose)
        if removed is not None:
            prose = _EXPRESSION.sub(expression, prose)
        parts.append(prose)
        if span:
            parts.append(span[0])
            position = span.end()
    return "".join(parts)


_TABS = {"Tabs", "TabItem"}


def _component_html(tag: re.Match) -> str:
    """Docusaurus tabs as HTML that works without a script (a group of open disclosure
    sections, each labelled); any other component's tag as nothing."""
    closing, name, attributes, self_closing = tag[1], tag[2], tag[3], tag[4]
    if name == "Tabs":
        return "" if self_closing else ("</div>" if closing else '<div class="tabs">')
    if name != "TabItem" or self_closing:
        return ""
    if closing:
        return "</details>"
    found = {
        m[1]: next(value for value in m.groups()[1:] if value is not None)
        for m in _ATTRIBUTE.finditer(attributes)
    }
    label = found.get("label") or found.get("value") or ""
    return f'<details class="tab" open><summary>{escape(label)}</summary>'


def _strip_comments(text: str, code: set[int]) -> tuple[str, list[int]]:
    """Removes ``{/* ... */}`` outside code (the ``code`` lines and inline code spans),
    keeping the line count; returns their lines."""
    found: list[int] = []
    out: list[str] = []
    position = 0
    for match in _COMMENT.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        line_start = text.rfind("\n", 0, start) + 1
        if line in code or text.count("`", line_start, start) % 2 == 1:
            continue
        out.extend([text[position:start], "\n" * match[0].count("\n")])
        found.append(line)
        position = match.end()
    out.append(text[position:])
    return "".join(out), found
