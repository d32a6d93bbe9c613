"""Writing parsed files to the database: all or nothing, and nothing when nothing changed."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from blog_project.importing import images, registry_file
from blog_project.importing.entries import (
    AuthorInfo,
    ImportOptions,
    ParsedPost,
    SeriesInfo,
    TagInfo,
)
from blog_project.importing.errors import FileProblem, ImportFailed, InvalidFile
from blog_project.importing.folders import FolderCatalog
from blog_project.importing.links import link_posts
from blog_project.importing.parsing import DEFAULTS, PLAIN_TEXT, parse_file
from blog_project.importing.reading import find_files
from blog_project.importing.report import CREATED, UNCHANGED, UPDATED, FileOutcome, ImportReport
from blog_project.importing.validation import body_problems, render_posts, set_problems
from posts import counts
from posts.models import Author, FormerAddress, Post, PostStatus, Tag
from posts.rendering import DEFAULT_TOC_LEVELS
from posts.services import post_write
from series.models import Series, SeriesEntry
from sources.models import Source

STATUSES = tuple(PostStatus.values)
_FRONT_MATTER_FIELDS = ("description", "keywords", "unlisted", "hide_toc")
# Docusaurus' list pages hold ten posts unless the site says otherwise (postsPerPage).
_DOCUSAURUS_PAGE_SIZE = 10


def import_paths(
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    status: str | None = None,
    skip_invalid: bool = False,
    options: ImportOptions = DEFAULTS,
) -> ImportReport:
    """Imports the article files in ``paths`` (files, or folders searched recursively).

    Every file is read and validated before anything is written, and the writing happens in
    one transaction. Raises :class:`ImportFailed` listing every invalid file, with the
    database untouched, unless ``skip_invalid``: then the valid files are imported and the
    invalid ones listed in the report. ``status`` overrides the files' draft/published state.
    A dry run does all the work and rolls it back, so its report is exact. ``options`` says
    where the old blog lived and what language its files are in.
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    posts, problems = parse_paths(paths, options)
    entries, register_problems = _register_files(paths)
    problems += register_problems
    with transaction.atomic():
        problems += _database_problems(posts)
        if problems and not skip_invalid:
            raise ImportFailed(problems)
        invalid = {problem.path for problem in problems}
        report = ImportReport(dry_run=dry_run, skipped=problems)
        with counts.batched():
            writer = _Writer(report, status, options, copy_images=not dry_run)
            writer.write([post for post in posts if post.path not in invalid], entries)
        if dry_run:
            transaction.set_rollback(True)
    return report


def parse_paths(
    paths: Sequence[Path], options: ImportOptions = DEFAULTS
) -> tuple[list[ParsedPost], list[FileProblem]]:
    """Every file under ``paths`` parsed and validated, and the problems of those that fail."""
    catalog = FolderCatalog()
    parsed: list[ParsedPost] = []
    problems: list[FileProblem] = []
    for path in paths:
        try:
            found = find_files([path])
        except InvalidFile as exc:
            problems.append(exc.problem)
            continue
        for item in found:
            try:
                parsed.append(parse_file(item, catalog, options))
            except InvalidFile as exc:
                problems.append(exc.problem)
    link_posts(parsed, options)
    render_posts(parsed)
    posts: list[ParsedPost] = []
    for post in parsed:
        if errors := body_problems(post):
            problems.extend(errors)
        else:
            posts.append(post)
    return posts, problems + set_problems(posts)


def _register_files(paths: Sequence[Path]) -> tuple[list, list[FileProblem]]:
    """The ``sources.yml`` entries of the folders given (see :mod:`.registry_file`)."""
    entries, problems = [], []
    for path in paths:
        if Path(path).is_dir():
            try:
                entries += registry_file.read(Path(path))
            except InvalidFile as exc:
                problems.append(exc.problem)
    return entries, problems


def _database_problems(posts: Sequence[ParsedPost]) -> list[FileProblem]:
    """Series places the files claim that another post already holds."""
    slugs = {post.slug for post in posts}
    problems = []
    for post in posts:
        if not (post.series and post.series_position):
            continue
        holder = (
            SeriesEntry.objects.filter(series__slug=post.series.slug, position=post.series_position)
            .exclude(post__slug__in=slugs)
            .values_list("post__slug", flat=True)
            .first()
        )
        if holder:
            message = gettext(
                "part %(position)s of series '%(series)s' is already the post '%(slug)s'"
            )
            message %= {
                "position": post.series_position,
                "series": post.series.title,
                "slug": holder,
            }
            problems.append(FileProblem(post.path, post.line("series_position"), message))
    return problems


@dataclass
class _Placement:
    post: Post
    series: Series
    position: int | None


class _Writer:
    """Creates and updates posts, with their authors, tags and series, counting as it goes."""

    def __init__(
        self,
        report: ImportReport,
        status: str | None,
        options: ImportOptions,
        *,
        copy_images: bool,
    ) -> None:
        self.report = report
        self.status = status
        self.options = options
        self.copy_images = copy_images
        # Old addresses (with the route base) and what answers them now: a post or a path.
        self.addresses: dict[str, Post | str] = {}
        self.now = timezone.now()
        self.authors: dict[str, Author] = {}
        self.tags: dict[str, Tag] = {}
        self.series: dict[str, Series] = {}

    def write(self, posts: Sequence[ParsedPost], entries: Sequence = ()) -> None:
        sources_before = Source.objects.count()
        # The register first: a note citing a merged-away source then finds the survivor.
        applied = registry_file.apply(list(entries))
        self.report.sources_updated = applied.updated
        self.report.aliases_created = applied.aliases
        placements: list[_Placement] = []
        for parsed in posts:
            if self.copy_images:
                photos = [author.image for author in parsed.authors if author.image]
                images.copy([*parsed.images, *filter(None, [parsed.cover]), *photos])
            self.report.outcomes.append(self._post(parsed, placements))
        _place(placements)
        self.report.sources_created = Source.objects.count() - sources_before
        if posts and self.options.old_address("/") != "/blog":
            self._site_addresses(len(posts))
        self.report.addresses_created = _remember_addresses(self.addresses)

    def _post(self, parsed: ParsedPost, placements: list[_Placement]) -> FileOutcome:
        existing = Post.objects.filter(slug=parsed.slug).first()
        post = existing or Post(slug=parsed.slug)
        wanted = self._fields(parsed, existing)
        changed = [name for name, value in wanted.items() if getattr(post, name) != value]
        plain = parsed.kind == PLAIN_TEXT
        authors = [] if plain else [self._author(info) for info in parsed.authors]
        tags = [] if plain else [self._tag(info) for info in parsed.tags]
        if not plain and _byline(existing) != [a.key for a in authors]:
            changed.append("authors")
        if not plain and _keys(existing, "tags", "slug") != {t.slug for t in tags}:
            changed.append("tags")
        placement = self._placement(parsed, post, existing)
        if placement:
            changed.append("series")
            placements.append(placement)
        for path in parsed.old_paths:
            self.addresses[self.options.old_address(path)] = post
        if existing is not None and not changed:
            return _outcome(parsed, UNCHANGED)
        for name, value in wanted.items():
            setattr(post, name, value)
        if existing is None or set(changed) - {"series"}:
            # Rendered in the file's language; an editor may have given the post another.
            same = post.language == (parsed.language or settings.LANGUAGE_CODE)
            post_write(
                post=post,
                rendered=parsed.rendered if same else None,
                authors=authors if "authors" in changed else None,
                tags=tags if "tags" in changed else None,
            )
        if existing is None:
            return _outcome(parsed, CREATED)
        return _outcome(parsed, UPDATED, changed)

    def _fields(self, parsed: ParsedPost, existing: Post | None) -> dict:
        """The field values the file sets; plain text leaves the rest to the editors."""
        wanted: dict = {"title": parsed.title, "body": parsed.body}
        if parsed.kind != PLAIN_TEXT:
            wanted.update({name: getattr(parsed, name) for name in _FRONT_MATTER_FIELDS})
            low, high = parsed.toc_levels or DEFAULT_TOC_LEVELS
            wanted.update(toc_min_level=low, toc_max_level=high, kept_front_matter=parsed.kept)
            wanted["language"] = parsed.language or settings.LANGUAGE_CODE
            if parsed.updated_at:
                wanted["noted_update_at"] = parsed.updated_at
        elif existing is None:
            wanted["language"] = parsed.language or settings.LANGUAGE_CODE
        if parsed.cover is not None:
            wanted["cover_image"] = parsed.cover.name
            if existing is None or not existing.cover_alt:
                wanted["cover_alt"] = parsed.title
        status = self.status or parsed.status
        if status or existing is None:
            wanted["status"] = status or PostStatus.DRAFT
        if parsed.publish_at or existing is None:
            wanted["publish_at"] = parsed.publish_at or self.now
        return wanted

    def _placement(
        self, parsed: ParsedPost, post: Post, existing: Post | None
    ) -> _Placement | None:
        """Where the post goes in its series, or None when the file names none or it is there."""
        if parsed.series is None:
            return None
        entries = SeriesEntry.objects.filter(post=existing).select_related("series")
        entry = entries.first() if existing else None
        if (
            entry is not None
            and entry.series.slug == parsed.series.slug
            and parsed.series_position in (None, entry.position)
        ):
            return None
        return _Placement(post, self._series(parsed.series), parsed.series_position)

    def _author(self, info: AuthorInfo) -> Author:
        author = self.authors.get(info.key) or Author.objects.filter(key=info.key).first()
        photo = info.image.name if info.image else ""
        if author is None:
            author = Author.objects.create(
                key=info.key,
                name=info.name,
                title=info.title,
                url=info.url,
                bio=info.bio,
                image=photo,
            )
            self.report.authors_created += 1
        else:
            # Created from a bare key earlier; a described author brings the real name.
            name = info.name if author.name == author.key and info.name != info.key else ""
            _fill_blanks(author, title=info.title, url=info.url, bio=info.bio, image=photo)
            if name:
                author.name = name
                author.save(update_fields=["name"])
            elif info.name not in (author.name, info.key) and info.key not in self.authors:
                self.report.label_conflicts.append(
                    gettext(
                        "author '%(key)s' is already called %(ours)r here; kept it, not %(theirs)r"
                    )
                    % {"key": info.key, "ours": author.name, "theirs": info.name}
                )
        self.authors[info.key] = author
        if info.old_key:
            target = reverse("posts:author", args=[author.key])
            self.addresses.setdefault(self.options.old_address(f"authors/{info.old_key}"), target)
        return author

    def _tag(self, info: TagInfo) -> Tag:
        tag = self.tags.get(info.slug) or Tag.objects.filter(slug=info.slug).first()
        if tag is None:
            tag = Tag.objects.create(slug=info.slug, name=info.name, description=info.description)
            self.report.tags_created += 1
        else:
            _fill_blanks(tag, description=info.description)
            if info.name != tag.name and info.slug not in self.tags:
                self.report.label_conflicts.append(
                    gettext(
                        "tag '%(slug)s' is already called %(ours)r here; kept it, not %(theirs)r"
                    )
                    % {"slug": info.slug, "ours": tag.name, "theirs": info.name}
                )
        self.tags[info.slug] = tag
        old = self.options.old_address(f"tags/{info.old_permalink or info.slug}")
        self.addresses.setdefault(old, reverse("posts:tag", args=[tag.slug]))
        return tag

    def _series(self, info: SeriesInfo) -> Series:
        series = self.series.get(info.slug) or Series.objects.filter(slug=info.slug).first()
        if series is None:
            series = Series.objects.create(
                slug=info.slug, title=info.title, description=info.description
            )
            self.report.series_created += 1
        else:
            _fill_blanks(series, description=info.description)
        self.series[info.slug] = series
        return series

    def _site_addresses(self, count: int) -> None:
        """The old blog's own pages under a route base other than ours: its list, archive,
        feeds and numbered list pages."""
        pages = {
            "": "posts:list",
            "archive": "posts:archive",
            "rss.xml": "posts:rss",
            "atom.xml": "posts:atom",
            "feed.json": "posts:json",
            "tags": "posts:tags",
        }
        for path, name in pages.items():
            self.addresses.setdefault(self.options.old_address(path), reverse(name))
        for number in range(2, -(-count // _DOCUSAURUS_PAGE_SIZE) + 1):
            target = f"{reverse('posts:list')}?page={number}"
            self.addresses.setdefault(self.options.old_address(f"page/{number}"), target)


def _remember_addresses(addresses: dict[str, Post | str]) -> int:
    """Records the old addresses that do not answer already; returns how many are new.

    An address that is our own page's (``/blog/x`` for the post ``x``) needs no record; one
    that pointed elsewhere is pointed at its new place.
    """
    wanted = {}
    for path, target in addresses.items():
        url = target.get_absolute_url() if isinstance(target, Post) else target
        if path.rstrip("/") != url.rstrip("/") and len(path) <= _MAX_PATH:
            wanted[path] = target
    known = {a.path: a for a in FormerAddress.objects.filter(path__in=wanted)}
    new = []
    for path, target in wanted.items():
        post, text = (target, "") if isinstance(target, Post) else (None, target)
        address = known.get(path)
        if address is None:
            new.append(FormerAddress(path=path, post=post, target=text))
        elif (address.post_id, address.target) != (post.pk if post else None, text):
            address.post, address.target = post, text
            address.save(update_fields=["post", "target"])
    FormerAddress.objects.bulk_create(new)
    return len(new)


_MAX_PATH = FormerAddress._meta.get_field("path").max_length


def _place(placements: list[_Placement]) -> None:
    """Moves posts into their series: old places are freed first, numbered parts go first."""
    SeriesEntry.objects.filter(post__in=[p.post for p in placements]).delete()
    for placement in sorted(placements, key=lambda p: p.position is None):
        position = placement.position
        if position is None:
            last = placement.series.entries.aggregate(last=Max("position"))["last"]
            position = (last or 0) + 1
        SeriesEntry.objects.create(series=placement.series, post=placement.post, position=position)


def _byline(post: Post | None) -> list[str]:
    """The keys of the post's authors in byline order."""
    return [author.key for author in post.bylines] if post is not None else []


def _keys(post: Post | None, relation: str, field: str) -> set[str]:
    if post is None:
        return set()
    return set(getattr(post, relation).values_list(field, flat=True))


def _fill_blanks(instance, **values: str) -> None:
    """Fills fields that are empty in the database with what the metadata files say."""
    blanks = [name for name, value in values.items() if value and not getattr(instance, name)]
    for name in blanks:
        setattr(instance, name, values[name])
    if blanks:
        instance.save(update_fields=blanks)


def _outcome(parsed: ParsedPost, action: str, changed: Sequence[str] = ()) -> FileOutcome:
    return FileOutcome(
        path=parsed.path,
        slug=parsed.slug,
        action=action,
        changed=tuple(changed),
        notes=tuple(parsed.notes),
        unknown_keys=tuple(parsed.unknown_keys),
    )
