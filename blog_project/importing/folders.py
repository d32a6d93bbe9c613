"""A folder's ``authors.yml``, ``tags.yml`` and ``series.yml``, as Docusaurus keeps them."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext

from blog_project.importing.entries import AuthorInfo, SeriesInfo, TagInfo
from blog_project.importing.errors import InvalidFile
from blog_project.importing.frontmatter import parse_yaml
from blog_project.importing.images import is_local
from blog_project.importing.reading import FoundFile, read_text
from posts.validators import is_web_url

AUTHORS_FILE = "authors.yml"
TAGS_FILE = "tags.yml"
SERIES_FILE = "series.yml"


@dataclass(frozen=True)
class FolderInfo:
    """Authors by key, tags by slug and series by title, as the folder files describe them."""

    authors: dict[str, AuthorInfo] = field(default_factory=dict)
    tags: dict[str, TagInfo] = field(default_factory=dict)
    series: dict[str, SeriesInfo] = field(default_factory=dict)


class FolderCatalog:
    """Looks up the metadata files from a file's folder up to the folder the import was given.

    A nearer file wins for a key it describes; every file is read once.
    """

    def __init__(self) -> None:
        self._files: dict[Path, FolderInfo] = {}

    def for_file(self, found: FoundFile) -> FolderInfo:
        folders = [found.path.parent]
        while folders[-1] != found.root and found.root in folders[-1].parents:
            folders.append(folders[-1].parent)
        merged = FolderInfo()
        for folder in reversed(folders):
            info = self._folder(folder)
            merged.authors.update(info.authors)
            merged.tags.update(info.tags)
            merged.series.update(info.series)
        return merged

    def _folder(self, folder: Path) -> FolderInfo:
        if folder not in self._files:
            self._files[folder] = FolderInfo(
                authors={a.key: a for a in _read(folder / AUTHORS_FILE, _author).values()},
                tags={t.slug: t for t in _read(folder / TAGS_FILE, _tag).values()},
                series={s.title: s for s in _read(folder / SERIES_FILE, _series).values()},
            )
        return self._files[folder]


def _read(path: Path, make) -> dict:
    if not path.is_file():
        return {}
    data = parse_yaml(path, read_text(path))
    entries = {}
    for key, value in data.values.items():
        if value is None:
            value = {}
        if not isinstance(value, dict):
            message = gettext("'%(key)s' should hold 'field: value' lines") % {"key": key}
            raise InvalidFile(path, data.line(key), message)
        entries[key] = make(path, data.line(key), key, value)
    return entries


def _text(path: Path, line: int, value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise InvalidFile(path, line, gettext("%(what)s should be text") % {"what": what})
    return str(value).strip()


def _author(path: Path, line: int, key: str, value: dict) -> AuthorInfo:
    def text(name: str) -> str:
        return _text(path, line, value.get(name), f"'{key}.{name}'")

    return AuthorInfo(
        key=author_key(key),
        old_key=key,
        name=text("name") or key,
        title=text("title"),
        url=web_url(path, line, text("url"), f"'{key}.url'"),
        bio=text("bio") or text("description"),
        image_url=image_address(path, line, text("image_url"), f"'{key}.image_url'"),
    )


def _tag(path: Path, line: int, key: str, value: dict) -> TagInfo:
    """A tags.yml entry; a post names it by its key, Docusaurus served it at its permalink."""
    permalink = _text(path, line, value.get("permalink"), f"'{key}.permalink'").strip("/")
    return TagInfo(
        slug=slugify(key),
        name=_text(path, line, value.get("label"), f"'{key}.label'") or key,
        description=_text(path, line, value.get("description"), f"'{key}.description'"),
        old_permalink=permalink,
    )


def _series(path: Path, line: int, key: str, value: dict) -> SeriesInfo:
    title = _text(path, line, value.get("title"), f"'{key}.title'") or key
    return SeriesInfo(
        slug=slugify(key) or slugify(title),
        title=title,
        description=_text(path, line, value.get("description"), f"'{key}.description'"),
    )


def web_url(path: Path, line: int, value: str, what: str) -> str:
    """``value`` if it is empty or an http(s) address, as the admin accepts; else the file fails."""
    if value and not is_web_url(value):
        message = gettext("%(what)s should be a web address (https://...), not %(value)r")
        message %= {"what": what, "value": value}
        raise InvalidFile(path, line, message)
    return value


def image_address(path: Path, line: int, value: str, what: str) -> str:
    """An image's address: a file of the old site (``/img/me.png``, copied by the import) or
    a web address."""
    return value if is_local(value) and "://" not in value else web_url(path, line, value, what)


def author_key(text: str) -> str:
    """An Author.key from a Docusaurus key or a name: a slug of at most 50 characters."""
    return slugify(text)[:50].strip("-")
