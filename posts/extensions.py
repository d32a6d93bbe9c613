"""Extension points: how the apps built on the core (series, sources) hook into it.

``posts`` imports neither ``series`` nor ``sources``; they depend on it. What the core needs from
them it finds here, filled in by their ``AppConfig.ready()``:

- ``source_registry``: finds (and on a save, registers) the sources a body's notes cite, so
  each note links to its source's page;
- ``listing_related`` and ``article_related``/``article_prefetch``: relations loaded with post
  lists and with the article page in the same queries (the series label on a card, the
  citations behind the article's JSON-LD);
- ``jsonld``: properties merged into an article's schema.org ``BlogPosting``;
- ``citation_meta``: Highwire Press ``citation_*`` tags for an article (its cited works);
- ``article_context``: what the article page shows of theirs (the downloads of its sources);
- ``search_terms``: words search should find a post by (the sources it cites);
- ``post_admin_inlines``: inlines the article's admin page shows (its series place, its notes).

After a save that changed a body, :data:`posts.signals.post_body_written` tells them what the
body now says.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Prefetch
from django.http import HttpRequest

from posts.rendering import CitedSource, SourceLink


class SourceLinks(Protocol):
    """What a registry answers for the sources of one body."""

    def url(self, cited: CitedSource) -> str | None:
        """The address of the source's page in the register, or None when it has none."""
        ...

    def link(self, cited: CitedSource) -> SourceLink | None:
        """The source's page and what is known of the cited link (whether it still answers,
        its archived copy), or None when it has no page: what the notes show."""
        ...


class SourceRegistry(Protocol):
    def links(self, cited: Sequence[CitedSource], *, register: bool) -> SourceLinks:
        """The register's entries for ``cited``; ``register`` creates the missing ones."""
        ...


@dataclass
class Extensions:
    source_registry: SourceRegistry | None = None
    listing_related: list[str] = field(default_factory=list)
    article_related: list[str] = field(default_factory=list)
    article_prefetch: list[str | Prefetch] = field(default_factory=list)
    jsonld: list[Callable[[Any, HttpRequest], dict]] = field(default_factory=list)
    citation_meta: list[Callable[[Any, HttpRequest], list[tuple[str, str]]]] = field(
        default_factory=list
    )
    article_context: list[Callable[[Any, HttpRequest], dict]] = field(default_factory=list)
    search_terms: list[Callable[[Any], Iterable[str]]] = field(default_factory=list)
    post_admin_inlines: list[type] = field(default_factory=list)


extensions = Extensions()
