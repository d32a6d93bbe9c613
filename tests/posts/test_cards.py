"""Link cards: a drawn 1200x630 PNG per published article, stored once per version of its text
and used for og:image when the writer set no cover."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from PIL import Image

from posts import cards
from posts.models import Post


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def drawings(monkeypatch):
    """The texts of the cards drawn during the test, in order."""
    drawn = []
    real_draw = cards.draw

    def counting_draw(text):
        drawn.append(text)
        return real_draw(text)

    monkeypatch.setattr(cards, "draw", counting_draw)
    return drawn


def card_path(post) -> str:
    return f"/blog/{post.slug}/card.png"


def og(page: str, name: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', page)
    return found[1] if found else None


def jsonld_image(page: str):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    return data.get("image")


@pytest.mark.django_db
def test_a_card_is_a_1200_by_630_png(client, make_post, media):
    post = make_post(title="Algoritmes in de uitvoering")
    response = client.get(card_path(post))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    # Drawn in the palette: the page's background and the accent band along the top.
    assert image.getpixel((600, 600)) == (0xFD, 0xFC, 0xF8)
    assert image.getpixel((600, 5)) == (0x8A, 0x4B, 0x08)


@pytest.mark.django_db
def test_the_card_is_drawn_once_and_then_read_from_storage(
    client, make_post, media, drawings, django_assert_max_num_queries
):
    post = make_post(title="Een keer tekenen")
    first = client.get(card_path(post)).content
    with django_assert_max_num_queries(1):
        second = client.get(card_path(post)).content
    assert second == first
    assert len(drawings) == 1
    stored = list((media / "cards" / str(post.pk)).iterdir())
    assert [path.read_bytes() for path in stored] == [first]


@pytest.mark.django_db
def test_a_card_two_requests_draw_at_once_is_stored_once(client, make_post, media, monkeypatch):
    post = make_post()
    client.get(card_path(post))
    # The second request looked before the first had stored its drawing.
    looked = []
    real_exists = default_storage.exists

    def exists_later(name):
        looked.append(name)
        return len(looked) > 1 and real_exists(name)

    monkeypatch.setattr(default_storage, "exists", exists_later)
    client.get(card_path(post))
    assert len(list((media / "cards" / str(post.pk)).iterdir())) == 1


@pytest.mark.django_db
def test_a_new_title_draws_a_new_card_and_removes_the_old_one(client, make_post, media, drawings):
    post = make_post(title="Oude titel")
    old = client.get(card_path(post)).content
    Post.objects.filter(pk=post.pk).update(title="Nieuwe titel")
    new = client.get(card_path(post)).content
    assert new != old
    assert [text.title for text in drawings] == ["Oude titel", "Nieuwe titel"]
    stored = list((media / "cards" / str(post.pk)).iterdir())
    assert [path.read_bytes() for path in stored] == [new]


@pytest.mark.django_db
def test_the_card_names_the_series_and_the_part_as_the_series_box_counts_it(
    client, make_post, make_series, media, drawings, django_assert_max_num_queries
):
    draft = make_post(status=Post.Status.DRAFT)
    first, third = make_post(), make_post(title="Derde deel")
    make_series(title="AI en de overheid", posts=[first, draft, third])
    with django_assert_max_num_queries(2):
        assert client.get(card_path(third)).status_code == 200
    # The draft second part leaves no gap: this is part 2 of what readers see.
    assert drawings[-1].title == "Derde deel"
    assert drawings[-1].kicker.endswith(" 2 · AI en de overheid")
    assert drawings[-1].blog == "Bronpunt"


@pytest.mark.django_db
def test_drafts_scheduled_and_unknown_posts_have_no_card(editor_client, make_post, media, drawings):
    draft = make_post(status=Post.Status.DRAFT)
    scheduled = make_post(publish_at=timezone.now() + timedelta(days=1))
    for post in (draft, scheduled):
        assert Client().get(card_path(post)).status_code == 404
        assert editor_client.get(card_path(post)).status_code == 404
    assert Client().get("/blog/bestaat-niet/card.png").status_code == 404
    assert drawings == []
    assert not default_storage.exists("cards")


@pytest.mark.django_db
def test_without_a_cover_og_image_is_the_card(client, make_post, media):
    post = make_post(title="Zonder omslag")
    page = client.get(post.get_absolute_url()).content.decode()
    url = og(page, "og:image")
    assert re.fullmatch(rf"http://testserver{card_path(post)}\?v=[0-9a-f]{{10}}", url)
    assert og(page, "og:image:width") == "1200"
    assert og(page, "og:image:height") == "630"
    assert og(page, "og:image:type") == "image/png"
    assert og(page, "og:image:alt") == "Zonder omslag"
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert jsonld_image(page) == url
    # The address on the page serves the card.
    assert client.get(url).content[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_the_card_address_changes_with_the_title(client, make_post, media):
    post = make_post(title="Eerste titel")
    before = og(client.get(post.get_absolute_url()).content.decode(), "og:image")
    post.title = "Tweede titel"
    post.save()
    after = og(client.get(post.get_absolute_url()).content.decode(), "og:image")
    assert before != after


@pytest.mark.django_db
def test_a_cover_is_preferred_to_the_card(client, make_post, media):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20)).save(buffer, "PNG")
    post = make_post(cover_alt="Een stoomtrein")
    post.cover_image.save("omslag.png", buffer, save=True)
    page = client.get(post.get_absolute_url()).content.decode()
    cover = f"http://testserver/media/{post.cover_image.name}"
    assert og(page, "og:image") == cover
    assert og(page, "og:image:alt") == "Een stoomtrein"
    assert "card.png" not in page
    assert jsonld_image(page) == cover


@pytest.mark.django_db
def test_a_draft_preview_points_at_no_card(editor_client, make_post, media):
    post = make_post(status=Post.Status.DRAFT)
    page = editor_client.get(post.get_absolute_url()).content.decode()
    assert og(page, "og:image") is None
    assert "card.png" not in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_long_titles_and_words_stay_inside_the_card():
    font = cards._font(cards.TITLE_SIZES[-1])
    width = cards.WIDTH - 2 * cards.MARGIN
    font_used, lines = cards._title_lines("Informatiebeveiligingsbeleidsplan " * 30, width, 300)
    assert font_used.size == font.size
    assert len(lines) == 300 // round(font.size * cards.TITLE_LEADING)
    assert lines[-1].endswith("…")
    assert all(font.getlength(line) <= width for line in lines)


def test_a_title_that_fits_without_breaking_words_is_not_broken():
    width = cards.WIDTH - 2 * cards.MARGIN
    title = "Algoritmes en informatiebeveiligingsbeleidsplannen"
    font, lines = cards._title_lines(title, width, 400)
    assert " ".join(lines) == title
    assert all(font.getlength(line) <= width for line in lines)


@pytest.mark.django_db
def test_the_page_cache_keeps_the_card_for_anonymous_visitors(
    make_post, media, drawings, django_assert_num_queries
):
    from tests.site.conftest import WSGIClient

    post = make_post()
    first = WSGIClient().get(card_path(post))
    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    with django_assert_num_queries(0):
        second = WSGIClient().get(card_path(post))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "image/png"
    assert second["Cache-Control"] == f"public, max-age={cards.MAX_AGE}"
    assert len(drawings) == 1
