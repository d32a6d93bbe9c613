"""Splitting YAML front matter (between ``---`` lines) from the Markdown body."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext

from blog_project.importing.errors import InvalidFile

_FENCE = "---"
# YAML nests by recursion in PyYAML: deeper than this and it would exhaust the stack.
MAX_DEPTH = 50
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's values, and the file line each key stands on."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int:
        """The file line of ``key``, or of the opening fence when the key is absent."""
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Split:
    """A file cut in two: its front matter (None when it has none) and its body."""

    front_matter: FrontMatter | None
    body: str
    body_offset: int


def has_front_matter(text: str) -> bool:
    """Whether the text opens with a ``---`` line."""
    return text.split("\n", 1)[0].rstrip() == _FENCE


def split_front_matter(path: Path, text: str) -> Split:
    """Separates the front matter; ``body_offset`` is the number of file lines before the body.

    Raises :class:`InvalidFile` for an unclosed block or YAML that does not parse.
    """
    if not has_front_matter(text):
        return Split(None, text, 0)
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            break
    else:
        message = gettext("front matter is never closed: add a line with --- after it")
        raise InvalidFile(path, 1, message)
    front_matter = parse_yaml(path, "\n".join(lines[1:index]), first_line=2)
    return Split(front_matter, "\n".join(lines[index + 1 :]), index + 1)


def parse_yaml(path: Path, text: str, *, first_line: int = 1) -> FrontMatter:
    """A YAML mapping with the line of each key; errors point at the file line."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character, before any parsing
        line = text.count("\n", 0, exc.position) + first_line
        what = f"#x{exc.character:04x}: {exc.reason}"
        raise InvalidFile(path, line, _invalid_yaml(what)) from exc
    try:
        _check_shape(path, text, first_line)
        node = loader.get_single_node()
        if node is None:
            return FrontMatter()
        if not isinstance(node, yaml.MappingNode):
            raise InvalidFile(path, first_line, gettext("expected 'key: value' lines"))
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + first_line
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise InvalidFile(path, line, gettext("key %(key)r is not a name") % {"key": key})
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except (ValueError, TypeError) as exc:
                message = gettext("invalid value for '%(key)s': %(error)s")
                raise InvalidFile(path, line, message % {"key": key, "error": exc}) from exc
            lines[key] = line
        return FrontMatter(values, lines)
    except yaml.MarkedYAMLError as exc:
        at_end = "<stream end>" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        what = f"{exc.problem} ({exc.context})" if exc.context else exc.problem
        raise InvalidFile(path, line, _invalid_yaml(what)) from exc
    except yaml.YAMLError as exc:
        raise InvalidFile(path, first_line, _invalid_yaml(exc)) from exc
    finally:
        loader.dispose()


def _check_shape(path: Path, text: str, first_line: int) -> None:
    """Refuses aliases and deep nesting before anything is built from the YAML.

    An alias (``*name``) repeats an anchored value; aliases of aliases grow exponentially
    ("billion laughs"), so a few lines could fill the memory. Front matter has no need of them.
    """
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + first_line
        if isinstance(event, yaml.AliasEvent):
            message = gettext("YAML aliases (*%(alias)s) are not supported: write the value out")
            raise InvalidFile(path, line, message % {"alias": event.anchor})
        if isinstance(event, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                message = gettext("lists and mappings nest more than %(limit)s deep")
                raise InvalidFile(path, line, message % {"limit": MAX_DEPTH})
        elif isinstance(event, _CLOSING):
            depth -= 1


def _invalid_yaml(what: object) -> str:
    """YAML's own (English) words for what is wrong, after ours."""
    return gettext("invalid YAML: %(error)s") % {"error": what}
