"""The one catalogue of what the pipeline reports to writers: the admin and the importer both
show these messages, translated, each pinned to one line."""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

ERROR = "error"
WARNING = "warning"

# code -> (severity, message); messages take %(label)s and the problem's own details.
CATALOGUE: dict[str, tuple[str, str]] = {
    "undefined": (ERROR, gettext_noop("Footnote [^%(label)s] is used but never defined.")),
    "duplicate": (
        ERROR,
        gettext_noop("Footnote [^%(label)s] is defined more than once (first on line %(first)s)."),
    ),
    "unused": (WARNING, gettext_noop("Footnote [^%(label)s] is defined but never used.")),
    "too-deep": (
        WARNING,
        gettext_noop(
            "Lists, quotes and admonitions nest more than %(limit)s deep here: the text from "
            "this line on may be left out."
        ),
    ),
    "unclosed-comment": (
        WARNING,
        gettext_noop(
            "An HTML comment (<!--) opens here and is never closed with -->: everything after "
            "it is hidden from readers."
        ),
    ),
    "external-image": (
        WARNING,
        gettext_noop(
            "The image %(label)s is on another site; it is shown as a link, because the blog "
            "loads nothing from other sites."
        ),
    ),
}

_LINE_DETAILS = {"first"}


@dataclass(frozen=True)
class Problem:
    """Something the writer should fix, found while rendering, at a 1-based line of the body."""

    code: str
    label: str
    line: int
    details: tuple[tuple[str, object], ...] = ()

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def describe(self, line_offset: int = 0) -> str:
        """What is wrong, in the active language, without the line (callers place it).

        ``line_offset`` moves the lines the message mentions, for a caller that numbers the
        lines of a whole file rather than of the body.
        """
        details = {
            name: value + line_offset if name in _LINE_DETAILS else value
            for name, value in self.details
        }
        return gettext(CATALOGUE[self.code][1]) % {"label": self.label, **details}

    @property
    def message(self) -> str:
        """What is wrong and where, as the admin shows it."""
        where = {"line": self.line, "problem": self.describe()}
        return gettext("Line %(line)s: %(problem)s") % where
