"""Every public page at 100,000 posts on PostgreSQL: p50/p95 milliseconds and SQL queries.

    .venv/bin/python bench/bench_scale.py [--posts 100000] [--runs 30] [--database bronpunt_scale]

Builds (once, then reuses) a PostgreSQL database of that many synthetic posts with
``manage.py generate_posts`` (Dutch text, 5-40 notes citing a pool of 2,000 sources, 300 tags,
40 authors, series), then requests each page one at a time with the page cache off (every
request renders), through the whole middleware stack, and prints per page: queries, p50 and
p95 in milliseconds, and the response size. ``--explain`` prints the plan of each page's
slowest query (EXPLAIN ANALYZE).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 50.0


def _database(name: str, posts: int) -> str:
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "true"}
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    count = subprocess.run(
        [*manage, "shell", "-c", "from posts.models import Post; print(Post.objects.count())"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    have = int(count.stdout.strip().splitlines()[-1])
    if have < posts:
        print(f"generating {posts - have} posts in {name} ...", flush=True)
        started = time.monotonic()
        subprocess.run(
            [*manage, "generate_posts", str(posts - have), "--seed", str(have)],
            env=env,
            check=True,
            cwd=ROOT,
        )
        print(f"  ({time.monotonic() - started:.0f} s)", flush=True)
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-qc", "VACUUM ANALYZE"],
            check=True,
        )
    return url


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog_project.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 0}
    settings.DEBUG = False


def _pages() -> dict[str, str]:
    from django.conf import settings
    from django.db.models import Count

    from posts.models import Author, Post, Tag
    from series.models import SeriesEntry
    from sources.models import Source

    per_page = settings.BLOG["POSTS_PER_PAGE"]
    listed = Post.objects.listed()
    last = max(1, -(-listed.count() // per_page))
    tag = Tag.objects.annotate(n=Count("posts")).order_by("-n").first()
    tag_last = max(1, -(-listed.filter(tags=tag).count() // per_page))
    author = Author.objects.annotate(n=Count("posts")).order_by("-n").first()
    entry = SeriesEntry.objects.select_related("series", "post").order_by("pk").first()
    source = Source.objects.annotate(n=Count("citations__post", distinct=True)).order_by("-n")[0]
    month = listed.order_by("-publish_at").values_list("publish_at", flat=True).first()
    rare = listed.order_by("pk").values_list("title", flat=True).first().split()[-1].strip("()")
    return {
        "home": "/blog/",
        "home, last page": f"/blog/?page={last}",
        "tag": f"/blog/tags/{tag.slug}/",
        "tag, last page": f"/blog/tags/{tag.slug}/?page={tag_last}",
        "tags index": "/blog/tags/",
        "author": f"/blog/authors/{author.key}/",
        "archive": "/blog/archive/",
        "archive month": f"/blog/archive/{month.year}/{month.month}/",
        "series index": "/series/",
        "series": entry.series.get_absolute_url(),
        "sources index": "/sources/",
        "most-cited source": source.get_absolute_url(),
        "search, common word": "/search/?q=gemeenten",
        "search, rare word": f"/search/?q={rare}",
        "rss": "/blog/rss.xml",
        "atom": "/blog/atom.xml",
        "sitemap": "/sitemap.xml",
        "sitemap, posts section": "/sitemap-posts.xml",
        "article (in a series)": entry.post.get_absolute_url(),
    }


def _measure(url: str, runs: int, explain: bool) -> tuple[int, list[float], int, str]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    timings = []
    queries, size, plan = 0, 0, ""
    for run in range(runs + 1):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if run:  # the first request warms the process, not the page
            timings.append(elapsed)
        queries, size = len(captured.captured_queries), len(response.content)
        if explain and run == runs:
            slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
    return queries, timings, size, plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", default="bronpunt_scale")
    parser.add_argument("--explain", action="store_true")
    options = parser.parse_args()
    _setup(_database(options.database, options.posts))
    from posts.models import Post

    print(f"{Post.objects.count()} posts on PostgreSQL; page cache off; {options.runs} runs each")
    print(f"{'page':26} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'KB':>7}")
    over = []
    for name, url in _pages().items():
        queries, timings, size, plan = _measure(url, options.runs, options.explain)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        flag = "" if p95 < BUDGET_MS else "  over budget"
        print(f"{name:26} {queries:7d} {p50:8.1f} {p95:8.1f} {size / 1024:7.1f}{flag}", flush=True)
        if flag:
            over.append(name)
        if plan:
            print("    " + plan.replace("\n", "\n    "))
    print(f"budget p95 < {BUDGET_MS:.0f} ms: " + ("all pages" if not over else ", ".join(over)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
