"""``sources.yml``: the sources register beside the exported posts, so export and import
round-trip it too (reference metadata, and the identities merged sources leave behind).

Each entry is keyed by the source's slug and holds its fields by their names here; the
``aliases`` are the identities (and former slugs) of sources merged into it. On import the
file is applied before the posts are written, so notes citing a merged-away source find the
survivor again.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from blog_project.importing.errors import InvalidFile
from blog_project.importing.frontmatter import parse_yaml
from blog_project.importing.reading import read_text
from sources.models import Source, SourceAlias
from sources.registry import source_key

SOURCES_FILE = "sources.yml"
# The fields written and read, besides the slug (the key of each entry) and the aliases.
FIELDS = Source.REFERENCE_FIELDS


@dataclass(frozen=True)
class SourceEntry:
    slug: str
    values: dict[str, Any]
    aliases: tuple[tuple[str, str], ...] = ()  # (identity, former slug)
    path: Path | None = None
    line: int = 0


@dataclass
class Applied:
    created: int = 0
    updated: int = 0
    aliases: int = 0
    entries: list[SourceEntry] = field(default_factory=list)


def read(folder: Path) -> list[SourceEntry]:
    """The entries of ``folder/sources.yml`` (none when there is no such file), checked
    like the admin checks a source; raises :class:`InvalidFile` at the entry's line."""
    path = folder / SOURCES_FILE
    if not path.is_file():
        return []
    data = parse_yaml(path, read_text(path))
    entries = []
    for slug, value in data.values.items():
        line = data.line(slug)
        if not isinstance(value, dict):
            message = gettext("'%(key)s' should hold 'field: value' lines") % {"key": slug}
            raise InvalidFile(path, line, message)
        values = {name: _value(name, value.get(name)) for name in FIELDS if name in value}
        if isinstance(values.get("creators"), list):
            values["creators"] = "\n".join(str(name) for name in values["creators"])
        aliases = tuple(
            (str(alias.get("key", "")), str(alias.get("slug", "")))
            for alias in value.get("aliases") or ()
            if isinstance(alias, dict) and alias.get("key")
        )
        source = Source(slug=str(slug), **values)
        try:
            source.full_clean(exclude=["key"], validate_unique=False)
        except ValidationError as exc:
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items()
            )
            raise InvalidFile(path, line, f"{slug}: {problems}") from None
        entries.append(SourceEntry(str(slug), values, aliases, path, line))
    return entries


def _value(name: str, value: Any) -> Any:
    if name == "accessed" and isinstance(value, str):
        return date.fromisoformat(value)
    return "" if value is None and name != "accessed" else value


def apply(entries: list[SourceEntry]) -> Applied:
    """Creates or updates the sources the entries describe, and their aliases. A source is
    found by its slug, else by its identity (publisher and title); what the file says wins."""
    applied = Applied(entries=entries)
    for entry in entries:
        values = {
            name: entry.values.get(name, "" if name != "accessed" else None) for name in FIELDS
        }
        key = source_key(values["publisher"], values["title"])
        source = (
            Source.objects.filter(slug=entry.slug).first() or Source.objects.filter(key=key).first()
        )
        if source is None:
            Source(slug=entry.slug, **values).save()
            applied.created += 1
        else:
            changed = [name for name, value in values.items() if getattr(source, name) != value]
            if changed:
                for name in changed:
                    setattr(source, name, values[name])
                source.save()
                applied.updated += 1
        target = Source.objects.get(slug=entry.slug) if source is None else source
        for alias_key, alias_slug in entry.aliases:
            _, made = SourceAlias.objects.get_or_create(
                key=alias_key, defaults={"slug": alias_slug, "source": target}
            )
            applied.aliases += made
    return applied


def write(folder: Path) -> Path | None:
    """``folder/sources.yml`` with every registered source, or None when there is none."""
    import yaml

    sources = Source.objects.order_by("slug").prefetch_related("aliases")
    data: dict[str, dict] = {}
    for source in sources:
        entry: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(source, name)
            if name == "creators":
                value = [line for line in value.splitlines() if line.strip()]
            if name == "accessed" and value:
                value = value.isoformat()
            if value:
                entry[name] = value
        aliases = [{"key": a.key, "slug": a.slug} for a in source.aliases.order_by("key")]
        if aliases:
            entry["aliases"] = aliases
        data[source.slug] = entry
    if not data:
        return None
    path = folder / SOURCES_FILE
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return path
