from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from posts.models import Post
from posts.services import post_write

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_tag_index_counts_listed_posts_and_hides_empty_tags(client, make_post, make_tag):
    used, unused = make_tag(name="Open source", slug="open-source"), make_tag(name="Leeg")
    make_post(tags=[used])
    make_post(tags=[used], status=Post.Status.DRAFT)
    html = client.get("/blog/tags/").content.decode()
    assert "Open source" in html and "1 artikel" in html
    assert unused.name not in html


@pytest.mark.django_db
def test_tag_page_lists_its_listed_posts(client, make_post, make_tag):
    tag = make_tag(name="AI", slug="ai")
    make_post(title="Met label", tags=[tag])
    make_post(title="Zonder label")
    html = client.get("/blog/tags/ai/").content.decode()
    assert "Met label" in html and "Zonder label" not in html
    assert client.get("/blog/tags/onbekend/").status_code == 404


@pytest.mark.django_db
def test_author_page_shows_bio_and_their_posts(client, make_post, make_author):
    anna = make_author(key="anna", name="Anna de Vries", bio="Schrijft over algoritmes.")
    make_post(title="Van Anna", authors=[anna])
    make_post(title="Van iemand anders")
    html = client.get("/blog/authors/anna/").content.decode()
    assert "Schrijft over algoritmes." in html
    assert "Van Anna" in html and "Van iemand anders" not in html


@pytest.mark.django_db
def test_archive_lists_months_by_year_and_each_month_has_its_page(client, make_post):
    make_post(title="Herfst", publish_at=datetime(2025, 10, 3, 12, tzinfo=AMS))
    make_post(title="Laat", publish_at=datetime(2025, 10, 31, 23, 30, tzinfo=AMS))
    make_post(title="Lente", publish_at=datetime(2026, 4, 1, 0, 10, tzinfo=AMS))
    html = client.get("/blog/archive/").content.decode()
    assert html.index("2026") < html.index("April") < html.index("2025") < html.index("Oktober")
    assert "Herfst" not in html  # the index lists months, not every post
    assert 'href="/blog/archive/2025/10/"' in html and "2 artikelen" in html
    october = client.get("/blog/archive/2025/10/").content.decode()
    assert october.index("Herfst") < october.index("Laat") and "Lente" not in october
    assert "Lente" in client.get("/blog/archive/2026/4/").content.decode()


@pytest.mark.django_db
def test_an_impossible_archive_month_is_a_404_and_an_empty_one_a_page(client):
    assert client.get("/blog/archive/2025/13/").status_code == 404
    assert client.get("/blog/archive/10000/1/").status_code == 404
    empty = client.get("/blog/archive/2030/12/")
    assert empty.status_code == 200
    assert list(empty.context["posts"]) == []


@pytest.mark.django_db
def test_home_paginates_with_numbered_accessible_links(client, make_post, settings):
    settings.BLOG = {**settings.BLOG, "POSTS_PER_PAGE": 2}
    for _ in range(5):
        make_post()
    html = client.get("/blog/?page=2").content.decode()
    assert 'aria-label="Pagina&#x27;s"' in html or 'aria-label="Pagina\'s"' in html
    assert 'aria-current="page" href="?page=2"' in html
    assert 'href="?page=3"' in html and 'rel="prev"' in html


@pytest.mark.django_db
def test_slug_without_trailing_slash_redirects_permanently(client, make_post):
    post = make_post(slug="zonder-slash")
    response = client.get("/blog/zonder-slash")
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


@pytest.mark.django_db
def test_a_former_slug_redirects_permanently_to_the_current_address(client, make_post):
    post = make_post(slug="oude-naam")
    post.slug = "nieuwe-naam"
    post_write(post=post)
    response = client.get("/blog/oude-naam/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/nieuwe-naam/"
    post.slug = "oude-naam"
    post_write(post=post)
    assert client.get("/blog/oude-naam/").status_code == 200
    assert client.get("/blog/nieuwe-naam/").status_code == 301


@pytest.mark.django_db
def test_former_slug_of_a_draft_does_not_redirect(client, make_post):
    post = make_post(slug="geheim", status=Post.Status.DRAFT)
    post.slug = "nog-geheimer"
    post.save()
    assert client.get("/blog/geheim/").status_code == 404


@pytest.mark.django_db
def test_related_posts_share_the_most_tags_and_leave_the_series_box_to_the_series(
    client, make_post, make_tag, make_series
):
    a, b = make_tag(), make_tag()
    post = make_post(tags=[a, b])
    two_shared = make_post(title="Twee gedeeld", tags=[a, b])
    one_shared = make_post(title="Een gedeeld", tags=[a])
    make_post(title="Concept gedeeld", tags=[a, b], status=Post.Status.DRAFT)
    make_post(title="Verborgen gedeeld", tags=[a, b], unlisted=True)
    sibling = make_post(title="Zelfde reeks", tags=[a, b])
    make_series(posts=[post, sibling])
    make_post(title="Niets gedeeld")
    related = client.get(post.get_absolute_url()).context["related"]
    assert related == [two_shared, one_shared]


@pytest.mark.django_db
def test_search_finds_words_in_titles_bodies_tags_and_sources(client, make_post, make_tag):
    make_post(title="Soevereiniteit in de cloud", body="Over afhankelijkheid.")
    make_post(title="Iets anders", body="De gemeente kiest voor open standaarden.")
    make_post(title="Gelabeld", tags=[make_tag(name="Waterschappen")])
    make_post(title="Geciteerd", body="Tekst.[^1]\n\n[^1]: **Rathenau Instituut** - Rapport")
    make_post(title="Concept over standaarden", status=Post.Status.DRAFT)

    def titles(q):
        return [p.title for p in client.get("/search/", {"q": q}).context["results"]]

    assert titles("standaarden") == ["Iets anders"]
    assert titles("waterschappen") == ["Gelabeld"]
    assert titles("rathenau") == ["Geciteerd"]
    assert titles("cloud afhankelijkheid") == ["Soevereiniteit in de cloud"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "qwzxv", "!!!", "<script>", "a" * 500, "'; DROP"])
def test_empty_and_nonsense_queries_get_a_helpful_page(client, make_post, query):
    make_post()
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    assert 'role="search"' in html


@pytest.mark.django_db
def test_search_snippets_highlight_matches_and_escape_the_text(client, make_post):
    make_post(title="Markup", body="Let op: `<b>` en de soevereiniteit & meer.")
    html = client.get("/search/", {"q": "soevereiniteit"}).content.decode()
    snippet = html.split('class="snippet">', 1)[1].split("</p>", 1)[0]
    assert "<mark>soevereiniteit</mark>" in snippet.lower()
    assert "<b>" not in snippet
    assert "&amp; meer" in snippet


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_postgres_search_stems_dutch_and_ranks_titles_first(client, make_post):
    make_post(title="Over de cloud", body="Digitale soevereiniteit is belangrijk.")
    make_post(title="Soevereiniteit voorop", body="Een tekst.")
    make_post(title="Los", body="Niets hiervan.")
    results = client.get("/search/", {"q": "soeverein"}).context["results"]
    assert [p.title for p in results] == ["Soevereiniteit voorop", "Over de cloud"]
    gemeenten = make_post(title="Gemeenten", body="Alle gemeenten werken samen.")
    assert client.get("/search/", {"q": "gemeente"}).context["results"] == [gemeenten]


def test_snippets_start_and_end_on_word_boundaries_and_mark_whole_words():
    from posts.search import snippet

    text = " ".join(f"woord{n}" for n in range(60)) + " digitale soevereiniteit " + "x" * 3
    text += " " + " ".join(f"staart{n}" for n in range(80))
    excerpt = str(snippet(text, ["soeverein"]))
    assert "<mark>soevereiniteit</mark>" in excerpt
    body = excerpt.removeprefix("… ").removesuffix(" …")
    words = body.replace("<mark>", "").replace("</mark>", "").split(" ")
    assert all(w in text.split(" ") for w in words), words
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    # A match inside a word is no match: "reiniteit" does not mark the middle of a word.
    assert "<mark>" not in str(snippet("soevereiniteit", ["reiniteit"]))
