"""The stored counts of listed posts per tag, author, series and source stay true."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts import counts
from posts.models import Author, Post, Tag
from posts.services import post_write, posts_set_status
from series.models import Series, SeriesEntry
from sources.models import Source
from sources.services import sources_merge

pytestmark = pytest.mark.django_db

NOTE = "Tekst.[^1]\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/)\n"


def stored(row) -> int:
    row.refresh_from_db()
    return getattr(row, counts.counter_for(type(row)).field)


def exact(row) -> int:
    """What counting now gives: the reference the stored figure must equal."""
    counter = counts.counter_for(type(row))
    return (
        type(row)
        .objects.filter(pk=row.pk)
        .annotate(n=Post.objects.listed_count(counter.lookup))
        .get()
        .n
    )


def test_a_tag_counts_its_listed_posts_through_every_change(make_post, make_tag):
    tag, other = make_tag(), make_tag()
    first = make_post(tags=[tag])
    second = make_post(tags=[tag])
    assert stored(tag) == 2
    posts_set_status(posts=[second], status=Post.Status.DRAFT)
    assert stored(tag) == 1
    first.unlisted = True
    post_write(post=first)
    assert stored(tag) == 0
    first.unlisted = False
    post_write(post=first)
    first.tags.remove(tag)
    first.tags.add(other)
    assert (stored(tag), stored(other)) == (0, 1)
    first.tags.clear()
    assert stored(other) == 0
    third = make_post(tags=[tag])
    assert stored(tag) == 1
    third.delete()
    assert stored(tag) == 0 == exact(tag)


def test_authors_series_and_sources_are_counted_too(make_post, make_author, make_series):
    author = make_author()
    one, two = make_post(authors=[author], body=NOTE), make_post(authors=[author], body=NOTE)
    series = make_series(posts=[one, two])
    source = Source.objects.get(publisher="CBS")
    assert (stored(author), stored(series), stored(source)) == (2, 2, 2)
    two.body = "Zonder noot."
    post_write(post=two)
    SeriesEntry.objects.filter(post=two).delete()
    assert (stored(series), stored(source)) == (1, 1)
    other = Series.objects.create(title="Ander", slug="ander")
    entry = SeriesEntry.objects.get(post=one)
    entry.series = other
    entry.save()
    assert (stored(series), stored(other)) == (0, 1)


def test_a_merge_counts_the_articles_of_the_surviving_source(make_post):
    make_post(body=NOTE)
    make_post(body="A.[^1]\n\n[^1]: **Centraal Bureau** - [Cijfers](https://cbs.nl/)\n")
    target, merged = (
        Source.objects.get(publisher="CBS"),
        Source.objects.get(publisher="Centraal Bureau"),
    )
    sources_merge(target=target, others=[merged])
    assert stored(target) == 2 == exact(target)


def test_a_scheduled_post_counts_only_from_its_publication(client, make_post, make_tag):
    tag = make_tag(name="Gepland")
    post = make_post(tags=[tag], publish_at=timezone.now() + timedelta(hours=1))
    assert "Gepland" not in client.get("/blog/tags/").content.decode()
    # Its time comes: nothing is saved, yet the count is right at once.
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    page = client.get("/blog/tags/?fresh").content.decode()
    assert "Gepland" in page and "1 artikel" in page


def test_recounting_everything_gives_the_same_figures_as_counting_now(
    make_post, make_tag, make_author
):
    tags = [make_tag() for _ in range(3)]
    author = make_author()
    for n in range(6):
        make_post(
            tags=tags[: n % 3 + 1], authors=[author], status="draft" if n == 5 else "published"
        )
    before = {row.pk: stored(row) for row in [*Tag.objects.all(), *Author.objects.all()]}
    Tag.objects.update(listed_posts=0)
    Author.objects.update(listed_posts=0)
    counts.recount_all()
    after = {row.pk: stored(row) for row in [*Tag.objects.all(), *Author.objects.all()]}
    assert before == after
    assert all(stored(row) == exact(row) for row in [*Tag.objects.all(), *Author.objects.all()])
