"""No page makes a visitor's browser contact another host: no CDN, fonts, analytics or embeds."""

import re

import pytest

# Attributes whose URL the browser fetches by itself (links in <a href> are only followed on click).
FETCHED = re.compile(
    r"<(?:script|img|iframe|audio|video|source|embed|object|link)\b[^>]*?"
    r"\b(?:src|href|srcset|data|poster)\s*=\s*[\"']([^\"']+)",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)", re.IGNORECASE)


def _external(urls: list[str]) -> list[str]:
    return [u for u in urls if re.match(r"(?:https?:)?//", u) and "//testserver" not in u]


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(client, make_post, make_tag, make_series):
    body = (
        "Tekst met ![plaatje](https://tracker.example/pixel.png) en een noot.[^1]\n\n"
        '<img src="https://cdn.example/x.png"> <iframe src="https://video.example/"></iframe>\n\n'
        "[^1]: **VNG** - [Samen organiseren](https://vng.nl/)"
    )
    post = make_post(body=body, tags=[make_tag(slug="ai")])
    make_series(slug="reeks", posts=[post])
    pages = [
        "/blog/",
        post.get_absolute_url(),
        "/blog/tags/",
        "/blog/tags/ai/",
        "/blog/archive/",
        "/series/",
        "/series/reeks/",
        "/sources/",
        post.citations.get().source.get_absolute_url(),
        "/search/?q=tekst",
        "/blog/bestaat-niet/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert _external(FETCHED.findall(html)) == [], url
        assert _external(CSS_URL.findall(html)) == [], url


def test_stylesheets_fetch_nothing_from_another_host():
    from django.contrib.staticfiles import finders

    for name in ("css/site.css", "css/pygments.css"):
        with open(finders.find(name), encoding="utf-8") as css:
            text = css.read()
        assert _external(CSS_URL.findall(text)) == [], name
        assert "@import" not in text, name
