"""What the editor's live preview reports while the writer types.

The pipeline's own problems (the ones a save reports: broken footnotes, images on other sites,
unclosed comments) plus a few hints about things only a writer can fix: a note naming no source
the register recognises, an image without a description, a link without text or address.
Each comes with its 1-based line in the body, so the editor can put the cursor there.
"""

import re
from collections.abc import Iterator

from django.utils.translation import gettext, gettext_noop
from markdown_it.token import Token

from posts.bodies import link_sources, render_body
from posts.rendering.parser import MARKDOWN
from posts.rendering.results import Rendered
from posts.rendering.tokens import inline_children_with_lines

HINT = "hint"
HINTS: dict[str, str] = {
    "no-source": gettext_noop(
        "Note [^%(label)s] names no source the register recognises. Write it as "
        "**Publisher** - [Title](address), or choose one with “Cite a source”."
    ),
    "no-alt": gettext_noop(
        "An image without a description: write what it shows between the brackets, ![like this](…)."
    ),
    "empty-link": gettext_noop(
        "A link without text or without an address: readers cannot see or follow it."
    ),
}
_DEFINITION = re.compile(r"^\s*(?:[-*+]\s+)?\[\^([^\]\s]+)\]:", re.MULTILINE)


def _definition_lines(body: str) -> dict[str, int]:
    """The line of each footnote definition, by label (the first one where there are two)."""
    lines: dict[str, int] = {}
    for match in _DEFINITION.finditer(body):
        lines.setdefault(match[1], body.count("\n", 0, match.start()) + 1)
    return lines


def _hint(code: str, line: int, **details: str) -> dict:
    return {
        "code": code,
        "severity": HINT,
        "line": line,
        "message": gettext(HINTS[code]) % details if details else gettext(HINTS[code]),
    }


def _inline_hints(tokens: list[Token]) -> Iterator[dict]:
    for token in tokens:
        if token.type != "inline":
            continue
        children = list(inline_children_with_lines(token))
        for index, (child, line) in enumerate(children):
            if child.type == "image" and not (child.content or "").strip():
                yield _hint("no-alt", line)
            elif child.type == "link_open":
                following = children[index + 1][0] if index + 1 < len(children) else None
                no_text = following is None or following.type == "link_close"
                if no_text or not str(child.attrGet("href") or "").strip():
                    yield _hint("empty-link", line)


def source_hints(body: str, rendered: Rendered) -> list[dict]:
    """Hints for notes that name no recognisable source, images without alt text, empty links."""
    lines = _definition_lines(body)
    hints = [
        _hint("no-source", lines.get(note.label, 1), label=note.label)
        for note in rendered.footnotes
        if note.source is None
    ]
    hints.extend(_inline_hints(MARKDOWN.parse(body, {})))
    return hints


def preview_report(body: str, language: str | None = None) -> dict:
    """The preview's HTML (the public page's, as :func:`posts.bodies.preview_html` gives it),
    every problem a save would report and the hints, sorted by line, and the live counts."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    rendered = render_body(body, language)
    html = link_sources(rendered, register=False, language=language)[0].html
    problems = [
        {
            "code": problem.code,
            "severity": problem.severity,
            "line": problem.line,
            "message": problem.describe(),
        }
        for problem in rendered.problems
    ]
    problems.extend(source_hints(body, rendered))
    problems.sort(key=lambda problem: problem["line"])
    return {
        "html": html,
        "problems": problems,
        "word_count": rendered.word_count,
        "reading_minutes": rendered.reading_minutes,
    }
