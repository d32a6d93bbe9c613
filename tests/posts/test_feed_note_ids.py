"""Notes that travel: in a feed, every entry's note and reference ids are its own."""

import re

import feedparser

BODY = (
    "## Kop\n\nTekst.[^1] Meer.[^2]\n\n"
    "[^1]: **CBS** - [Cijfers](https://cbs.nl/c)\n[^2]: Een noot.\n"
)


def test_every_feed_entry_links_its_notes_to_its_own_ids(client, make_post, settings):
    settings.BLOG = {**settings.BLOG, "FEED_FULL_CONTENT": True}
    make_post(slug="een", body=BODY)
    make_post(slug="twee", body=BODY)
    for path in ("/blog/rss.xml", "/blog/atom.xml"):
        feed = feedparser.parse(client.get(path).content)
        seen: set[str] = set()
        for entry in feed.entries:
            html = entry.get("content", [{}])[0].get("value") or entry.summary
            ids = set(re.findall(r'\bid="([^"]+)"', html))
            targets = set(re.findall(r'href="#([^"]+)"', html))
            assert targets and targets <= ids, f"{path}: a link in an entry goes outside it"
            assert not ids & seen, f"{path}: two entries share ids {ids & seen}"
            seen |= ids
            assert "fn-1" not in ids
    entry = client.get("/blog/feed.json").json()["items"][0]["content_html"]
    assert 'href="#twee-fn-1"' in entry or 'href="#een-fn-1"' in entry


def test_the_article_page_keeps_its_plain_ids(client, make_post):
    post = make_post(body=BODY)
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'id="fn-1"' in page and 'href="#fn-1"' in page
