"""``manage.py export_posts DIR``: every post as Markdown with Docusaurus front matter."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from blog_project.importing import export_posts


class Command(BaseCommand):
    help = (
        "Writes every post to DIR as <date>-<slug>.md with Docusaurus front matter (slug, "
        "title, authors, tags, date, description, keywords, draft, unlisted, "
        "hide_table_of_contents, series, series_position), plus authors.yml, tags.yml and "
        "series.yml. 'import_posts DIR' reads them back into the same posts. Existing files "
        "with the same names are overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, **options) -> None:
        report = export_posts(options["directory"])
        self.stdout.write(report.summary())
