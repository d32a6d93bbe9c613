"""``manage.py import_posts PATH [PATH ...]``: Docusaurus Markdown and plain text as posts."""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from blog_project.importing import ImportFailed, import_paths
from posts.models import PostStatus

HELP = """Imports articles from files and folders (searched recursively for .md, .mdx,
.markdown and .txt files; names starting with . or _ are skipped).

The format is recognised from the content. Markdown may carry Docusaurus front matter:
slug, title, authors (keys, or objects with name/title/url/image_url), author and the
older author_* keys, tags (names or objects), date, description, keywords, draft,
unlisted, hide_table_of_contents, series and series_position. Other keys are reported as
ignored. An authors.yml and tags.yml in the file's folder (or a folder above it, up to
the PATH given) fill in names and descriptions. Without a slug, it comes from the file
name: 2021-05-12-announcing-x.md and 2021-05-12-announcing-x/index.md give slug
announcing-x and date 2021-05-12. Without a title, the first # heading is the title and
leaves the body; when the front matter has a title, a leading # heading is dropped (one
h1 per page). Posts without draft: true arrive published (no date: now). Images are
never fetched: covers and author images are reported and left out.

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
            "--skip-invalid",
            action="store_true",
            help="Import the valid files and list the invalid ones, instead of stopping.",
        )

    def handle(self, *args, **options) -> None:
        try:
            report = import_paths(
                options["paths"],
                dry_run=options["dry_run"],
                status=options["status"],
                skip_invalid=options["skip_invalid"],
            )
        except ImportFailed as exc:
            raise CommandError(gettext("Nothing was imported.") + f"\n{exc}") from exc
        self.stdout.write(report.summary())
