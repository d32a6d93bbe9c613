"""Code fences in a Markdown body: what the importer's rewrites must leave alone."""

import re
from collections.abc import Iterator, Sequence

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)")


def closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes a code fence opened with ``fence`` (CommonMark's rule)."""
    marks = line.strip()
    return len(marks) >= len(fence) and set(marks) == {fence[0]}


def prose_lines(lines: Sequence[str]) -> Iterator[int]:
    """The indexes of the lines outside code fences (the fence lines themselves excluded)."""
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            fence = None if closes(line, fence) else fence
        elif opening := FENCE.match(line):
            fence = opening[1]
        else:
            yield index
