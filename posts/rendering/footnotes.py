"""Finding footnote definitions and references, numbering notes and reporting problems."""

import re
import textwrap
import unicodedata
from dataclasses import dataclass, field

from markdown_it.token import Token

from posts.rendering.problems import Problem
from posts.rendering.tokens import inline_children_with_lines

_UNSAFE_ID = re.compile(r"[^a-z0-9]+")


@dataclass
class Definition:
    """A ``[^label]:`` definition lifted out of the body, wherever it stood."""

    label: str
    line: int
    tokens: list[Token]
    text: str


@dataclass
class Note:
    """A defined footnote with its number, its references and its anchor slug."""

    definition: Definition
    number: int
    refs: list[Token] = field(default_factory=list)
    slug: str = ""

    @property
    def label(self) -> str:
        return self.definition.label

    @property
    def note_id(self) -> str:
        return f"fn-{self.slug}"

    def ref_id(self, occurrence: int) -> str:
        """The id of the ``occurrence``-th reference (1-based)."""
        return f"fnref-{self.slug}" if occurrence == 1 else f"fnref-{self.slug}-{occurrence}"

    def ids(self) -> list[str]:
        return [self.note_id, *(self.ref_id(k) for k in range(1, len(self.refs) + 1))]


def _definition_text(lines: list[str], token: Token, label: str) -> str:
    start, end = token.map or (0, 0)
    if start >= len(lines):
        return ""
    first = lines[start]
    marker = f"[^{label}]:"
    head = first[first.find(marker) + len(marker) :] if marker in first else first
    tail = textwrap.dedent("\n".join(lines[start + 1 : end]))
    return f"{head.strip()}\n{tail}".strip()


def extract_definitions(
    tokens: list[Token], lines: list[str]
) -> tuple[list[Token], list[Definition]]:
    """Splits the stream into the body and the definitions, in the order they were written."""
    body: list[Token] = []
    definitions: list[Definition] = []
    stack: list[tuple[Token, list[Token]]] = []
    for token in tokens:
        if token.type == "footnote_reference_open":
            stack.append((token, []))
        elif token.type == "footnote_reference_close" and stack:
            opener, content = stack.pop()
            label = opener.meta.get("label", "")
            line = (opener.map[0] if opener.map else 0) + 1
            text = _definition_text(lines, opener, label)
            definitions.append(Definition(label, line, content, text))
        elif stack:
            stack[-1][1].append(token)
        else:
            body.append(token)
    definitions.sort(key=lambda definition: definition.line)
    return body, definitions


def _note_slug(label: str) -> str:
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return _UNSAFE_ID.sub("-", ascii_label.lower()).strip("-")[:60] or "note"


def _assign_slugs(notes: list[Note]) -> None:
    used: set[str] = set()
    for note in notes:
        base = _note_slug(note.label)
        note.slug, n = base, 2
        while used.intersection(note.ids()):
            note.slug, n = f"{base}-{n}", n + 1
        used.update(note.ids())


class _Numbering:
    def __init__(self, definitions: list[Definition]) -> None:
        self.definitions: dict[str, Definition] = {}
        self.notes: dict[str, Note] = {}
        self.order: list[Note] = []
        self.problems: list[Problem] = []
        for definition in definitions:
            first = self.definitions.setdefault(definition.label, definition)
            if first is not definition:
                self.problems.append(
                    Problem(
                        "duplicate", definition.label, definition.line, (("first", first.line),)
                    )
                )

    def visit(self, tokens: list[Token]) -> None:
        for token in tokens:
            if token.type != "inline":
                continue
            for child, line in inline_children_with_lines(token):
                if child.type == "footnote_ref":
                    self._reference(child, line)

    def _reference(self, child: Token, line: int) -> None:
        label = str(child.meta.get("label", ""))
        if label not in self.definitions:
            child.type, child.content = "text", f"[^{label}]"
            self.problems.append(Problem("undefined", label, line))
            return
        note = self._note(label)
        note.refs.append(child)
        child.meta["occurrence"] = len(note.refs)

    def _note(self, label: str) -> Note:
        if label not in self.notes:
            self.notes[label] = Note(self.definitions[label], number=len(self.order) + 1)
            self.order.append(self.notes[label])
        return self.notes[label]

    def _first_unused(self) -> Definition | None:
        return next((d for d in self.definitions.values() if d.label not in self.notes), None)

    def number(self, body: list[Token]) -> list[Note]:
        """Visits the body, then every numbered note in turn, then the unused definitions."""
        self.visit(body)
        visited = 0
        while True:
            while visited < len(self.order):
                self.visit(self.order[visited].definition.tokens)
                visited += 1
            unused = self._first_unused()
            if unused is None:
                return self.order
            self._note(unused.label)
            self.problems.append(Problem("unused", unused.label, unused.line))


def number_notes(
    body: list[Token], definitions: list[Definition]
) -> tuple[list[Note], list[Problem]]:
    """Numbers the notes by first reference and turns undefined references into text.

    Notes referenced only from other notes are numbered after those; definitions nobody
    references come last, in the order they were written. The first of duplicate
    definitions wins.
    """
    numbering = _Numbering(definitions)
    notes = numbering.number(body)
    _assign_slugs(notes)
    problems = sorted(numbering.problems, key=lambda p: (p.line, p.code, p.label))
    return notes, problems
