"""What MDX adds to Markdown and a visitor must never see: ``import``/``export`` statements,
``{/* comments */}`` and ````mdx-code-block`` fences (whose content is plain Markdown).

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


def strip_mdx(body: str) -> Stripped:
    """Drops MDX statements and comments outside code, and unwraps ``mdx-code-block`` fences."""
    lines = body.split("\n")
    statements: list[int] = []
    unwrapped: list[int] = []
    components: list[tuple[int, str]] = []
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
    text, comments = _strip_comments("\n".join(lines), code)
    return Stripped(text, tuple(statements), tuple(comments), tuple(unwrapped), tuple(components))


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
