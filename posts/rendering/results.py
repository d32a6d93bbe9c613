"""The values the rendering pipeline returns."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from posts.rendering.problems import Problem


@dataclass(frozen=True)
class CitedSource:
    """The source a footnote names (``**Publisher** - [Title](url)`` and its variants), or
    an author-date citation with its reference-list entry.

    ``creators`` are lines as the register stores them ('Family, Given' or a name as
    written); ``issued`` a year. Footnotes leave both empty.
    """

    publisher: str
    title: str
    url: str
    creators: tuple[str, ...] = ()
    issued: str = ""


@dataclass(frozen=True)
class SourceLink:
    """What the register says of a note's source: its page there, and the cited link's health.

    ``archive_url`` is a dated copy of the cited address (``archive_date``, YYYY-MM-DD): the
    note's link then carries Robust Links markup. ``unreachable`` tells readers the address
    no longer answers, pointing them to the copy.
    """

    url: str
    unreachable: bool = False
    archive_url: str = ""
    archive_date: str = ""


# A note's cited source to its entry in the register: the address of its page alone, or a
# SourceLink with what is known of the link; None when it has none.
SourceUrl = Callable[[CitedSource], "str | SourceLink | None"]


@dataclass(frozen=True)
class Footnote:
    """One note of the notes section, numbered in order of first reference."""

    label: str
    number: int
    anchor: str  # the note's id on the page, for links from elsewhere
    text: str
    source: CitedSource | None
    # Where in the source the note points ("page", "12"), when it says (posts.rendering.locators).
    locator_label: str = ""
    locator: str = ""


@dataclass(frozen=True)
class AuthorDateCitation:
    """One author-date citation in the text, "(Baarsma, 2025)", numbered in reading order."""

    label: str  # "cite-1": unique among the article's citations, notes included
    number: int
    anchor: str  # the citation's id on the page
    text: str  # as the reader sees it: "Baarsma, 2025"
    locator: str  # "p. 12", or ""
    source: CitedSource


@dataclass(frozen=True)
class Heading:
    """A heading of the body with its anchor id and plain text."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    """Everything a page needs from one Markdown body."""

    body_html: str
    notes_html: str
    summary_html: str
    summary_text: str
    toc_html: str
    headings: tuple[Heading, ...]
    footnotes: tuple[Footnote, ...]
    text: str
    word_count: int
    reading_minutes: int
    problems: tuple[Problem, ...]
    author_date: tuple[AuthorDateCitation, ...] = ()
    # Renders the notes section again with links to the register, from the parsed notes.
    _link_notes: Callable[[SourceUrl | None], str] | None = field(
        default=None, repr=False, compare=False
    )
    # Renders the body again with its author-date citations linking to the register.
    _link_body: Callable[[SourceUrl | None], str] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def html(self) -> str:
        """The article body with its notes section: what the page and the preview show."""
        return self.body_html + self.notes_html

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (undefined or duplicate footnote)."""
        return any(problem.is_error for problem in self.problems)

    @property
    def cited_sources(self) -> tuple[CitedSource, ...]:
        """The distinct sources the notes name, in note order, then those the author-date
        citations name, in reading order."""
        notes = (fn.source for fn in self.footnotes if fn.source)
        return tuple(dict.fromkeys([*notes, *(c.source for c in self.author_date)]))

    def with_source_links(self, source_url: SourceUrl | None) -> "Rendered":
        """The same result, each note and each author-date citation of a registered source
        linking to its page.

        Only the notes section (and, when it has author-date citations, the body) is rendered
        again, from the tokens already parsed: nothing is parsed a second time.
        """
        if self._link_notes is None:
            return self
        linked = replace(self, notes_html=self._link_notes(source_url))
        if self._link_body is not None and self.author_date:
            linked = replace(linked, body_html=self._link_body(source_url))
        return linked
