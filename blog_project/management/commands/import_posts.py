"""``manage.py import_posts PATH [PATH ...]``: Docusaurus Markdown and plain text as posts."""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from blog_project.importing import ImportFailed, import_paths
from blog_project.importing.entries import ImportOptions
from posts.models import PostStatus
from posts.validators import is_web_url

HELP = """Imports articles from files and folders (searched recursively for .md, .mdx,
.markdown and .txt files; names starting with . or _ are skipped).

The format is recognised from the content. Markdown may carry Docusaurus front matter:
slug, title, authors (keys, keys with overrides, or objects with name/title/url/image_url),
author and the older author_* keys, tags (names or objects), date, last_update,
description, keywords, image, draft, unlisted, hide_table_of_contents,
toc_min_heading_level, toc_max_heading_level, series, series_position and lang (the
post's language). Other keys (sidebar_label, keys of your own) are kept for the export and
listed once. An authors.yml and tags.yml in the file's folder (or a folder above it, up
to the PATH given) fill in names, descriptions and tag permalinks.

Addresses follow Docusaurus: without a slug, 2021-05-12-announcing-x.md and
2021-05-12-announcing-x/index.md give slug announcing-x, date 2021-05-12 (UTC, as
Docusaurus reads it) and the old address /blog/2021/05/12/announcing-x. Every old address
(dated, slug with slashes, dots or capitals, tag and author pages, list pages under another
--route-base) is recorded and answers with a permanent redirect. MDX import/export lines,
comments and component tags are taken out with a note; tabs become labelled sections.
Local images and covers are copied into media storage; a missing one is an error.

Plain text (no front matter, no Markdown) arrives as a draft: the first line is the
title (and gives the slug), paragraphs and bullets are kept, hard-wrapped lines joined,
short title-like lines become headings. Only title and body are updated on re-import,
and a file without a series leaves the post's series as it is.

A post is matched by slug: an unchanged file changes nothing, a changed one updates the
post (its history keeps the earlier revision). Every file is checked first; one bad
file stops the run with 'path:line: what is wrong' and nothing is written, unless
--skip-invalid."""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", type=Path, metavar="PATH", help="An article file or a folder."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created, updated and left alone; write nothing.",
        )
        parser.add_argument(
            "--status",
            choices=PostStatus.values,
            help="Give every imported post this status, whatever the files say.",
        )
        parser.add_argument(
            "--route-base",
            default="/blog",
            metavar="PATH",
            help="Where the old Docusaurus blog was served (its routeBasePath; default /blog).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of files that name none with 'lang:' (default: the site's).",
        )
        parser.add_argument(
            "--old-site-url",
            default="",
            metavar="URL",
            help="Point site-relative links into the old site (/docs/intro) at this address.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid files and list the invalid ones, instead of stopping.",
        )

    def handle(self, *args, **options) -> None:
        old_site = options["old_site_url"].rstrip("/")
        if old_site and not is_web_url(old_site):
            raise CommandError(gettext("--old-site-url should be a web address (https://...)"))
        try:
            report = import_paths(
                options["paths"],
                dry_run=options["dry_run"],
                status=options["status"],
                skip_invalid=options["skip_invalid"],
                options=ImportOptions(
                    route_base=options["route_base"],
                    language=options["language"],
                    old_site_url=old_site,
                ),
            )
        except ImportFailed as exc:
            count = len({problem.path for problem in exc.problems})
            message = ngettext(
                "Nothing was imported: %(count)s file cannot be imported (below). Fix it, or "
                "run again with --skip-invalid to import the other files.",
                "Nothing was imported: %(count)s files cannot be imported (below). Fix them, "
                "or run again with --skip-invalid to import the other files.",
                count,
            )
            raise CommandError(message % {"count": count} + f"\n{exc}") from exc
        self.stdout.write(report.summary())
