"""What an import did (or, in a dry run, would do), file by file and in total."""

from dataclasses import dataclass, field
from pathlib import Path

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
    ignored_keys: tuple[str, ...] = ()


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
        verbs = _DRY_VERBS if self.dry_run else {a: a for a in (CREATED, UPDATED, UNCHANGED)}
        width = max(map(len, verbs.values()))
        for outcome in self.outcomes:
            what = outcome.slug
            if outcome.changed:
                what += f" ({', '.join(outcome.changed)})"
            lines.append(f"{verbs[outcome.action]:<{width}}  {what}  <- {outcome.path}")
            lines.extend(f"    note: {note}" for note in outcome.notes)
            if outcome.ignored_keys:
                lines.append(f"    ignored keys: {', '.join(outcome.ignored_keys)}")
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} invalid file(s):")
            lines.extend(f"    {problem}" for problem in self.skipped)
        lines.append(self.totals())
        return "\n".join(lines)

    def totals(self) -> str:
        would = "would be " if self.dry_run else ""
        text = (
            f"Posts: {self.created} {would}created, {self.updated} {would}updated, "
            f"{self.unchanged} unchanged. Sources: {self.sources_created} {would}created. "
            f"Authors: {self.authors_created} {would}created. "
            f"Tags: {self.tags_created} {would}created. "
            f"Series: {self.series_created} {would}created."
        )
        return f"Dry run, nothing was written. {text}" if self.dry_run else text


_DRY_VERBS = {CREATED: "would create", UPDATED: "would update", UNCHANGED: "would leave"}
