"""Links between the imported files: ``[x](./other-post.md)`` becomes a link to that article.

Docusaurus resolves a link to a sibling ``.md``/``.mdx`` file to that post's page; after the
import those files are our articles, so the links point at their addresses, as do links to
an imported post's old address (``/blog/2024/05/01/feature``). A link to a file that is not
among the imported ones cannot be resolved: it is noted with its line. A site-relative link
into the rest of the old site (``/docs/intro``) points at ``--old-site-url`` when given, and
is noted otherwise.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext

from blog_project.importing.entries import ImportOptions, ParsedPost
from blog_project.importing.fences import prose_lines

_LINK = re.compile(r"(?<!!)(\[[^\]\n]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"\n]*\")?\s*\))")
_MARKDOWN_FILE = re.compile(r"\.mdx?$", re.I)
_SITE_ROOT_PREFIXES = ("/blog/", "/static/", "/media/", "/img/")


@dataclass(frozen=True)
class _Targets:
    by_file: dict[Path, ParsedPost]
    by_old_address: dict[str, ParsedPost]
    options: ImportOptions


def link_posts(posts: Sequence[ParsedPost], options: ImportOptions) -> None:
    """Rewrites links to sibling Markdown files in every post; notes what stays unresolved."""
    targets = _Targets(
        by_file={post.path.resolve(): post for post in posts},
        by_old_address={
            options.old_address(path): post for post in posts for path in post.old_paths
        },
        options=options,
    )
    for post in posts:
        post.body = _rewrite(post, targets)


def _rewrite(post: ParsedPost, targets: _Targets) -> str:
    lines = post.body.split("\n")
    for index in prose_lines(lines):
        file_line = post.body_offset + index + 1
        lines[index] = _LINK.sub(
            lambda match, at=file_line: _target(post, targets, match, at), lines[index]
        )
    return "\n".join(lines)


def _target(post: ParsedPost, targets: _Targets, match: re.Match, line: int) -> str:
    href = match[2]
    address, _, anchor = href.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if _MARKDOWN_FILE.search(address) and "://" not in address:
        target = targets.by_file.get((post.path.parent / address).resolve())
        if target is not None:
            url = reverse("posts:detail", args=[target.slug]) + fragment
            return f"{match[1]}{url}{match[3]}"
        message = gettext("line %(line)s: link to %(href)s, a file not in this import")
        post.notes.append(message % {"line": line, "href": href})
    elif (target := targets.by_old_address.get(address.rstrip("/"))) is not None:
        url = reverse("posts:detail", args=[target.slug]) + fragment
        return f"{match[1]}{url}{match[3]}"
    elif address.startswith("/") and not address.startswith(("//", *_SITE_ROOT_PREFIXES)):
        if targets.options.old_site_url:
            return f"{match[1]}{targets.options.old_site_url}{href}{match[3]}"
        message = gettext("line %(line)s: link %(href)s points into the old site")
        post.notes.append(message % {"line": line, "href": href})
    return match[0]
