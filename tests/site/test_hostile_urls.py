"""Every public URL with hostile parameters, paths and methods answers with our own pages and
never with a server error (the test client raises on any exception a view lets through)."""

import pytest
from django.test import Client
from django.utils import timezone

from posts.models import Post
from posts.services import post_write
from sources.models import Source

BODY = "Een zin met een bron.[^1]\n\n[^1]: **CBS** - [Cijfers](https://www.cbs.nl/cijfers)\n"


@pytest.fixture
def site(make_post, make_author, make_tag, make_series):
    post = make_post(
        slug="artikel", body=BODY, authors=[make_author(key="ruben")], tags=[make_tag(slug="ai")]
    )
    make_series(slug="reeks", posts=[post])
    post_write(post=Post.objects.get(pk=post.pk))
    return {"post": post, "source": Source.objects.get().slug}


def _public_pages(site) -> list[str]:
    month = timezone.localtime(site["post"].publish_at).strftime("%Y/%-m")
    return [
        "/blog/",
        "/blog/artikel/",
        "/blog/tags/",
        "/blog/tags/ai/",
        "/blog/tags/ai/rss.xml",
        "/blog/authors/ruben/",
        "/blog/archive/",
        f"/blog/archive/{month}/",
        "/blog/rss.xml",
        "/blog/atom.xml",
        "/blog/feed.json",
        "/blog/2024/05/01/artikel/",
        "/blog/page/2/",
        "/series/",
        "/series/reeks/",
        "/series/reeks/atom.xml",
        "/sources/",
        f"/sources/{site['source']}/",
        "/search/",
        "/sitemap.xml",
        "/sitemap-posts.xml",
        "/robots.txt",
    ]


HOSTILE_QUERIES = [
    "page=-1",
    "page=0",
    "page=abc",
    "page=1.5",
    "page=" + "1" + "0" * 20,
    "page=%00",
    "page=1&page=2",
    "page[]=1",
    "p=-1",
    "p=" + "9" * 30,
    "q=%00",
    "q=%ff%fe%fd",
    "q=" + "x" * 10_000,
    "q=" + "%E2%80%AE" * 50,
    "q=<script>alert(1)</script>",
    "q=' OR 1=1 --",
    "q=%27%22%5C%3B",
    "q=*%26|!()<>:",
    "x=" + "a" * 10_240,
    "%ff=%ff",
]

HOSTILE_PATHS = [
    "/blog/%2e%2e/%2e%2e/etc/passwd",
    "/blog/..%2f..%2fetc%2fpasswd/",
    "/static/../manage.py",
    "/static/%2e%2e/%2e%2e/blog_project/settings.py",
    "/media/../db.sqlite3",
    "/blog/%ff/",
    "/blog/%00/",
    "/blog/artikel%00/",
    "/blog/%C3%BC%C3%AF%C3%A7%C3%B6d%C3%A9/",
    "/blog/%EF%BC%A1%EF%BC%A2%EF%BC%A3/",
    "/blog/%3Cscript%3E/",
    "/blog/" + "a" * 5_000 + "/",
    "/blog/archive/0/0/",
    "/blog/archive/99999/13/",
    "/blog/archive/2024/99999999999999999999/",
    "/series/%E2%80%AE/atom.xml",
    "/sources/%c0%af/",
    "/sitemap-%00.xml",
    "/sitemap-onbekend.xml",
    "/language/xx/",
    "/blog/tags/%F0%9F%92%A9/",
]


def _assert_ours(response, url: str) -> None:
    assert response.status_code < 500, url
    if response.status_code == 404:
        assert "Pagina niet gevonden" in response.content.decode(), url


@pytest.mark.django_db
def test_public_pages_with_hostile_parameters_never_fail(client, site):
    for page in _public_pages(site):
        for query in HOSTILE_QUERIES:
            url = f"{page}?{query}"
            _assert_ours(client.get(url), url)


@pytest.mark.django_db
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_get_our_not_found_page_or_a_redirect(client, site, path):
    response = client.get(path)
    _assert_ours(response, path)
    assert response.status_code in (301, 302, 400, 404), path


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_every_method_on_every_public_page_is_answered_without_an_error(site, method):
    # A browser without the CSRF cookie, as an attacker's script would be.
    client = Client(enforce_csrf_checks=True)
    for page in _public_pages(site):
        response = getattr(client, method)(page)
        assert response.status_code < 500, (method, page)
        if method != "options":
            assert response.status_code in (200, 403, 405), (method, page)


@pytest.mark.django_db
def test_head_answers_like_get_without_a_body(client, site):
    for page in _public_pages(site):
        response = client.head(page)
        assert response.status_code == client.get(page).status_code, page
        assert response.content == b"", page
