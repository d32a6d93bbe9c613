"""Docusaurus blog files: file-name rules, front matter keys and the leading heading."""

import re
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext

from blog_project.importing.entries import AuthorInfo, ParsedPost, SeriesInfo, TagInfo
from blog_project.importing.errors import InvalidFile
from blog_project.importing.folders import FolderInfo, author_key, web_url
from blog_project.importing.frontmatter import FrontMatter
from blog_project.importing.images import is_local
from posts.models import PostStatus

TITLE_MAX = 300
SLUG_MAX = 200
DESCRIPTION_MAX = 300
KEYWORDS_MAX = 300

_DATE_IN_NAME = re.compile(r"(?:^|/)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[-/](.*))?$")
_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MISSING = object()
_LEGACY_AUTHOR = {
    "title": ("author_title", "authorTitle"),
    "url": ("author_url", "authorURL"),
    "image_url": ("author_image_url", "authorImageURL"),
}
_KNOWN = frozenset(
    {
        "slug",
        "title",
        "authors",
        "author",
        "tags",
        "date",
        "description",
        "image",
        "keywords",
        "draft",
        "unlisted",
        "hide_table_of_contents",
        "series",
        "series_position",
        *(key for keys in _LEGACY_AUTHOR.values() for key in keys),
    }
)


def slug_and_date_from_path(path: Path) -> tuple[str, date | None]:
    """Docusaurus rules: ``2021-05-12-announcing-x.md`` and ``2021-05-12-announcing-x/index.md``
    (or ``2021/05/12/announcing-x.md``) give slug ``announcing-x`` and date 2021-05-12."""
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "index" and len(parts) > 1:
        parts.pop()
    name = "/".join(parts[-4:])
    match = _DATE_IN_NAME.search(name)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            message = gettext("the file name has an impossible date: %(date)s") % {"date": match[0]}
            raise InvalidFile(path, 0, message) from None
        rest = (match[4] or "").replace("/", "-")
        return slugify(rest) or day.isoformat(), day
    return slugify(parts[-1]), None


def split_leading_title(body: str) -> tuple[str | None, str, int]:
    """The first ``# heading`` outside code, the body without it, and the lines cut off the top.

    A heading that is not the first thing in the body leaves an empty line behind, so the
    lines below keep their numbers.
    """
    lines = body.split("\n")
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _H1.match(line)):
            leading = not any(text.strip() for text in lines[:index])
            if leading:
                return match[1].strip(), "\n".join(lines[index + 1 :]), index + 1
            lines[index] = ""
            return match[1].strip(), "\n".join(lines), 0
    return None, body, 0


def leading_heading(body: str) -> tuple[str | None, str, int]:
    """Like :func:`split_leading_title`, but only a heading that opens the body counts."""
    title, rest, cut = split_leading_title(body)
    return (title, rest, cut) if cut else (None, body, 0)


def normalise_body(body: str) -> tuple[str, int]:
    """The body without blank lines around it, and the number of lines cut off the top."""
    lines = body.split("\n")
    cut = 0
    while cut < len(lines) and not lines[cut].strip():
        cut += 1
    return "\n".join(lines[cut:]).rstrip(), cut


def apply_front_matter(post: ParsedPost, front_matter: FrontMatter, folder: FolderInfo) -> None:
    """Fills ``post`` from Docusaurus front matter; raises :class:`InvalidFile` on bad values."""
    values = front_matter.values
    reader = _Reader(post.path, front_matter)
    post.lines.update(front_matter.lines)
    if "slug" in values:
        raw = reader.text("slug")
        post.slug = slugify(raw.strip("/").replace("/", "-"))
        if not post.slug:
            message = gettext("slug %(slug)r has no usable letters") % {"slug": raw}
            raise InvalidFile(post.path, reader.line("slug"), message)
        if post.slug != raw.strip("/"):
            post.notes.append(
                gettext("slug %(raw)r became %(slug)r") % {"raw": raw, "slug": post.slug}
            )
    if "title" in values:
        post.title = reader.text("title")
    post.description = reader.text("description")
    post.keywords = reader.keywords()
    post.status = PostStatus.DRAFT if reader.boolean("draft") else PostStatus.PUBLISHED
    post.unlisted = reader.boolean("unlisted")
    post.hide_toc = reader.boolean("hide_table_of_contents")
    if "date" in values:
        post.publish_at = reader.moment("date")
    post.authors = reader.authors(folder)
    post.tags = reader.tags(folder)
    post.series, post.series_position = reader.series(folder)
    if values.get("image") and not is_local(str(values["image"])):
        # Local covers are copied by the parser (blog_project.importing.images).
        post.notes.append(
            gettext("cover image not imported: %(image)s") % {"image": values["image"]}
        )
    post.notes.extend(
        gettext("image of author '%(key)s' not fetched: %(url)s")
        % {"key": author.key, "url": author.image_url}
        for author in post.authors
        if author.image_url
    )
    post.notes.extend(reader.notes)
    post.ignored_keys.extend(key for key in values if key not in _KNOWN)
    reader.check_lengths(post)


class _Reader:
    """Typed access to front matter values, with errors at the key's line."""

    def __init__(self, path: Path, front_matter: FrontMatter) -> None:
        self.path = path
        self.values = front_matter.values
        self.line = front_matter.line
        self.notes: list[str] = []

    def fail(self, key: str, message: str) -> InvalidFile:
        return InvalidFile(self.path, self.line(key), message)

    def text(self, key: str, value: Any = _MISSING) -> str:
        """The value of ``key`` (or ``value``, found under it) as one line of text."""
        value = self.values.get(key) if value is _MISSING else value
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(
                key, gettext("'%(key)s' should be text, not %(kind)s") % _what(key, value)
            )
        return " ".join(str(value).split())

    def web_url(self, key: str, value: Any, what: str) -> str:
        return web_url(self.path, self.line(key), self.text(key, value), what)

    def boolean(self, key: str) -> bool:
        value = self.values.get(key, False)
        if not isinstance(value, bool):
            message = gettext("'%(key)s' should be true or false, not %(value)r")
            raise self.fail(key, message % {"key": key, "value": value})
        return value

    def keywords(self) -> str:
        value = self.values.get("keywords")
        if isinstance(value, list):
            return ", ".join(self.text("keywords", item) for item in value)
        return self.text("keywords")

    def moment(self, key: str) -> datetime:
        value = self.values[key]
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                message = gettext("'%(key)s' is not a date: %(value)r")
                raise self.fail(key, message % {"key": key, "value": value}) from None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=local_zone())
        if isinstance(value, date):
            return midnight(value)
        message = gettext("'%(key)s' should be a date like 2021-05-12, not %(kind)s")
        raise self.fail(key, message % _what(key, value))

    def authors(self, folder: FolderInfo) -> tuple[AuthorInfo, ...]:
        value = self.values.get("authors")
        if value is None and self.values.get("author"):
            return (self._legacy_author(),)
        refs = value if isinstance(value, list) else [] if value is None else [value]
        authors: dict[str, AuthorInfo] = {}
        for ref in refs:
            author = self._author(ref, folder)
            authors.setdefault(author.key, author)
        return tuple(authors.values())

    def _author(self, ref: Any, folder: FolderInfo) -> AuthorInfo:
        if isinstance(ref, str) and author_key(ref):
            key = author_key(ref)
            if key in folder.authors:
                return folder.authors[key]
            message = gettext("author '%(key)s' is not in an authors.yml: named %(name)r")
            self.notes.append(message % {"key": key, "name": ref.strip()})
            return AuthorInfo(key=key, name=ref.strip())
        if isinstance(ref, dict) and isinstance(ref.get("key"), str) and author_key(ref["key"]):
            # A key from authors.yml, with what this post says differently (Docusaurus allows it).
            known = self._author(ref["key"], folder)
            overrides = {
                "name": self.text("authors", ref.get("name")),
                "title": self.text("authors", ref.get("title")),
                "url": self.web_url("authors", ref.get("url"), gettext("the author's 'url'")),
                "bio": self.text("authors", ref.get("description")),
                "image_url": self.web_url(
                    "authors", ref.get("image_url"), gettext("the author's 'image_url'")
                ),
            }
            return replace(known, **{name: value for name, value in overrides.items() if value})
        if isinstance(ref, dict) and isinstance(ref.get("name"), str) and author_key(ref["name"]):
            return AuthorInfo(
                key=author_key(ref["name"]),
                name=self.text("authors", ref["name"]),
                title=self.text("authors", ref.get("title")),
                url=self.web_url("authors", ref.get("url"), gettext("the author's 'url'")),
                bio=self.text("authors", ref.get("description")),
                image_url=self.web_url(
                    "authors", ref.get("image_url"), gettext("the author's 'image_url'")
                ),
            )
        message = gettext("author %(ref)r should be a key or have a name") % {"ref": ref}
        raise self.fail("authors", message)

    def _legacy_author(self) -> AuthorInfo:
        name = self.text("author")
        if not author_key(name):
            message = gettext("author %(name)r has no usable letters") % {"name": name}
            raise self.fail("author", message)
        extra = {
            field: next((self.text(key) for key in keys if key in self.values), "")
            for field, keys in _LEGACY_AUTHOR.items()
        }
        for field in ("url", "image_url"):
            key = next((key for key in _LEGACY_AUTHOR[field] if key in self.values), "author")
            web_url(self.path, self.line(key), extra[field], f"'{key}'")
        return AuthorInfo(key=author_key(name), name=name, **extra)

    def tags(self, folder: FolderInfo) -> tuple[TagInfo, ...]:
        value = self.values.get("tags")
        refs = value if isinstance(value, list) else [] if value is None else [value]
        tags: dict[str, TagInfo] = {}
        for ref in refs:
            tag = self._tag(ref, folder)
            tags.setdefault(tag.slug, tag)
        return tuple(tags.values())

    def _tag(self, ref: Any, folder: FolderInfo) -> TagInfo:
        if isinstance(ref, str | int) and not isinstance(ref, bool) and slugify(str(ref)):
            slug = slugify(str(ref))
            return folder.tags.get(slug) or TagInfo(slug=slug, name=str(ref).strip())
        if isinstance(ref, dict) and isinstance(ref.get("label"), str):
            permalink = self.text("tags", ref.get("permalink")).strip("/").split("/")[-1]
            slug = slugify(permalink) or slugify(ref["label"])
            if slug:
                known = folder.tags.get(slug)
                return TagInfo(
                    slug=slug,
                    name=self.text("tags", ref["label"]),
                    description=self.text("tags", ref.get("description"))
                    or (known.description if known else ""),
                )
        message = gettext("tag %(ref)r should be a name or have a label") % {"ref": ref}
        raise self.fail("tags", message)

    def series(self, folder: FolderInfo) -> tuple[SeriesInfo | None, int | None]:
        title = self.text("series")
        position = self.values.get("series_position")
        if position is not None and (
            isinstance(position, bool) or not isinstance(position, int) or position < 1
        ):
            message = gettext("'series_position' should be a number from 1")
            raise self.fail("series_position", message)
        if not title:
            if position is not None:
                message = gettext("'series_position' needs a 'series'")
                raise self.fail("series_position", message)
            return None, None
        if not slugify(title):
            message = gettext("series %(title)r has no usable letters") % {"title": title}
            raise self.fail("series", message)
        return folder.series.get(title) or SeriesInfo(slug=slugify(title), title=title), position

    def check_lengths(self, post: ParsedPost) -> None:
        limits = (
            ("title", post.title, TITLE_MAX),
            ("slug", post.slug, SLUG_MAX),
            ("description", post.description, DESCRIPTION_MAX),
            ("keywords", post.keywords, KEYWORDS_MAX),
        )
        for key, value, limit in limits:
            if len(value) > limit:
                message = gettext("'%(key)s' has %(length)s characters; at most %(limit)s fit")
                raise self.fail(key, message % {"key": key, "length": len(value), "limit": limit})


def _what(key: str, value: Any) -> dict[str, str]:
    """The key and the kind of value found under it, for a message."""
    kinds = {list: gettext("a list"), dict: gettext("a mapping"), bool: gettext("true/false")}
    return {"key": key, "kind": kinds.get(type(value), repr(value))}


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def midnight(day: date) -> datetime:
    """The start of ``day`` in the site's time zone."""
    return datetime.combine(day, time(), tzinfo=local_zone())
