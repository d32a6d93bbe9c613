"""One file to one :class:`ParsedPost`: recognising the format and reading it."""

import re
from dataclasses import replace
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from blog_project.importing import docusaurus, images
from blog_project.importing.entries import AuthorInfo, ImportOptions, ParsedPost
from blog_project.importing.errors import InvalidFile
from blog_project.importing.folders import FolderCatalog, FolderInfo
from blog_project.importing.frontmatter import split_front_matter
from blog_project.importing.mdx import Stripped, strip_mdx
from blog_project.importing.plaintext import to_markdown
from blog_project.importing.reading import FoundFile, read_text
from posts.models import PostStatus

MARKDOWN = "markdown"
PLAIN_TEXT = "plain text"
_PLAIN_SLUG_MAX = 80
DEFAULTS = ImportOptions()

_MARKDOWN_SIGNS = re.compile(
    r"^ {0,3}#{1,6}[ \t]+\S"
    r"|^ {0,3}(?:```|~~~)"
    r"|\[\^[^\]\s]+\]"
    r"|\[[^\]\n]+\]\([^)\s]+\)"
    r"|\*\*[^*\n]+\*\*"
    r"|<!--\s*truncate\s*-->|\{/\*\s*truncate\s*\*/\}"
    r"|^:::[a-z]",
    re.MULTILINE,
)


def looks_like_markdown(text: str) -> bool:
    """Whether text without front matter uses Markdown: headings, code, notes, links, bold."""
    return bool(_MARKDOWN_SIGNS.search(text))


def parse_file(
    found: FoundFile, catalog: FolderCatalog, options: ImportOptions = DEFAULTS
) -> ParsedPost:
    """Reads one file; raises :class:`InvalidFile` with the line of what is wrong."""
    path = found.path
    text = read_text(path)
    if not text.strip():
        raise InvalidFile(path, 1, gettext("the file is empty"))
    split = split_front_matter(path, text)
    plain = path.suffix.lower() == ".txt" and not looks_like_markdown(text)
    if split.front_matter is None and plain:
        return parse_plain_text(path, text, options.language)
    return _parse_markdown(path, split, catalog.for_file(found), found.root, options)


def parse_plain_text(path: Path, text: str, language: str | None = None) -> ParsedPost:
    """Plain text: the first line is the title, the slug comes from it; a draft."""
    converted = to_markdown(text)
    slug = slugify(converted.title)[:_PLAIN_SLUG_MAX]
    slug = slug.rsplit("-", 1)[0] if len(slug) == _PLAIN_SLUG_MAX and "-" in slug else slug
    if not slug:
        message = gettext("the first line gives no title with letters or digits")
        raise InvalidFile(path, 1, message)
    return ParsedPost(
        path=path,
        kind=PLAIN_TEXT,
        slug=slug,
        title=converted.title,
        body=converted.body,
        language=language,
    )


def _parse_markdown(
    path: Path, split, folder: FolderInfo, root: Path, options: ImportOptions
) -> ParsedPost:
    slug, day, old_path = docusaurus.slug_and_date_from_path(path, root)
    stripped = strip_mdx(split.body, expressions=path.suffix.lower() == ".mdx")
    body, cut = docusaurus.normalise_body(stripped.body)
    offset = split.body_offset + cut
    front_matter = split.front_matter
    has_title = front_matter is not None and bool(front_matter.values.get("title"))
    if has_title:
        heading, body, cut = docusaurus.leading_heading(body)
    else:
        heading, body, cut = docusaurus.split_leading_title(body)
    body, more = docusaurus.normalise_body(body)
    offset += cut + more
    post = ParsedPost(
        path=path,
        kind=MARKDOWN,
        slug=slug,
        title=heading or "",
        body=body,
        body_offset=offset,
        status=PostStatus.PUBLISHED,
        publish_at=docusaurus.midnight(day) if day else None,
        language=options.language,
        old_paths=[old_path],
    )
    post.notes.extend(_mdx_notes(stripped, split.body_offset))
    if front_matter is not None:
        docusaurus.apply_front_matter(post, front_matter, folder, options)
        if has_title and heading:
            message = gettext("leading heading dropped in favour of the title: %(heading)r")
            post.notes.append(message % {"heading": heading})
    if not post.title:
        post.title = slug.replace("-", " ").capitalize()
        message = gettext("no title or # heading: titled %(title)r after the file name")
        post.notes.append(message % {"title": post.title})
    if not post.slug:
        raise InvalidFile(path, 1, gettext("no slug: add 'slug:' to the front matter"))
    post.body, post.images = images.rewrite_body(path, post.body, post.body_offset, root)
    post.authors = tuple(_author_photo(post, author, root) for author in post.authors)
    cover = front_matter.values.get("image") if front_matter is not None else None
    if isinstance(cover, str) and images.is_local(cover):
        try:
            post.cover = images.local_image(path, post.line("image"), cover, root)
        except InvalidFile:
            if not cover.startswith("/"):
                raise
            # A site address Docusaurus would not check either: left to the editors.
            message = gettext("cover image not imported: %(image)s") % {"image": cover}
            post.notes.append(message)
    return post


def _author_photo(post: ParsedPost, author: AuthorInfo, root: Path) -> AuthorInfo:
    """The author with their local ``image_url`` found as a file to copy; a missing file is a
    note (the post is fine without the photo)."""
    if not author.image_url or not images.is_local(author.image_url):
        return author
    try:
        photo = images.local_image(post.path, post.line("authors"), author.image_url, root)
    except InvalidFile as exc:
        message = gettext("photo of author '%(key)s' not imported: %(problem)s")
        post.notes.append(message % {"key": author.key, "problem": exc.problem.message})
        return replace(author, image_url="")
    return replace(author, image=photo, image_url="")


def _mdx_notes(stripped: Stripped, offset: int) -> list[str]:
    """What :func:`strip_mdx` took out, with the file lines, for the import report."""
    found = (
        (stripped.statements, gettext_noop("MDX import/export dropped")),
        (stripped.comments, gettext_noop("MDX comment removed")),
        (stripped.unwrapped_fences, gettext_noop("mdx-code-block rendered as Markdown")),
    )
    notes = []
    for lines, what in found:
        if lines:
            where = ", ".join(str(offset + line) for line in lines)
            notes.append(
                gettext("%(what)s (line %(lines)s)") % {"what": gettext(what), "lines": where}
            )
    for line, name in stripped.components:
        message = gettext("line %(line)s: component <%(name)s> kept as its inner text")
        notes.append(message % {"line": offset + line, "name": name})
    for line, text in stripped.expressions:
        message = gettext("line %(line)s: JSX expression %(text)s removed")
        notes.append(message % {"line": offset + line, "text": text})
    return notes
