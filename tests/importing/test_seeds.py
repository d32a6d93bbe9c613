"""The writers' real files in ../shared/seeds (skipped where absent, except in CI)."""

import pytest

from blog_project.importing import import_paths
from posts.models import Post
from sources.models import Source
from tests.importing.helpers import words

pytestmark = pytest.mark.django_db

SEED_000_SLUG = "ai-risicos-niet-adopteren-achterblijven"
# Seed prefix -> whether the text has bullet or numbered lists.
PLAIN_SEEDS = {"001": True, "002": False, "003": True, "004": True}


def seed(seeds_dir, prefix):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path


def test_all_five_seeds_import(seeds_dir):
    report = import_paths([seeds_dir])
    assert (report.created, len(report.skipped)) == (5, 0)
    assert Post.objects.count() == 5


def test_seed_000_is_markdown_with_front_matter_in_a_txt_file(seeds_dir):
    import_paths([seed(seeds_dir, "000")])
    post = Post.objects.get(slug=SEED_000_SLUG)
    assert post.title == "Risico's van Niet-Adopteren - Als de overheid AI negeert"
    assert post.status == Post.Status.PUBLISHED
    assert [a.key for a in post.authors.all()] == ["ruben"]
    assert {t.slug for t in post.tags.all()} == {"ai", "strategie", "overheid"}
    assert post.citations.count() == 39
    assert Source.objects.count() == 6
    assert Source.objects.filter(citations__post=post).distinct().count() == 6


def test_seed_000_drops_the_duplicate_heading_and_summarises_up_to_the_marker(seeds_dir):
    import_paths([seed(seeds_dir, "000")])
    post = Post.objects.get(slug=SEED_000_SLUG)
    assert not post.body.startswith("#")
    assert "<h1" not in post.body_html
    assert "Status: Concept" in post.summary_text
    assert "We praten veel over de risico's van AI" in post.summary_text
    assert post.summary_text.endswith("minstens zo groot als de risico's van wel doen.")
    assert "Risico 1" not in post.summary_text


@pytest.mark.parametrize(("prefix", "has_lists"), PLAIN_SEEDS.items())
def test_plain_text_seeds_arrive_as_drafts_with_every_word_in_order(seeds_dir, prefix, has_lists):
    path = seed(seeds_dir, prefix)
    import_paths([path])
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert words(f"{post.title}\n{post.body}") == words(path.read_text(encoding="utf-8"))
    assert "<h2" in post.body_html
    assert ("<ul>" in post.body_html or "<ol" in post.body_html) is has_lists


def test_a_repeat_import_of_the_seeds_is_a_no_op(seeds_dir):
    import_paths([seeds_dir])
    revisions = Post.history.count()
    stored = list(Post.objects.order_by("slug").values())
    report = import_paths([seeds_dir])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert Post.history.count() == revisions
    assert list(Post.objects.order_by("slug").values()) == stored
