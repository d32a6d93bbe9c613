"""Exporting posts as Docusaurus Markdown, and importing the export into an empty database."""

from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.core.management import call_command

from blog_project.importing import export_posts, import_paths
from posts.models import Author, Post, Tag
from series.models import Series
from sources.models import Citation, Source
from tests.importing.helpers import FIXTURES

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "demo"


def content() -> dict:
    """Everything a round trip must keep, without ids and timestamps."""
    return {
        "posts": [
            {
                **Post.objects.filter(pk=post.pk)
                .values(
                    "slug",
                    "title",
                    "body",
                    "description",
                    "keywords",
                    "status",
                    "publish_at",
                    "unlisted",
                    "hide_toc",
                    "body_html",
                    "summary_text",
                )
                .get(),
                "authors": sorted(post.authors.values_list("key", flat=True)),
                "tags": sorted(post.tags.values_list("slug", flat=True)),
                "series": Series.objects.filter(entries__post=post)
                .values_list("slug", "entries__position")
                .first(),
            }
            for post in Post.objects.order_by("slug")
        ],
        "citations": list(
            Citation.objects.order_by("post__slug", "order").values_list(
                "post__slug", "label", "order", "text", "source__key"
            )
        ),
        "sources": list(
            Source.objects.order_by("key").values_list("key", "publisher", "title", "url")
        ),
        "authors": list(
            Author.objects.order_by("key").values_list("key", "name", "title", "url", "bio")
        ),
        "tags": list(Tag.objects.order_by("slug").values_list("slug", "name", "description")),
        "series": list(Series.objects.order_by("slug").values_list("slug", "title", "description")),
    }


def empty_database() -> None:
    for model in (Post, Author, Tag, Series, Source):
        model.objects.all().delete()


@pytest.fixture
def library(make_post, make_series, make_author, make_tag):
    """Imported Docusaurus and plain-text files, the demo, and posts made in the admin."""
    import_paths([FIXTURES / "docusaurus", FIXTURES / "plain", DEMO])
    scheduled = make_post(
        title="Gepland",
        body="Later meer.[^a]\n\n[^a]: **Waag** - [Publieke waarden](https://waag.org/)",
        publish_at=datetime(2030, 1, 2, 13, 45, 7, 123456, tzinfo=ZoneInfo("UTC")),
        keywords="een, twee",
        authors=[make_author(bio="Regel een.\nRegel twee.")],
        tags=[make_tag(description="Een label.")],
    )
    make_series(title="Een reeks", slug="andere-slug", description="Uitleg.", posts=[scheduled])


def test_export_then_import_into_an_empty_database_gives_the_same_content(library, tmp_path):
    before = content()
    export_posts(tmp_path)
    empty_database()

    report = import_paths([tmp_path])

    assert report.created == len(before["posts"]) and not report.skipped
    assert content() == before


def test_an_exported_file_carries_docusaurus_front_matter(library, tmp_path):
    export_posts(tmp_path)
    text = (tmp_path / "2026-09-15-open-source-als-fundament.md").read_text()
    front_matter = yaml.safe_load(text.split("---\n")[1])
    assert front_matter == {
        "slug": "open-source-als-fundament",
        "title": "Open source als fundament",
        "authors": ["ruben"],
        "tags": ["open-source", "overheid"],
        "date": datetime(2026, 9, 15).date(),
        "description": "Waarom gemeenten samen software bouwen.",
        "draft": False,
        "series": "Schrijven met bronnen",
        "series_position": 2,
    }
    authors = yaml.safe_load((tmp_path / "authors.yml").read_text())
    assert authors["ruben"] == {
        "name": "Ruben Jansen",
        "title": "Architect Common Ground",
        "description": "Bouwt mee aan gedeelde voorzieningen voor gemeenten.",
    }
    assert yaml.safe_load((tmp_path / "tags.yml").read_text())["ai"]["label"] == "AI"


def test_exporting_twice_and_reimporting_changes_nothing(library, tmp_path):
    export_posts(tmp_path)
    report = import_paths([tmp_path])
    assert report.unchanged == Post.objects.count()


def test_the_export_command_reports_what_it_wrote(library, tmp_path):
    out = StringIO()
    call_command("export_posts", str(tmp_path / "uit"), stdout=out)
    count = Post.objects.count()
    assert out.getvalue().startswith(f"Exported {count} posts to {tmp_path / 'uit'}")
    assert len(list((tmp_path / "uit").glob("*.md"))) == count
