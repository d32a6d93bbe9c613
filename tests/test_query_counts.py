"""Every public page runs a small, fixed number of SQL queries, however much content exists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posts.models import Author, Post, Tag
from series.models import Series, SeriesEntry
from sources.models import Source

BODY = (
    "Inleiding met een noot.[^1]\n\n<!--truncate-->\n\n## Deel\n\nMeer.[^2][^3]\n\n"
    "- [^1]: **VNG** - [Samen organiseren](https://vng.nl/)\n"
    "- [^2]: **Waag** - [Publieke waarden](https://waag.org/)\n"
    "- [^3]: **Rathenau Instituut** - Rapporten\n"
)


def _grow(make_post, make_author, make_tag, count: int) -> None:
    authors = [make_author() for _ in range(2)]
    tags = [make_tag() for _ in range(3)]
    series = Series.objects.get_or_create(slug="groei", defaults={"title": "Groei"})[0]
    start = series.entries.count()
    for i in range(count):
        post = make_post(body=BODY, authors=authors, tags=tags)
        SeriesEntry.objects.create(series=series, post=post, position=start + i + 1)
    make_post(body=BODY, authors=authors, tags=tags)  # outside any series


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = {
    "home": lambda: "/blog/",
    "article": lambda: Series.objects.get(slug="groei").entries.first().post.get_absolute_url(),
    "article outside a series": lambda: (
        Post.objects.filter(series_entry=None).order_by("pk").first().get_absolute_url()
    ),
    "series list": lambda: "/series/",
    "series": lambda: "/series/groei/",
    "sources": lambda: "/sources/",
    "source": lambda: Source.objects.order_by("pk").first().get_absolute_url(),
    "tags": lambda: "/blog/tags/",
    "tag": lambda: "/blog/tags/" + Tag.objects.order_by("pk").first().slug + "/",
    "author": lambda: "/blog/authors/" + Author.objects.order_by("pk").first().key + "/",
    "archive": lambda: "/blog/archive/",
    "archive month": lambda: timezone.localtime().strftime("/blog/archive/%Y/%-m/"),
    "search": lambda: "/search/?q=noot",
    "rss": lambda: "/blog/rss.xml",
    "atom": lambda: "/blog/atom.xml",
    "series feed": lambda: "/series/groei/rss.xml",
    "sitemap": lambda: "/sitemap.xml",
    "sitemap section": lambda: "/sitemap-posts.xml",
    "tags section": lambda: "/sitemap-tags.xml",
}
# The most a page may run. The article: the post with its series, authors, tags, citations,
# the series' parts and related posts; outside a series its older and newer article instead
# of the parts. The sitemap index: a count and a date per section.
LIMITS = {"article": 6, "article outside a series": 6, "sitemap": 11}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_does_not_grow_with_the_number_of_posts(
    client, make_post, make_author, make_tag, django_assert_max_num_queries, settings, page
):
    # Measures rendering a page, not serving it from the page cache.
    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 0}
    _grow(make_post, make_author, make_tag, 3)
    small = _count(client, PAGES[page]())
    _grow(make_post, make_author, make_tag, 27)
    large = _count(client, PAGES[page]())
    assert small == large, f"{page}: {small} queries with 3 posts, {large} with 30"
    url = PAGES[page]()
    with django_assert_max_num_queries(LIMITS.get(page, 5)):
        client.get(url)
