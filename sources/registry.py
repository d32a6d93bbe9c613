"""Finding and registering the sources that footnotes and author-date citations cite.

:class:`SourceRegistry` is what the core's pipeline sees (``posts.extensions``): for the sources
one body cites, the register's entries, created on a save.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.text import slugify

from posts.rendering import CitedSource, SourceLink
from posts.validators import is_web_url
from sources.models import Source, SourceAlias

URL_MAX = Source._meta.get_field("url").max_length
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" .,;:")


def source_key(publisher: str, title: str) -> str:
    """What identifies a source: publisher and title, ignoring case, spacing and quote style."""
    return f"{_normalise(publisher)}|{_normalise(title)}"


def cited_key(cited: CitedSource) -> str:
    return source_key(cited.publisher, cited.title)


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(base) or "bron")[:180].strip("-")
    slug, n = base, 2
    while slug in taken or Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def find_sources(cited: Iterable[CitedSource]) -> dict[str, Source]:
    """The registered sources for these notes, by key, merged sources resolved; creates nothing."""
    keys = {cited_key(c) for c in cited}
    if not keys:
        return {}
    found = {s.key: s for s in Source.objects.filter(key__in=keys)}
    for alias in SourceAlias.objects.filter(key__in=keys - found.keys()).select_related("source"):
        found[alias.key] = alias.source
    return found


def ensure_sources(cited: Sequence[CitedSource]) -> dict[str, Source]:
    """Like :func:`find_sources`, creating the sources that are not registered yet."""
    found = find_sources(cited)
    taken: set[str] = set()
    for item in cited:
        key = cited_key(item)
        source = found.get(key)
        # Only a web address becomes the source's address (no mailto:, ftp: or relative links).
        url = item.url if len(item.url) <= URL_MAX and is_web_url(item.url) else ""
        if source is None:
            source = Source(
                publisher=item.publisher.strip(),
                title=item.title.strip(),
                url=url,
                creators="\n".join(item.creators),
                issued=item.issued,
                slug=_unique_slug(_slug_base(item), taken),
            )
            source.save()
            found[key] = source
        else:
            _fill_in(source, url=url, creators="\n".join(item.creators), issued=item.issued)
    return found


def _slug_base(item: CitedSource) -> str:
    """Publisher and title, once: an author-date source's title "Baarsma (2025)" already
    names its publisher."""
    if item.title.casefold().startswith(item.publisher.casefold()):
        return item.title
    return f"{item.publisher} {item.title}"


def _fill_in(source: Source, **values: str) -> None:
    """What a citation knows and the registered source lacks; an editor's values stay."""
    missing = [name for name, value in values.items() if value and not getattr(source, name)]
    for name in missing:
        setattr(source, name, values[name])
    if missing:
        source.save(update_fields=missing)


@dataclass(frozen=True)
class RegistryLinks:
    """The register's entries for the sources of one body, by source key."""

    sources: dict[str, Source]

    def url(self, cited: CitedSource) -> str | None:
        source = self.sources.get(cited_key(cited))
        return source.get_absolute_url() if source else None

    def link(self, cited: CitedSource) -> SourceLink | None:
        """The source's page, whether its link is broken and its archived copy (once a check
        has computed or an editor has given one)."""
        source = self.sources.get(cited_key(cited))
        if source is None:
            return None
        day = source.archive_date
        return SourceLink(
            url=source.get_absolute_url(),
            unreachable=source.link_broken,
            archive_url=source.archive_url,
            archive_date=day.isoformat() if day else "",
        )

    def source_for(self, cited: CitedSource | None) -> Source | None:
        return self.sources.get(cited_key(cited)) if cited else None


class SourceRegistry:
    """The sources app's answer to ``posts.extensions.SourceRegistry``."""

    def links(self, cited: Sequence[CitedSource], *, register: bool) -> RegistryLinks:
        return RegistryLinks(ensure_sources(cited) if register else find_sources(cited))
