"""The header marks the section of every page: aria-current="page" on the very page a link
opens, "true" on the pages inside its section, worked out without a query."""

import re

import pytest
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone

from blog_project.context_processors import site
from sources.models import Source

BODY = "Tekst met een noot.[^1]\n\n[^1]: **VNG** - [Samen organiseren](https://vng.nl/)\n"


def _current_links(html: str) -> list[tuple[str, str]]:
    """(href, aria-current) of the header navigation's marked links."""
    nav = html.split('<nav aria-label="')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)" aria-current="(\w+)">', nav)


@pytest.fixture
def content(make_post, make_tag, make_author, make_series):
    post = make_post(
        slug="stuk", body=BODY, tags=[make_tag(slug="ai")], authors=[make_author(key="ruben")]
    )
    make_series(slug="reeks", posts=[post])
    return post


@pytest.mark.django_db
def test_every_page_type_marks_its_section_once(client, content, make_post, settings):
    settings.BLOG = {**settings.BLOG, "POSTS_PER_PAGE": 1}
    make_post(slug="tweede")
    source = Source.objects.get()
    month = timezone.localtime(content.publish_at).strftime("/blog/archive/%Y/%-m/")
    cases = {
        "/blog/": ("/blog/", "page"),
        "/blog/?page=2": ("/blog/", "true"),
        "/blog/stuk/": ("/blog/", "true"),
        "/blog/authors/ruben/": ("/blog/", "true"),
        "/search/": ("/blog/", "true"),
        "/search/?q=noot": ("/blog/", "true"),
        "/blog/tags/": ("/blog/tags/", "page"),
        "/blog/tags/ai/": ("/blog/tags/", "true"),
        "/blog/archive/": ("/blog/archive/", "page"),
        month: ("/blog/archive/", "true"),
        "/series/": ("/series/", "page"),
        "/series/reeks/": ("/series/", "true"),
        "/sources/": ("/sources/", "page"),
        source.get_absolute_url(): ("/sources/", "true"),
    }
    for url, expected in cases.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert _current_links(response.content.decode()) == [expected], url


@pytest.mark.django_db
def test_a_page_outside_every_section_marks_none(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert _current_links(response.content.decode()) == []


@pytest.mark.django_db
def test_the_header_links_every_section_in_order(client):
    nav = client.get("/blog/").content.decode().split('<nav aria-label="')[1].split("</nav>")[0]
    hrefs = re.findall(r'<a href="([^"]+)"', nav)
    assert hrefs == ["/blog/", "/series/", "/blog/tags/", "/sources/", "/blog/archive/"]


@pytest.mark.django_db
def test_the_section_comes_from_the_resolved_url_without_a_query(django_assert_num_queries):
    request = RequestFactory().get("/blog/tags/ai/")
    request.resolver_match = resolve(request.path)
    with django_assert_num_queries(0):
        context = site(request)
    assert context["section"] == "tags"
    marked = {link.url: link.current for link in context["main_nav"] if link.current}
    assert marked == {"/blog/tags/": "true"}
