"""What an import did (or, in a dry run, would do), file by file and in total."""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext, gettext_noop, ngettext

from blog_project.importing.errors import FileProblem

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FileOutcome:
    """One imported file: the post it became and what happened to it."""

    path: Path
    slug: str
    action: str
    changed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unknown_keys: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """Per-file outcomes, skipped files and the totals the summary prints."""

    dry_run: bool = False
    outcomes: list[FileOutcome] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    sources_created: int = 0
    authors_created: int = 0
    tags_created: int = 0
    series_created: int = 0
    addresses_created: int = 0
    # From a sources.yml: sources whose metadata it changed, and merged identities restored.
    sources_updated: int = 0
    aliases_created: int = 0
    # Authors and tags this import names differently from the ones already here.
    label_conflicts: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(outcome.action == action for outcome in self.outcomes)

    @property
    def created(self) -> int:
        return self.count(CREATED)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def summary(self) -> str:
        """The per-file lines, the skipped files and the totals, as printed by the command."""
        lines: list[str] = []
        verbs = {
            action: gettext(verb)
            for action, verb in (_DRY_VERBS if self.dry_run else _VERBS).items()
        }
        width = max(map(len, verbs.values()))
        for outcome in self.outcomes:
            what = outcome.slug
            if outcome.changed:
                what += f" ({', '.join(outcome.changed)})"
            lines.append(f"{verbs[outcome.action]:<{width}}  {what}  <- {outcome.path}")
            lines.extend(
                "    " + gettext("note: %(note)s") % {"note": note} for note in outcome.notes
            )
        if self.skipped:
            skipped = len(self.skipped)
            lines.append(
                ngettext(
                    "Skipped %(count)s invalid file:", "Skipped %(count)s invalid files:", skipped
                )
                % {"count": skipped}
            )
            lines.extend(f"    {problem}" for problem in self.skipped)
        lines.extend(self.label_conflicts)
        if self.sources_updated or self.aliases_created:
            lines.append(
                gettext(
                    "sources.yml: %(updated)s sources updated, %(aliases)s merged identities "
                    "restored."
                )
                % {"updated": self.sources_updated, "aliases": self.aliases_created}
            )
        if unknown := self.unknown_keys():
            keys = ", ".join(f"{key} ({count})" for key, count in unknown.items())
            lines.append(
                gettext(
                    "Front matter keys Bronpunt does not use, kept for the export "
                    "(files per key): %(keys)s"
                )
                % {"keys": keys}
            )
        lines.append(self.totals())
        return "\n".join(lines)

    def unknown_keys(self) -> dict[str, int]:
        """Each front matter key no file's field took, with the number of files using it."""
        found: dict[str, int] = {}
        for outcome in self.outcomes:
            for key in outcome.unknown_keys:
                found[key] = found.get(key, 0) + 1
        return dict(sorted(found.items()))

    def totals(self) -> str:
        figures = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "sources": self.sources_created,
            "authors": self.authors_created,
            "tags": self.tags_created,
            "series": self.series_created,
            "addresses": self.addresses_created,
        }
        if self.dry_run:
            text = gettext(
                "Dry run, nothing was written. Posts: %(created)s would be created, "
                "%(updated)s would be updated, %(unchanged)s unchanged. Sources: %(sources)s "
                "would be created. Authors: %(authors)s would be created. Tags: %(tags)s would "
                "be created. Series: %(series)s would be created. Former addresses: "
                "%(addresses)s would be recorded."
            )
        else:
            text = gettext(
                "Posts: %(created)s created, %(updated)s updated, %(unchanged)s unchanged. "
                "Sources: %(sources)s created. Authors: %(authors)s created. Tags: %(tags)s "
                "created. Series: %(series)s created. Former addresses: %(addresses)s recorded."
            )
        return text % figures


_VERBS = {
    CREATED: gettext_noop("created"),
    UPDATED: gettext_noop("updated"),
    UNCHANGED: gettext_noop("unchanged"),
}
_DRY_VERBS = {
    CREATED: gettext_noop("would create"),
    UPDATED: gettext_noop("would update"),
    UNCHANGED: gettext_noop("would leave"),
}
