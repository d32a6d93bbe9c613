"""The addresses a Docusaurus blog had keep working: dated posts, list pages, JSON Feed."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import FormerSlug, Post


@pytest.mark.django_db
def test_a_dated_docusaurus_address_redirects_permanently_to_the_article(client, make_post):
    post = make_post(slug="feature")
    response = client.get("/blog/2024/05/01/feature/")
    assert (response.status_code, response["Location"]) == (301, "/blog/feature/")
    # Without the slash, as Docusaurus wrote its links: one more permanent hop.
    assert client.get("/blog/2024/05/01/feature").status_code == 301
    FormerSlug.objects.create(slug="oude-naam", post=post)
    assert client.get("/blog/2024/05/01/oude-naam/")["Location"] == "/blog/feature/"


@pytest.mark.django_db
def test_a_dated_address_of_a_draft_or_an_unknown_post_is_our_not_found_page(client, make_post):
    make_post(slug="geheim", status=Post.Status.DRAFT)
    for url in ("/blog/2024/05/01/geheim/", "/blog/2024/05/01/bestaat-niet/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_numbered_list_pages_redirect_to_ours(client, make_post):
    assert client.get("/blog/page/1/")["Location"] == "/blog/"
    response = client.get("/blog/page/3/")
    assert (response.status_code, response["Location"]) == (301, "/blog/?page=3")
    assert client.get("/blog/page/0/").status_code == 404


@pytest.mark.django_db
def test_the_json_feed_is_json_feed_1_1_with_the_listed_posts(client, make_post, make_author):
    author = make_author(name="Ruben")
    post = make_post(title="Zichtbaar", slug="zichtbaar", authors=[author])
    make_post(title="Verborgen", slug="verborgen", unlisted=True)
    make_post(title="Later", slug="later", publish_at=timezone.now() + timedelta(days=1))
    response = client.get("/blog/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"].endswith("/blog/feed.json") and feed["title"]
    assert [item["title"] for item in feed["items"]] == ["Zichtbaar"]
    item = feed["items"][0]
    assert item["url"].endswith("/blog/zichtbaar/") and item["id"] == item["url"]
    assert item["authors"] == [{"name": "Ruben"}]
    assert "Tekst van artikel" in item["content_html"]
    assert item["date_published"] == post.publish_at.isoformat()
    home = client.get("/blog/").content.decode()
    assert 'type="application/feed+json"' in home and 'href="/blog/feed.json"' in home


@pytest.mark.django_db
def test_docusaurus_tag_author_archive_and_feed_addresses_answer(
    client, make_post, make_author, make_tag
):
    make_post(slug="stuk", authors=[make_author(key="ruben")], tags=[make_tag(slug="ai")])
    for old, ours in [
        ("/blog/tags/ai", "/blog/tags/ai/"),
        ("/blog/authors/ruben", "/blog/authors/ruben/"),
        ("/blog/archive", "/blog/archive/"),
        ("/blog/stuk", "/blog/stuk/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, ours), old
        assert client.get(ours).status_code == 200, ours
    for feed in ("/blog/rss.xml", "/blog/atom.xml", "/blog/feed.json"):
        assert client.get(feed).status_code == 200, feed
