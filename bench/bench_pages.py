"""Times public pages and counts their SQL queries as the number of posts grows.

    .venv/bin/python bench/bench_pages.py [--posts 10 500] [--runs 20]

Runs against a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set).
Each post has the seed article's shape: 40 paragraphs, 39 footnotes citing 6 sources, tags
and two authors; the first seven form a series. Prints, per page: queries, median milliseconds
rendered (page cache off) and served from the page cache.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog_project.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

NOTES = "\n".join(
    f"- [^{n}]: **{publisher}** - [Rapport {n % 6}](https://example.org/{n % 6})"
    for n, publisher in (
        (n, ("iBestuur", "VNG", "Waag", "Rathenau", "Common Ground", "Rijksoverheid")[n % 6])
        for n in range(1, 40)
    )
)
PARAGRAPH = "Burgers verwachten snelle, begrijpelijke antwoorden van de overheid. " * 6
BODY = "\n\n".join(
    [PARAGRAPH + "[^1]", "<!--truncate-->"]
    + [f"## Deel {i}\n\n{PARAGRAPH}[^{i + 1}]" for i in range(1, 39)]
    + ["## Bronnen", NOTES]
)


def grow(total: int) -> None:
    from posts.models import Author, Post, Tag
    from posts.services import post_write
    from series.models import Series, SeriesEntry

    authors = [Author.objects.get_or_create(key=k, defaults={"name": k})[0] for k in ("a", "b")]
    tags = [Tag.objects.get_or_create(slug=s, defaults={"name": s})[0] for s in ("ai", "x", "y")]
    series = Series.objects.get_or_create(slug="reeks", defaults={"title": "Reeks"})[0]
    for n in range(Post.objects.count(), total):
        post = post_write(
            post=Post(
                title=f"Artikel {n}", slug=f"artikel-{n}", body=BODY, status=Post.Status.PUBLISHED
            )
        )
        post.authors.set(authors)
        post.tags.set(tags)
        if n < 7:  # a series of seven parts, like the writers' own
            SeriesEntry.objects.create(series=series, post=post, position=n + 1)


def pages() -> dict[str, str]:
    from sources.models import Source

    return {
        "home": "/blog/",
        "article": "/blog/artikel-0/",
        "tag": "/blog/tags/ai/",
        "series": "/series/reeks/",
        "sources": "/sources/",
        "source": Source.objects.order_by("pk").first().get_absolute_url(),
        "search": "/search/?q=burgers",
        "rss": "/blog/rss.xml",
        "sitemap": "/sitemap.xml",
    }


def bench_database_name() -> str | None:
    """A throw-away database of the bench's own, in memory for SQLite."""
    if connection.vendor == "sqlite":
        return None
    return f"bench_pages_{os.getpid()}"


def wsgi_get(application, url: str) -> int:
    """One request through the WSGI application gunicorn runs (page cache in front)."""
    environ = RequestFactory().get(url).environ
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = int(status.split()[0])

    result = application(environ, start_response)
    b"".join(result)
    getattr(result, "close", lambda: None)()
    return answered["status"]


def measure(client: Client, url: str, runs: int, cached: bool) -> tuple[int, float]:
    """Queries of a rendered request, and the median time rendered or served from cache."""
    from blog_project.wsgi import application

    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 300 if cached else 0}
    cache.clear()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    get = (lambda: wsgi_get(application, url)) if cached else (lambda: client.get(url).status_code)
    get()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status = get()
        times.append((time.perf_counter() - start) * 1000)
        assert status == 200, (url, status)
    return len(ctx.captured_queries), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, nargs="+", default=[10, 500])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    # Each request would otherwise empty the query log that the counts are read from.
    request_started.disconnect(reset_queries)
    # The WSGI requests share the benchmark's connection to the throw-away database.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Its own database name: the test suite may hold ``test_bronpunt`` while it runs this.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = bench_database_name()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        client = Client()
        print(f"database: {connection.vendor}; body: {len(BODY) // 1024} KB, 39 notes per post")
        print(
            f"{'page':<10}" + "".join(f"{f'{n} posts: q / ms / cached ms':>32}" for n in args.posts)
        )
        rows: dict[str, list[str]] = {}
        for total in args.posts:
            start = time.perf_counter()
            grow(total)
            print(f"  (grew to {total} posts in {time.perf_counter() - start:.1f} s)")
            for name, url in pages().items():
                queries, ms = measure(client, url, args.runs, cached=False)
                _, cached_ms = measure(client, url, args.runs, cached=True)
                rows.setdefault(name, []).append(f"{queries:>3} / {ms:7.1f} / {cached_ms:5.2f}")
        for name, cells in rows.items():
            print(f"{name:<10}" + "".join(f"{cell:>32}" for cell in cells))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
