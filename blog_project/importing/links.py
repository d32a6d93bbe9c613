"""Links between the imported files: ``[x](./other-post.md)`` becomes a link to that article.

Docusaurus resolves a link to a sibling ``.md``/``.mdx`` file to that post's page; after the
import those files are our articles, so the links point at their addresses. A link to a file
that is not among the imported ones, or a site-relative link into the old site
(``/docs/intro``), cannot be resolved here: each is noted with its line.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext

from blog_project.importing.entries import ParsedPost
from blog_project.importing.fences import prose_lines

_LINK = re.compile(r"(?<!!)(\[[^\]\n]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"\n]*\")?\s*\))")
_MARKDOWN_FILE = re.compile(r"\.mdx?$", re.I)
_SITE_ROOT_PREFIXES = ("/blog/", "/static/", "/media/", "/img/")


def link_posts(posts: Sequence[ParsedPost]) -> None:
    """Rewrites links to sibling Markdown files in every post; notes what stays unresolved."""
    by_file = {post.path.resolve(): post for post in posts}
    for post in posts:
        post.body = _rewrite(post, by_file)


def _rewrite(post: ParsedPost, by_file: dict[Path, ParsedPost]) -> str:
    lines = post.body.split("\n")
    for index in prose_lines(lines):
        file_line = post.body_offset + index + 1
        lines[index] = _LINK.sub(
            lambda match, at=file_line: _target(post, by_file, match, at), lines[index]
        )
    return "\n".join(lines)


def _target(post: ParsedPost, by_file: dict[Path, ParsedPost], match: re.Match, line: int) -> str:
    href = match[2]
    address, _, anchor = href.partition("#")
    if _MARKDOWN_FILE.search(address) and "://" not in address:
        target = by_file.get((post.path.parent / address).resolve())
        if target is not None:
            url = reverse("posts:detail", args=[target.slug]) + (f"#{anchor}" if anchor else "")
            return f"{match[1]}{url}{match[3]}"
        message = gettext("line %(line)s: link to %(href)s, a file not in this import")
        post.notes.append(message % {"line": line, "href": href})
    elif address.startswith("/") and not address.startswith(("//", *_SITE_ROOT_PREFIXES)):
        message = gettext("line %(line)s: link %(href)s points into the old site")
        post.notes.append(message % {"line": line, "href": href})
    return match[0]
