"""Docusaurus blog files: file-name rules, front matter keys and the leading heading."""

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext

from blog_project.importing.entries import (
    AuthorInfo,
    ImportOptions,
    ParsedPost,
    SeriesInfo,
    TagInfo,
)
from blog_project.importing.errors import InvalidFile
from blog_project.importing.folders import FolderInfo, author_key, image_address, web_url
from blog_project.importing.frontmatter import FrontMatter
from blog_project.importing.images import is_local
from posts.models import PostStatus
from posts.rendering import DEFAULT_TOC_LEVELS

TITLE_MAX = 300
SLUG_MAX = 200
DESCRIPTION_MAX = 300
KEYWORDS_MAX = 300

# Docusaurus' own pattern (plugin-content-blog, blogUtils.ts), on the path below the blog folder.
_DATE_IN_NAME = re.compile(
    r"^(?P<folder>.*)(?P<date>(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2}))"
    r"[-/]?(?P<text>.*)$"
)
_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MISSING = object()
_LEGACY_AUTHOR = {
    "title": ("author_title", "authorTitle"),
    "url": ("author_url", "authorURL"),
    "image_url": ("author_image_url", "authorImageURL"),
}
# The keys the importer turns into fields of ours; every other key is kept for the export.
_USED = frozenset(
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
        "toc_min_heading_level",
        "toc_max_heading_level",
        "lang",
        "series",
        "series_position",
        *(key for keys in _LEGACY_AUTHOR.values() for key in keys),
    }
)
# Docusaurus' own keys that only the old site used: kept for the export, not reported.
_KNOWN = _USED | {"sidebar_label", "last_update", "pagination_prev", "pagination_next", "toc"}


def slug_and_date_from_path(path: Path, root: Path) -> tuple[str, date | None, str]:
    """Docusaurus rules for a file without ``slug``: ``2021-05-12-announcing-x.md`` and
    ``2021-05-12-announcing-x/index.md`` (or ``2021/05/12/announcing-x.md``) give slug
    ``announcing-x``, date 2021-05-12 and the old address ``/2021/05/12/announcing-x`` below
    the blog's route base (a folder above the date goes after it: ``guests/2021-05-12-x.md``
    is ``/2021/05/12/guests/x``); an undated ``folder/post.md`` gives ``post`` and
    ``/folder/post``.
    """
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    name = relative.with_suffix("").as_posix()
    if name.endswith("/index"):
        name = name.removesuffix("/index")
    match = _DATE_IN_NAME.match(name)
    if match:
        try:
            day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            message = gettext("the file name has an impossible date: %(date)s") % {
                "date": match["date"]
            }
            raise InvalidFile(path, 0, message) from None
        text = match["text"] or ""
        old = f"/{match['date'].replace('-', '/')}/{match['folder']}{text}"
        return our_slug(text) or day.isoformat(), day, old
    return our_slug(name.rsplit("/", 1)[-1]), None, f"/{name}"


def our_slug(text: str) -> str:
    """Our form of a Docusaurus slug or file name: lower case, with hyphens for the slashes
    and dots (``releases/2.2`` becomes ``releases-2-2``, ``/x/y/z.html`` becomes ``x-y-z``).
    The old form stays reachable as a former address."""
    text = re.sub(r"\.html?$", "", text.strip("/"), flags=re.I)
    return slugify(re.sub(r"[/.]+", "-", text))[:SLUG_MAX].strip("-")


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


def apply_front_matter(
    post: ParsedPost, front_matter: FrontMatter, folder: FolderInfo, options: ImportOptions
) -> None:
    """Fills ``post`` from Docusaurus front matter; raises :class:`InvalidFile` on bad values."""
    values = front_matter.values
    reader = _Reader(post.path, front_matter)
    post.lines.update(front_matter.lines)
    if "slug" in values:
        raw = reader.text("slug")
        post.slug = our_slug(raw)
        if not post.slug:
            message = gettext("slug %(slug)r has no usable letters") % {"slug": raw}
            raise InvalidFile(post.path, reader.line("slug"), message)
        post.old_paths = ["/" + raw.strip("/")]
        if post.slug != raw.strip("/"):
            message = gettext("slug %(raw)r became %(slug)r; the old address %(old)s redirects")
            old = options.old_address(raw)
            post.notes.append(message % {"raw": raw, "slug": post.slug, "old": old})
    if "title" in values:
        post.title = reader.text("title")
    post.description = reader.text("description")
    post.keywords = reader.keywords()
    post.status = PostStatus.DRAFT if reader.boolean("draft") else PostStatus.PUBLISHED
    post.unlisted = reader.boolean("unlisted")
    post.hide_toc = reader.boolean("hide_table_of_contents")
    post.toc_levels = reader.toc_levels()
    post.language = reader.language(options.language)
    if "date" in values:
        post.publish_at = reader.moment("date")
    post.updated_at = reader.last_update()
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
        if author.image_url and not is_local(author.image_url)
    )
    post.notes.extend(reader.notes)
    post.kept = {key: json_safe(value) for key, value in values.items() if key not in _USED}
    post.unknown_keys.extend(key for key in values if key not in _KNOWN)
    reader.check_lengths(post)


def json_safe(value: Any) -> Any:
    """A front matter value as JSON can hold it: dates as ISO text, keys as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


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

    def image_url(self, ref: dict) -> str:
        value = self.text("authors", ref.get("image_url"))
        return image_address(
            self.path, self.line("authors"), value, gettext("the author's 'image_url'")
        )

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

    def moment(self, key: str, value: Any = _MISSING) -> datetime:
        """The value of ``key`` (or ``value``, found under it) as an aware datetime."""
        value = self.values[key] if value is _MISSING else value
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                message = gettext("'%(key)s' is not a date: %(value)r")
                raise self.fail(key, message % {"key": key, "value": value}) from None
        if isinstance(value, datetime):
            # Docusaurus (js-yaml) reads a moment without a zone as UTC.
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, date):
            return midnight(value)
        message = gettext("'%(key)s' should be a date like 2021-05-12, not %(kind)s")
        raise self.fail(key, message % _what(key, value))

    def toc_levels(self) -> tuple[int, int] | None:
        """``toc_min_heading_level``/``toc_max_heading_level`` (2 to 6), or None if absent."""
        keys = ("toc_min_heading_level", "toc_max_heading_level")
        if not any(key in self.values for key in keys):
            return None
        levels = []
        for key, default in zip(keys, DEFAULT_TOC_LEVELS, strict=True):
            value = self.values.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 6:
                message = gettext("'%(key)s' should be a heading level from 2 to 6, not %(value)r")
                raise self.fail(key, message % {"key": key, "value": value})
            levels.append(value)
        low, high = levels
        if low > high:
            message = gettext("'toc_min_heading_level' is above 'toc_max_heading_level'")
            raise self.fail(keys[0], message)
        return low, high

    def language(self, default: str | None) -> str:
        """The post's ``lang`` if the site has that language, else the import's or the site's."""
        fallback = default or settings.LANGUAGE_CODE
        if "lang" not in self.values:
            return fallback
        raw = self.text("lang")
        codes = {code for code, _name in settings.LANGUAGES}
        code = raw.lower().replace("_", "-")
        code = code if code in codes else code.split("-")[0]
        if code in codes:
            return code
        message = gettext("language %(lang)r is not one of the site's (%(codes)s): %(used)s used")
        self.notes.append(
            message % {"lang": raw, "codes": ", ".join(sorted(codes)), "used": fallback}
        )
        return fallback

    def last_update(self) -> datetime | None:
        """The date of Docusaurus' ``last_update: {date: ..., author: ...}``, if it has one."""
        value = self.values.get("last_update")
        if value is None:
            return None
        if not isinstance(value, dict):
            message = gettext("'last_update' should hold 'date:' and 'author:' lines")
            raise self.fail("last_update", message)
        if value.get("date") is None:
            return None
        return self.moment("last_update", value["date"])

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
                return replace(folder.authors[key], old_key=ref.strip())
            message = gettext("author '%(key)s' is not in an authors.yml: named %(name)r")
            self.notes.append(message % {"key": key, "name": ref.strip()})
            return AuthorInfo(key=key, name=ref.strip(), old_key=ref.strip())
        if isinstance(ref, dict) and isinstance(ref.get("key"), str) and author_key(ref["key"]):
            # A key from authors.yml, with what this post says differently (Docusaurus allows it).
            known = self._author(ref["key"], folder)
            overrides = {
                "name": self.text("authors", ref.get("name")),
                "title": self.text("authors", ref.get("title")),
                "url": self.web_url("authors", ref.get("url"), gettext("the author's 'url'")),
                "bio": self.text("authors", ref.get("description")),
                "image_url": self.image_url(ref),
            }
            return replace(known, **{name: value for name, value in overrides.items() if value})
        if isinstance(ref, dict) and isinstance(ref.get("name"), str) and author_key(ref["name"]):
            return AuthorInfo(
                key=author_key(ref["name"]),
                name=self.text("authors", ref["name"]),
                title=self.text("authors", ref.get("title")),
                url=self.web_url("authors", ref.get("url"), gettext("the author's 'url'")),
                bio=self.text("authors", ref.get("description")),
                image_url=self.image_url(ref),
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
            permalink = self.text("tags", ref.get("permalink")).strip("/")
            slug = our_slug(permalink) or slugify(ref["label"])
            if slug:
                known = folder.tags.get(slug)
                return TagInfo(
                    slug=slug,
                    name=self.text("tags", ref["label"]),
                    description=self.text("tags", ref.get("description"))
                    or (known.description if known else ""),
                    old_permalink=permalink or (known.old_permalink if known else ""),
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


def midnight(day: date) -> datetime:
    """The start of ``day`` in UTC, as Docusaurus reads a date without a time."""
    return datetime.combine(day, time(), tzinfo=UTC)
