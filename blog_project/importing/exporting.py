"""Writing every post out as Docusaurus Markdown, with ``authors.yml`` and ``tags.yml``.

The files import back into the same posts, citations, sources, tags and series; a
``series.yml`` keeps the series' slugs and descriptions.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from blog_project.importing import images, registry_file
from blog_project.importing.folders import AUTHORS_FILE, SERIES_FILE, TAGS_FILE
from posts.models import Author, Post, Tag
from posts.rendering import DEFAULT_TOC_LEVELS
from series.models import Series


@dataclass
class ExportReport:
    """The files an export wrote."""

    directory: Path
    post_files: list[Path] = field(default_factory=list)
    metadata_files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        names = ", ".join(path.name for path in self.metadata_files)
        count = len(self.post_files)
        message = ngettext(
            "Exported %(count)s post to %(folder)s (with %(names)s).",
            "Exported %(count)s posts to %(folder)s (with %(names)s).",
            count,
        )
        return message % {"count": count, "folder": self.directory, "names": names}


def export_posts(directory: Path) -> ExportReport:
    """Writes one ``<date>-<slug>.md`` per post and the metadata files into ``directory``:
    ``authors.yml``, ``tags.yml``, ``series.yml`` and ``sources.yml`` (the register)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    report = ExportReport(directory)
    posts = (
        Post.objects.order_by("publish_at", "pk")
        .select_related("series_entry__series")
        .prefetch_related("authors", "tags")
    )
    for post in posts:
        path = directory / f"{timezone.localtime(post.publish_at).date()}-{post.slug}.md"
        path.write_text(post_markdown(post, images_to=directory), encoding="utf-8")
        report.post_files.append(path)
    metadata = {
        AUTHORS_FILE: {author.key: _author(author) for author in Author.objects.order_by("key")},
        TAGS_FILE: {tag.slug: _tag(tag) for tag in Tag.objects.order_by("slug")},
        SERIES_FILE: {series.slug: _series(series) for series in Series.objects.order_by("slug")},
    }
    for name, entries in metadata.items():
        if entries:
            path = directory / name
            path.write_text(_yaml(entries), encoding="utf-8")
            report.metadata_files.append(path)
    if path := registry_file.write(directory):
        report.metadata_files.append(path)
    return report


def post_markdown(post: Post, *, images_to: Path | None = None) -> str:
    """The post as a Markdown file with Docusaurus front matter; with ``images_to``, its
    cover and the images in our media storage are copied into that folder's ``img/``."""
    front_matter: dict[str, Any] = {"slug": post.slug, "title": post.title}
    front_matter["authors"] = [author.key for author in post.bylines]
    front_matter["tags"] = sorted(tag.slug for tag in post.tags.all())
    front_matter["date"] = _date(post.publish_at)
    if post.description:
        front_matter["description"] = post.description
    if post.keywords:
        front_matter["keywords"] = [word.strip() for word in post.keywords.split(",")]
    front_matter["draft"] = post.status == Post.Status.DRAFT
    if post.unlisted:
        front_matter["unlisted"] = True
    if post.hide_toc:
        front_matter["hide_table_of_contents"] = True
    if post.toc_levels != DEFAULT_TOC_LEVELS:
        front_matter["toc_min_heading_level"] = post.toc_min_level
        front_matter["toc_max_heading_level"] = post.toc_max_level
    if post.language != settings.LANGUAGE_CODE:
        front_matter["lang"] = post.language
    entry = getattr(post, "series_entry", None)
    if entry is not None:
        front_matter["series"] = entry.series.title
        front_matter["series_position"] = entry.position
    # What the old site's front matter said that we do not use (last_update, sidebar_label...).
    front_matter.update(
        {key: value for key, value in post.kept_front_matter.items() if key not in front_matter}
    )
    body = post.body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if images_to is not None:
        body = images.export_body(body, images_to)[0]
        if cover := images.export_file(post.cover_image.name, images_to):
            front_matter["image"] = cover
    return f"---\n{_yaml(front_matter)}---\n\n{body}\n"


def _date(moment: datetime) -> Any:
    """A date alone for midnight UTC (how Docusaurus reads a date), else the moment in the
    site's zone with its offset."""
    if moment.astimezone(UTC).time() == time():
        return moment.astimezone(UTC).date()
    return timezone.localtime(moment).isoformat()


def _author(author: Author) -> dict[str, str]:
    fields = {"name": author.name, "title": author.title, "url": author.url}
    fields["description"] = author.bio
    return {key: value for key, value in fields.items() if value}


def _tag(tag: Tag) -> dict[str, str]:
    fields = {"label": tag.name, "description": tag.description}
    return {key: value for key, value in fields.items() if value}


def _series(series: Series) -> dict[str, str]:
    fields = {"title": series.title, "description": series.description}
    return {key: value for key, value in fields.items() if value}


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
