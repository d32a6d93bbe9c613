"""Previous and next article outside a series: the listed neighbours by publish date, in
one query; an article in a series keeps only its series' previous and next part."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posts.models import Post, PostQuerySet

NOW = timezone.now()


def _prevnext(html: str) -> dict[str, str]:
    """rel -> href of the article's previous/next navigation; empty when it has none."""
    if '<nav class="post-prevnext"' not in html:
        return {}
    nav = html.split('<nav class="post-prevnext"')[1].split("</nav>")[0]
    return {rel: href for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)">', nav)}


def _days_ago(days: float):
    return NOW - timedelta(days=days)


@pytest.fixture
def three(make_post):
    return [make_post(slug=f"stuk-{n}", publish_at=_days_ago(4 - n)) for n in (1, 2, 3)]


@pytest.mark.django_db
def test_an_article_links_the_older_and_the_newer_listed_article(client, three):
    older, middle, newer = three
    html = client.get(middle.get_absolute_url()).content.decode()
    assert _prevnext(html) == {
        "prev": older.get_absolute_url(),
        "next": newer.get_absolute_url(),
    }
    nav = html.split('<nav class="post-prevnext"')[1].split("</nav>")[0]
    assert 'aria-label="' in nav
    assert older.title in nav and newer.title in nav


@pytest.mark.django_db
def test_the_oldest_and_newest_article_have_one_link(client, three):
    older, _, newer = three
    assert _prevnext(client.get(older.get_absolute_url()).content.decode()).keys() == {"next"}
    assert _prevnext(client.get(newer.get_absolute_url()).content.decode()).keys() == {"prev"}


@pytest.mark.django_db
def test_a_lone_article_has_no_previous_next_navigation(client, make_post):
    html = client.get(make_post().get_absolute_url()).content.decode()
    assert 'class="post-prevnext"' not in html


@pytest.mark.django_db
def test_drafts_unlisted_and_scheduled_posts_are_skipped(make_post):
    older = make_post(publish_at=_days_ago(10))
    make_post(publish_at=_days_ago(8), status=Post.Status.DRAFT)
    make_post(publish_at=_days_ago(7), unlisted=True)
    post = make_post(publish_at=_days_ago(5))
    make_post(publish_at=_days_ago(3), unlisted=True)
    make_post(publish_at=NOW + timedelta(days=1))
    assert Post.objects.neighbours(post) == {"older": older, "newer": None}


@pytest.mark.django_db
def test_posts_published_at_the_same_moment_are_ordered_by_id(make_post):
    same = [make_post(publish_at=_days_ago(2)) for _ in range(3)]
    before, after = make_post(publish_at=_days_ago(3)), make_post(publish_at=_days_ago(1))
    chain = [before, *same, after]
    for i, post in enumerate(chain):
        found = Post.objects.neighbours(post)
        assert found["older"] == (chain[i - 1] if i else None), i
        assert found["newer"] == (chain[i + 1] if i + 1 < len(chain) else None), i


@pytest.mark.django_db
def test_an_unlisted_article_links_the_listed_articles_around_its_date(three):
    older, _, newer = three
    hidden = Post.objects.get(pk=three[1].pk)
    hidden.unlisted = True
    hidden.save()
    assert Post.objects.neighbours(hidden) == {"older": older, "newer": newer}


@pytest.mark.django_db
def test_the_neighbours_take_one_query_of_titles_and_slugs(three):
    with CaptureQueriesContext(connection) as ctx:
        found = Post.objects.neighbours(three[1])
        titles = [found["older"].title, found["newer"].title, found["newer"].slug]
    assert titles == [three[0].title, three[2].title, three[2].slug]
    assert len(ctx.captured_queries) == 1
    columns = ctx.captured_queries[0]["sql"].split(" FROM ")[0]
    assert '"body' not in columns and "search_vector" not in columns


@pytest.mark.django_db
def test_an_article_in_a_series_keeps_only_the_series_previous_and_next(
    client, make_post, make_series
):
    outside = make_post(publish_at=_days_ago(10))
    parts = [make_post(publish_at=_days_ago(5 - n)) for n in range(3)]
    make_series(posts=parts)
    html = client.get(parts[1].get_absolute_url()).content.decode()
    assert 'class="post-prevnext"' not in html
    assert html.count('rel="prev"') == 1 and html.count('rel="next"') == 1
    series = html.split('<nav class="series-prevnext"')[1].split("</nav>")[0]
    assert parts[0].get_absolute_url() in series and parts[2].get_absolute_url() in series
    first = client.get(parts[0].get_absolute_url()).content.decode()
    assert outside.get_absolute_url() not in first.split("</article>")[0]
    assert 'rel="prev"' not in first


@pytest.mark.django_db
def test_only_an_article_outside_a_series_looks_its_neighbours_up(
    client, make_post, make_series, monkeypatch
):
    asked = []
    real = PostQuerySet.neighbours
    monkeypatch.setattr(
        PostQuerySet, "neighbours", lambda self, post: asked.append(post.pk) or real(self, post)
    )
    parts = [make_post(publish_at=_days_ago(5 - n)) for n in range(2)]
    make_series(posts=parts)
    alone = make_post()
    client.get(parts[0].get_absolute_url())
    client.get(alone.get_absolute_url())
    assert asked == [alone.pk]
