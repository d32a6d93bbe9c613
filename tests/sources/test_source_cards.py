"""The source cards on an article page: one per registered source its notes cite, with the
facts the popovers and sidenotes show, read in the one query the JSON-LD reads them in."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from posts.models import Post
from sources.cards import SourceCard
from sources.models import Source

IBESTUUR = "**iBestuur** - [Risico's achterblijven](https://ibestuur.nl/)"
VNG = "**VNG** - [Samen organiseren](https://vng.nl/)"
RATHENAU = "**Rathenau Instituut** - Rapporten"


def _cards_html(html: str) -> str:
    match = re.search(r'<section class="source-cards".*?</section>', html, re.DOTALL)
    assert match, "no source cards on the page"
    return match.group(0)


def _items(html: str) -> list[str]:
    """Each card's text as read: tags removed, entities decoded, whitespace collapsed."""
    items = re.findall(r'<li class="source-card">(.*?)</li>', _cards_html(html), re.DOTALL)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


@pytest.fixture
def article(make_post) -> Post:
    """Cites iBestuur twice, then VNG and Rathenau; VNG is cited by two more listed articles,
    and by a draft, an unlisted and a scheduled one that do not count."""
    post = make_post(
        title="Het artikel",
        body=f"Een.[^1] Twee.[^2] Drie.[^3] Vier.[^4]\n\n"
        f"[^1]: {IBESTUUR}\n[^2]: {VNG}\n[^3]: {IBESTUUR}\n[^4]: {RATHENAU}\n",
    )
    cites_vng = f"Zie.[^1]\n\n[^1]: {VNG}\n"
    make_post(body=cites_vng)
    make_post(body=cites_vng)
    make_post(body=cites_vng, status=Post.Status.DRAFT)
    make_post(body=cites_vng, unlisted=True)
    make_post(body=cites_vng, publish_at=timezone.now() + timedelta(days=1))
    return post


@pytest.mark.django_db
def test_the_article_shows_a_card_per_cited_source_in_the_order_first_cited(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert _items(html) == [
        "iBestuur: Risico's achterblijven · geciteerd door 1 artikel",
        "VNG: Samen organiseren · geciteerd door 3 artikelen",
        "Rathenau Instituut: Rapporten · geciteerd door 1 artikel",
    ]
    cards = _cards_html(html)
    for source in Source.objects.all():
        assert f'<a class="source-card-link" href="{source.get_absolute_url()}">' in cards
    # The cards come after the notes, which keep their own links to the register.
    assert html.index('class="footnotes"') < html.index('class="source-cards"')


@pytest.mark.django_db
def test_a_card_gives_the_type_and_year_the_register_knows(client, make_post):
    post = make_post(body=f"Een.[^1] Twee.[^2]\n\n[^1]: {VNG}\n[^2]: {RATHENAU}\n")
    Source.objects.filter(publisher="VNG").update(kind=Source.Kind.REPORT, issued="2024-05")
    html = client.get(post.get_absolute_url()).content.decode()
    assert _items(html) == [
        "VNG: Samen organiseren · Rapport · 2024 · geciteerd door 1 artikel",
        "Rathenau Instituut: Rapporten · geciteerd door 1 artikel",
    ]


@pytest.mark.django_db
def test_an_english_article_shows_its_cards_in_english(client, make_post):
    post = make_post(language="en", body=f"One.[^1]\n\n[^1]: {VNG}\n")
    Source.objects.update(kind=Source.Kind.WEBPAGE)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Sources in the register" in _cards_html(html)
    assert _items(html) == ["VNG: Samen organiseren · Web page · cited by 1 article"]


@pytest.mark.django_db
def test_an_article_without_registered_sources_has_no_cards(client, make_post):
    post = make_post(body="Een noot.[^1]\n\n[^1]: Alleen een opmerking.\n")
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'class="footnotes"' in html
    assert "source-cards" not in html


@pytest.mark.django_db
def test_all_cards_are_read_in_the_one_query_that_also_feeds_the_json_ld(
    client, article, make_post, settings
):
    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 0}
    one_source = make_post(body=f"Een.[^1]\n\n[^1]: {VNG}\n")

    def queries(post: Post) -> list[str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        return [query["sql"] for query in ctx.captured_queries]

    many, one = queries(article), queries(one_source)
    assert len(many) == len(one), "the page reads more rows the more sources it cites"
    assert len([sql for sql in many if '"sources_source"' in sql]) == 1
    html = client.get(article.get_absolute_url()).content.decode()
    assert '"citation": [' in html and "Rathenau Instituut" in _cards_html(html)


@pytest.mark.django_db
def test_a_hostile_source_name_is_escaped_on_the_card(client, make_post):
    post = make_post(body=f"Een.[^1]\n\n[^1]: {VNG}\n")
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    Source.objects.update(publisher=hostile, title="</section><b>vet</b> & co")
    cards = _cards_html(client.get(post.get_absolute_url()).content.decode())
    assert "<script>" not in cards and "<img" not in cards and "<b>" not in cards
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in (
        cards
    )
    assert "&lt;/section&gt;&lt;b&gt;vet&lt;/b&gt; &amp; co" in cards


def test_a_card_shows_type_and_year_when_the_register_has_them():
    card = SourceCard(
        publisher="CBS",
        title="Arbeid",
        page_url="/sources/cbs-arbeid/",
        cited_in=3,
        type_label="Rapport",
        year=2024,
    )
    with translation.override("en"):
        assert card.facts == ["Rapport", "2024", "cited by 3 articles"]
    bare = SourceCard(publisher="CBS", title="Arbeid", page_url="/sources/x/", cited_in=0)
    assert bare.facts == []


@pytest.mark.django_db
def test_source_card_reads_the_register(make_post):
    make_post(body=f"Een.[^1]\n\n[^1]: {VNG}\n")
    source = Source.objects.get()
    assert source.card() == SourceCard(
        publisher="VNG", title="Samen organiseren", page_url=source.get_absolute_url(), cited_in=1
    )
    source.kind, source.issued = Source.Kind.DATASET, "2023-11-02"
    with translation.override("en"):
        assert (source.card().type_label, source.card().year) == ("Dataset", 2023)


def test_a_card_says_when_the_cited_link_is_broken_and_offers_the_archived_copy(client, make_post):
    post = make_post(body=f"Een.[^1]\n\n[^1]: {VNG}\n")
    archive = "https://web.archive.org/web/20240101/https://vng.nl/"
    Source.objects.filter(publisher="VNG").update(
        link_state=Source.LinkState.BROKEN, archive_url=archive
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert _items(html) == [
        "VNG: Samen organiseren · geciteerd door 1 artikel · link niet meer bereikbaar"
        " · gearchiveerde versie"
    ]
    assert f'class="source-card-archive" href="{archive}"' in _cards_html(html)
