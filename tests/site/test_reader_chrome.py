"""The page around the article: one named search landmark, the current section marked,
and what print shows."""

import re

import pytest


def _landmarks(html: str) -> list[str]:
    return re.findall(r'<form[^>]*role="search"[^>]*>', html)


@pytest.mark.django_db
def test_every_page_has_one_named_search_landmark(client, make_post):
    make_post(slug="stuk")
    for url in ("/blog/", "/blog/stuk/", "/search/", "/search/?q=tekst"):
        forms = _landmarks(client.get(url).content.decode())
        assert len(forms) == 1, url
        assert 'aria-label="' in forms[0], url


@pytest.mark.django_db
def test_the_header_marks_the_section_of_every_page(
    client, make_post, make_tag, make_author, make_series
):
    post = make_post(slug="stuk", tags=[make_tag(slug="ai")], authors=[make_author(key="ruben")])
    make_series(slug="reeks", posts=[post])
    cases = {
        "/blog/": ("Artikelen", "page"),
        "/blog/stuk/": ("Artikelen", "true"),
        "/blog/authors/ruben/": ("Artikelen", "true"),
        "/blog/tags/": ("Labels", "page"),
        "/blog/tags/ai/": ("Labels", "true"),
        "/series/reeks/": ("Reeksen", "true"),
        "/blog/archive/": ("Archief", "page"),
    }
    for url, (label, kind) in cases.items():
        nav = client.get(url).content.decode().split('<nav aria-label="')[1].split("</nav>")[0]
        current = re.findall(r'aria-current="(\w+)">([^<]+)</a>', nav)
        assert len(current) == 1 and current[0][0] == kind, (url, current)
        assert current[0][1] == label or label in current[0][1], (url, current)


@pytest.mark.django_db
def test_print_hides_the_header_search_after_every_other_rule_and_shows_the_address(
    client, make_post
):
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    print_block = css[css.rindex("@media print") :]
    assert ".site-search" in print_block.split("}")[0]
    assert ".site-search {" not in print_block  # nothing after it shows the search again
    html = client.get(make_post(slug="stuk").get_absolute_url()).content.decode()
    assert re.search(r'<p class="print-only">http://testserver/blog/stuk/ · ', html)
