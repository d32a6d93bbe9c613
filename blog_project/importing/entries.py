"""What a parsed file says, before anything touches the database."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from posts.rendering import Rendered


@dataclass(frozen=True)
class AuthorInfo:
    """An author as a file or an ``authors.yml`` describes them."""

    key: str
    name: str
    title: str = ""
    # The key as the old site wrote it (case kept), for the old author page's address.
    old_key: str = ""
    # A local ``image_url`` (a file of the old site), to be copied as the author's photo.
    image: Any = None
    url: str = ""
    bio: str = ""
    image_url: str = ""


@dataclass(frozen=True)
class TagInfo:
    """A tag by slug, with the label and description ``tags.yml`` gives it."""

    slug: str
    name: str
    description: str = ""
    # The tag page's address on the old site below ``tags/`` (a tags.yml permalink), if known.
    old_permalink: str = ""


@dataclass(frozen=True)
class SeriesInfo:
    """A series by slug; ``series.yml`` (written by the export) may describe it."""

    slug: str
    title: str
    description: str = ""


@dataclass
class ParsedPost:
    """One file's post, ready to be validated and written.

    ``status`` None means: a draft when created, left as it is on later imports (plain text
    says nothing about publishing). ``publish_at`` None means: now when created, then kept.
    """

    path: Path
    kind: str
    slug: str
    title: str
    body: str
    body_offset: int = 0
    description: str = ""
    keywords: str = ""
    status: str | None = None
    publish_at: datetime | None = None
    unlisted: bool = False
    hide_toc: bool = False
    toc_levels: tuple[int, int] | None = None
    language: str | None = None
    # The moment of the last update the old site showed (Docusaurus' last_update.date).
    updated_at: datetime | None = None
    # Front matter kept as it was for the export to write back (JSON-safe values).
    kept: dict[str, Any] = field(default_factory=dict)
    # Addresses the post had on the old site, below its blog's route base ("/2024/05/01/x").
    old_paths: list[str] = field(default_factory=list)
    authors: tuple[AuthorInfo, ...] = ()
    tags: tuple[TagInfo, ...] = ()
    series: SeriesInfo | None = None
    series_position: int | None = None
    lines: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)
    # The body as the checks rendered it; the write reuses it.
    rendered: Rendered | None = None
    # Image files beside the post that the body (and the cover) now point at in storage.
    images: list = field(default_factory=list)
    cover: object | None = None

    def line(self, key: str) -> int:
        """The file line a front matter key stands on (1 when unknown)."""
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class ImportOptions:
    """What the command line tells the importer about the old site.

    ``route_base`` is the path the Docusaurus blog was served under (its routeBasePath);
    ``language`` the language of files that do not name theirs (else the site's);
    ``old_site_url`` the address that site-relative links into the old site now point at.
    """

    route_base: str = "/blog"
    language: str | None = None
    old_site_url: str = ""

    def old_address(self, path: str) -> str:
        """An address of the old blog: ``path`` (below the route base) with the base."""
        base = "/" + self.route_base.strip("/") if self.route_base.strip("/") else ""
        return f"{base}/{path.strip('/')}".rstrip("/") or "/"
