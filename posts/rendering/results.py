"""The values the rendering pipeline returns."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CitedSource:
    """The source a footnote names: ``**Publisher** - [Title](url)`` and its variants."""

    publisher: str
    title: str
    url: str


@dataclass(frozen=True)
class Footnote:
    """One note of the notes section, numbered in order of first reference."""

    label: str
    number: int
    text: str
    html: str
    ref_count: int
    source: CitedSource | None


@dataclass(frozen=True)
class Heading:
    """A heading of the body with its anchor id and plain text."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Problem:
    """Something the writer should fix, found while rendering."""

    code: str
    label: str
    line: int
    severity: str
    message: str


@dataclass(frozen=True)
class Rendered:
    """Everything a page needs from one Markdown body."""

    html: str
    summary_html: str
    summary_text: str
    toc_html: str
    headings: tuple[Heading, ...]
    footnotes: tuple[Footnote, ...]
    text: str
    word_count: int
    reading_minutes: int
    problems: tuple[Problem, ...]

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (undefined or duplicate footnote)."""
        return any(problem.severity == "error" for problem in self.problems)
