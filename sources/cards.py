"""What a source card shows beside a note that cites the source (``Source.card()``)."""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class SourceCard:
    """One registered source as a reader meets it in a note: who published what, and where
    the register keeps it. ``type_label`` (the type's name) and ``year`` (of issue) are empty
    where the register does not know them."""

    publisher: str
    title: str
    page_url: str
    cited_in: int
    type_label: str = ""
    year: int | None = None
    # The link checker's verdict: when the cited address no longer answers, the card says so
    # and offers the archived copy.
    unreachable: bool = False
    archive_url: str = ""

    @property
    def facts(self) -> list[str]:
        """The card's small print, in the active language: type, year, how often cited."""
        facts = [self.type_label] if self.type_label else []
        if self.year:
            facts.append(str(self.year))
        if self.cited_in > 0:
            facts.append(
                ngettext("cited by %(n)s article", "cited by %(n)s articles", self.cited_in)
                % {"n": self.cited_in}
            )
        if self.unreachable:
            facts.append(gettext("link no longer reachable"))
        return facts
