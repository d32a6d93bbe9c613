"""Hostile Markdown and front matter never become executable markup where the blog shows them.

Each payload goes in through the real write path (``post_write``, or the importer for front
matter) and is then read back, as browsers and feed readers read it, from every place it shows:
the article page (its body, meta tags and JSON-LD), the home page, tag, author, series, archive
and source pages, search results, the RSS and Atom feeds (the HTML inside their entries too) and
the editor's live preview. Every page is parsed and checked by :mod:`tests.security.html_safety`.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import quote

import html5lib
import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog_project.importing import ImportFailed, import_paths
from posts.models import Author, Post, Tag
from posts.services import post_write
from series.models import Series, SeriesEntry
from sources.models import Source
from tests.security.html_safety import fragment_dangers, page_dangers
from tests.security.xss_payloads import (
    ALL_PAYLOADS,
    BODY_PAYLOADS,
    FRONT_MATTER_PAYLOADS,
    HOSTILE_AUTHOR_URLS,
    QUOTE_BREAKING_URL,
    Payload,
)

pytestmark = pytest.mark.django_db

PREVIEW = "/markdownx/markdownify/"
SEARCH_ACTION = "/search/"
ATOM = "{http://www.w3.org/2005/Atom}"
MIN_PAYLOADS = 80
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot hold


def _name(payload: Payload) -> str:
    return payload.name


def _one_line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _marker(payload: Payload) -> str:
    """A word found only in this payload's post: the search for it must find the post."""
    return "xssmerk" + "".join(c for c in payload.name if c.isalnum())


def _body(payload: Payload) -> str:
    """The payload in the summary (before the truncate marker) and so in the body too."""
    marker = _marker(payload)
    return f"{marker} begint hier.\n\n{payload.text}\n\n<!--truncate-->\n\n{marker} gaat verder.\n"


def _written(payload: Payload) -> Post:
    """A published post carrying the payload in its body, title, description, tag, author
    and series, written as the admin writes it."""
    author = Author.objects.create(
        key="xss-auteur", name=_one_line(payload.text, 200), url=QUOTE_BREAKING_URL
    )
    tag = Tag.objects.create(slug="xss-label", name=_one_line(payload.text, 100))
    post = post_write(
        post=Post(
            title=_one_line(payload.text, 300),
            slug="xss-artikel",
            body=_body(payload),
            description=_one_line(payload.text, 300),
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=1),
        ),
        authors=[author],
        tags=[tag],
    )
    series = Series.objects.create(slug="xss-reeks", title=_one_line(payload.text, 300))
    SeriesEntry.objects.create(series=series, post=post, position=1)
    return post


def _imported(payload: Payload, folder) -> Post:
    """A post imported from a Docusaurus file whose front matter is all payload."""
    text = _one_line(payload.text, 250)
    front_matter = {
        "slug": "xss-import",
        "title": text,
        "description": text,
        "keywords": [text, "ander"],
        "tags": [{"label": text, "permalink": "/xss-label"}, text],
        "authors": [{"name": f"{text} Auteur", "title": text, "url": QUOTE_BREAKING_URL}],
        "series": f"{text} reeks",
        "date": "2024-03-01",
    }
    folder.mkdir(exist_ok=True)
    document = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    (folder / "xss.md").write_text(f"---\n{document}---\n\n{_body(payload)}", encoding="utf-8")
    import_paths([folder])
    return Post.objects.get(slug="xss-import")


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _check_page(client: Client, url: str, shown: str) -> list[str]:
    """The page's dangers, after checking that it links to ``shown`` (it shows the payload)."""
    markup = _get(client, url)
    assert f'href="{shown}"' in markup, f"{url} does not link to {shown}"
    # The site's search form, and a page's own form back to itself (a source's style choice).
    own = {SEARCH_ACTION, url.split("?")[0]}
    return [f"{url}: {danger}" for danger in page_dangers(markup, own_forms=own)]


def _feed_html(xml: bytes) -> list[str]:
    """The HTML that RSS ``description`` and Atom ``type="html"`` elements carry."""
    root = ET.fromstring(xml)
    rss = [item.findtext("description") or "" for item in root.iter("item")]
    atom = [el.text or "" for el in root.iter() if el.get("type") == "html"]
    return rss + atom


def _check_feed(client: Client, url: str, post: Post) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)  # well-formed XML, or this raises
    titles = [el.text for el in root.iter() if el.tag in ("title", f"{ATOM}title")]
    assert _NOT_XML.sub("", post.title) in titles, f"{url}: the title does not come back as text"
    entries = [html for html in _feed_html(response.content) if html]
    assert entries, f"{url} carries no entry HTML"
    return [f"{url} entry: {danger}" for html in entries for danger in fragment_dangers(html)]


def _check_head(markup: str, post: Post) -> list[str]:
    """Meta tags and JSON-LD carry the title and description as text, unbroken."""
    document = html5lib.parse(markup, namespaceHTMLElements=False)
    metas = document.findall(".//meta")

    def contents(attribute: str, value: str) -> list[str | None]:
        return [m.get("content") for m in metas if m.get(attribute) == value]

    problems = []
    # HTML parsers read a NUL as U+FFFD; JSON-LD keeps it, escaped.
    title, description = (
        text.replace("\0", "\ufffd") for text in (post.title, post.meta_description)
    )
    expected = {
        ("property", "og:title"): title,
        ("property", "og:description"): description,
        ("name", "twitter:title"): title,
        ("name", "description"): description,
    }
    for (attribute, value), text in expected.items():
        if contents(attribute, value) != [text]:
            problems.append(f"meta {value}: {contents(attribute, value)!r} != {text!r}")
    shown = document.findtext(".//title")
    if shown != f"{title} · {settings.BLOG['TITLE']}":
        problems.append(f"<title>: {shown!r}")
    scripts = [s for s in document.iter("script") if s.get("type") == "application/ld+json"]
    if len(scripts) != 1:
        return [*problems, f"{len(scripts)} JSON-LD blocks"]
    data = json.loads(scripts[0].text or "")  # page_dangers reports invalid JSON-LD
    authors = [author.name for author in post.authors.all()]
    if (data["headline"], data["description"]) != (post.title, post.meta_description):
        problems.append(f"JSON-LD headline/description: {data['headline']!r}")
    if [author["name"] for author in data["author"]] != authors:
        problems.append(f"JSON-LD authors: {data['author']!r}")
    return problems


def _check_everywhere(client: Client, editor_client: Client, post: Post, body: str) -> list[str]:
    post.refresh_from_db()
    tags = list(post.tags.all())
    author = post.authors.get()
    series = post.series_entry.series
    article = post.get_absolute_url()
    month = post.publish_at.astimezone(timezone.get_current_timezone())
    tag_pages = [reverse("posts:tag", args=[tag.slug]) for tag in tags]
    pages = [
        (article, tag_pages[0]),
        ("/blog/", article),
        *((tag_page, article) for tag_page in tag_pages),
        *(("/blog/tags/", tag_page) for tag_page in tag_pages),
        (f"/blog/authors/{author.key}/", article),
        (series.get_absolute_url(), article),
        ("/series/", series.get_absolute_url()),
        (reverse("posts:archive-month", args=[month.year, month.month]), article),
        (f"/search/?q={_marker_of(post)}", article),
        *((source.get_absolute_url(), article) for source in Source.objects.all()),
    ]
    if Source.objects.exists():
        pages.append(("/sources/", Source.objects.first().get_absolute_url()))
    problems = [danger for url, shown in pages for danger in _check_page(client, url, shown)]
    problems += _check_head(_get(client, article), post)
    reflected = f"/search/?q={quote(post.title)}"
    problems += [
        f"{reflected}: {d}"
        for d in page_dangers(_get(client, reflected), own_forms={SEARCH_ACTION})
    ]
    feeds = ["/blog/rss.xml", "/blog/atom.xml", f"/series/{series.slug}/rss.xml"]
    feeds += [f"{tag_page}{feed}.xml" for tag_page in tag_pages for feed in ("rss", "atom")]
    problems += [danger for url in feeds for danger in _check_feed(client, url, post)]
    preview = editor_client.post(PREVIEW, {"content": body})
    assert preview.status_code == 200
    problems += [f"preview: {danger}" for danger in fragment_dangers(preview.content.decode())]
    return problems


def _marker_of(post: Post) -> str:
    return post.body.split(" ", 1)[0]


def test_the_corpus_is_large_and_covers_bodies_and_front_matter():
    assert len(ALL_PAYLOADS) >= MIN_PAYLOADS
    assert len(BODY_PAYLOADS) >= MIN_PAYLOADS
    assert FRONT_MATTER_PAYLOADS


@pytest.mark.parametrize("payload", BODY_PAYLOADS, ids=_name)
def test_a_hostile_body_is_inert_everywhere_it_shows(editor_client, payload):
    if "\0" in payload.text and connection.vendor == "postgresql":
        # PostgreSQL stores no NUL (nor do the admin form and the importer take one): here
        # such a body can only reach the preview.
        preview = editor_client.post(PREVIEW, {"content": _body(payload)})
        assert fragment_dangers(preview.content.decode()) == []
        return
    post = _written(payload)
    assert _check_everywhere(Client(), editor_client, post, post.body) == []


@pytest.mark.parametrize("payload", FRONT_MATTER_PAYLOADS, ids=_name)
def test_hostile_front_matter_is_inert_everywhere_it_shows(editor_client, tmp_path, payload):
    post = _imported(payload, tmp_path / "blog")
    assert post.tags.count() == 2 and post.series_entry.series.title.endswith("reeks")
    assert post.title == _one_line(payload.text, 250)
    assert _check_everywhere(Client(), editor_client, post, post.body) == []


@pytest.mark.parametrize("url", HOSTILE_AUTHOR_URLS)
def test_the_importer_refuses_an_author_address_that_is_not_http(tmp_path, url):
    folder = tmp_path / "blog"
    folder.mkdir()
    front_matter = {"title": "Titel", "authors": [{"name": "Anna", "url": url}]}
    document = yaml.safe_dump(front_matter, sort_keys=False)
    (folder / "post.md").write_text(f"---\n{document}---\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(ImportFailed):
        import_paths([folder])
    assert not Post.objects.exists() and not Author.objects.exists()
