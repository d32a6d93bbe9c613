"""What a parsed file says, before anything touches the database."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from posts.rendering import Rendered


@dataclass(frozen=True)
class AuthorInfo:
    """An author as a file or an ``authors.yml`` describes them."""

    key: str
    name: str
    title: str = ""
    url: str = ""
    bio: str = ""
    image_url: str = ""


@dataclass(frozen=True)
class TagInfo:
    """A tag by slug, with the label and description ``tags.yml`` gives it."""

    slug: str
    name: str
    description: str = ""


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
    authors: tuple[AuthorInfo, ...] = ()
    tags: tuple[TagInfo, ...] = ()
    series: SeriesInfo | None = None
    series_position: int | None = None
    lines: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ignored_keys: list[str] = field(default_factory=list)
    # The body as the checks rendered it; the write reuses it.
    rendered: Rendered | None = None
    # Image files beside the post that the body (and the cover) now point at in storage.
    images: list = field(default_factory=list)
    cover: object | None = None

    def line(self, key: str) -> int:
        """The file line a front matter key stands on (1 when unknown)."""
        return self.lines.get(key, 1)
