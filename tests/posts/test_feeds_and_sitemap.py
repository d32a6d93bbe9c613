import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone

from posts.models import Post

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def mixed_posts(make_post, make_tag, make_author, make_series):
    tag, author = make_tag(name="AI", slug="ai"), make_author(name="Anna")
    live = make_post(title="Live", tags=[tag], authors=[author])
    draft = make_post(title="Concept", status=Post.Status.DRAFT, tags=[tag])
    future = make_post(title="Toekomst", publish_at=timezone.now() + timedelta(days=2), tags=[tag])
    hidden = make_post(title="Verborgen", unlisted=True, tags=[tag])
    make_series(slug="reeks", posts=[live, draft, future, hidden])
    return {"live": live, "draft": draft, "future": future, "hidden": hidden}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/blog/rss.xml", "/blog/tags/ai/rss.xml", "/series/reeks/rss.xml"])
def test_rss_feeds_are_valid_rss_2_with_listed_posts_only(client, mixed_posts, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.find(required) is not None
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Live"]
    item = items[0]
    assert item.findtext("link").endswith(mixed_posts["live"].get_absolute_url())
    assert item.findtext("pubDate")
    assert [c.text for c in item.findall("category")] == ["AI"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/blog/atom.xml", "/blog/tags/ai/atom.xml", "/series/reeks/atom.xml"]
)
def test_atom_feeds_are_valid_atom_1_with_listed_posts_only(client, mixed_posts, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Live"]
    entry = entries[0]
    assert entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}updated") is not None
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Anna"
    assert entry.find(f"{ATOM}category").get("term") == "AI"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "version"),
    [
        ("/blog/rss.xml", "rss20"),
        ("/blog/atom.xml", "atom10"),
        ("/blog/tags/ai/rss.xml", "rss20"),
        ("/series/reeks/atom.xml", "atom10"),
    ],
)
def test_feeds_parse_cleanly_as_their_format(client, mixed_posts, url, version):
    parsed = feedparser.parse(client.get(url).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    [entry] = parsed.entries
    assert entry.title == "Live"
    assert entry.link.endswith(mixed_posts["live"].get_absolute_url())
    assert [t.term for t in entry.tags] == ["AI"]
    assert entry.author == "Anna"


@pytest.mark.django_db
def test_feed_carries_at_most_twenty_newest_posts(client, make_post):
    for day in range(25):
        make_post(title=f"Dag {day}", publish_at=timezone.now() - timedelta(days=day + 1))
    items = ET.fromstring(client.get("/blog/rss.xml").content).findall("channel/item")
    assert len(items) == 20
    assert items[0].findtext("title") == "Dag 0"


@pytest.mark.django_db
def test_feed_carries_full_content_or_summary_by_setting(client, make_post, settings):
    make_post(body="Kort.\n\n<!--truncate-->\n\nDe rest van het verhaal.")
    settings.BLOG = {**settings.BLOG, "FEED_FULL_CONTENT": True}
    assert "De rest van het verhaal." in client.get("/blog/rss.xml").content.decode()
    settings.BLOG = {**settings.BLOG, "FEED_FULL_CONTENT": False}
    cache.clear()  # a settings change is not a content change: the cached feed stays
    body = client.get("/blog/rss.xml").content.decode()
    assert "Kort." in body and "De rest van het verhaal." not in body


@pytest.mark.django_db
def test_sitemap_lists_listed_posts_with_last_modified_dates_only(client, mixed_posts):
    """/sitemap.xml is an index of sections; together they hold every listed page."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sections = [s.findtext(f"{ns}loc") for s in ET.fromstring(response.content)]
    assert "http://testserver/sitemap-posts.xml" in sections
    urls = {}
    for section in sections:
        page = client.get(section.removeprefix("http://testserver"))
        assert page.status_code == 200, section
        for u in ET.fromstring(page.content).findall(f"{ns}url"):
            urls[u.findtext(f"{ns}loc")] = u.findtext(f"{ns}lastmod")
    address = {name: "http://testserver" + p.get_absolute_url() for name, p in mixed_posts.items()}
    assert address["live"] in urls
    assert urls[address["live"]].startswith(str(timezone.now().year))
    for hidden in ("draft", "future", "hidden"):
        assert address[hidden] not in urls
    assert "http://testserver/blog/tags/ai/" in urls
    assert "http://testserver/series/reeks/" in urls


@pytest.mark.django_db
def test_a_sitemap_section_is_split_into_pages(client, make_post, monkeypatch):
    from posts.sitemaps import PostSitemap

    monkeypatch.setattr(PostSitemap, "limit", 2)
    for _ in range(5):
        make_post()
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-posts.xml?p=3" in index
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    third = ET.fromstring(client.get("/sitemap-posts.xml?p=3").content)
    assert len(third.findall(f"{ns}url")) == 1
    assert client.get("/sitemap-posts.xml?p=4").status_code == 404


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
