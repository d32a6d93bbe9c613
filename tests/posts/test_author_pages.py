"""Author pages with photo, role, bio and website; bylines with a small avatar when the author
has a photo, in the same number of queries as without."""

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def with_photo(media):
    def give(author):
        buffer = io.BytesIO()
        Image.new("RGB", (120, 120), (90, 60, 30)).save(buffer, "PNG")
        author.image.save("foto.png", buffer, save=True)
        return author

    return give


def images(page: str) -> list[str]:
    return re.findall(r"<img [^>]*>", page)


@pytest.mark.django_db
def test_the_author_page_shows_photo_role_bio_website_and_articles(
    client, make_post, make_author, with_photo
):
    anna = with_photo(
        make_author(
            key="anna",
            name="Anna de Vries",
            title="Onderzoeker digitale overheid",
            bio="Schrijft over algoritmes.\n\nEerder bij de <b>VNG</b>.",
            url="https://anna.example.org/",
        )
    )
    make_post(title="Over algoritmes", authors=[anna])
    page = client.get("/blog/authors/anna/").content.decode()
    [photo] = [img for img in images(page) if "author-image" in img]
    assert f'src="/media/{anna.image.name}"' in photo
    assert 'alt="Anna de Vries"' in photo
    assert 'width="96" height="96"' in photo
    assert 'loading="lazy"' in photo
    assert "Onderzoeker digitale overheid" in page
    assert "<p>Schrijft over algoritmes.</p>" in page
    assert "<p>Eerder bij de &lt;b&gt;VNG&lt;/b&gt;.</p>" in page
    assert '<a href="https://anna.example.org/" rel="me external">' in page
    assert "Over algoritmes" in page


@pytest.mark.django_db
def test_an_author_without_photo_or_website_shows_neither(client, make_author):
    make_author(key="bram", name="Bram", url="")
    page = client.get("/blog/authors/bram/").content.decode()
    assert not any("author-image" in img for img in images(page))
    assert 'rel="me external"' not in page


@pytest.mark.django_db
def test_bylines_show_an_avatar_for_authors_with_a_photo(
    client, make_post, make_author, with_photo
):
    anna = with_photo(make_author(name="Anna"))
    bram = make_author(name="Bram")
    post = make_post(authors=[anna, bram])
    for url in (post.get_absolute_url(), "/blog/", "/search/?q=tekst"):
        page = client.get(url).content.decode()
        avatars = [img for img in images(page) if 'class="avatar"' in img]
        assert len(avatars) == 1, url
        # Decorative: the author's name follows inside the same link.
        assert 'alt=""' in avatars[0] and 'width="32" height="32"' in avatars[0]
        assert re.search(
            r'<a href="/blog/authors/[^"]+/" class="author"><img [^>]*class="avatar"[^>]*>Anna</a>',
            page,
        ), url
        assert re.search(r'class="author">Bram</a>', page), url


@pytest.mark.django_db
def test_the_articles_structured_data_carries_the_authors_photo(
    client, make_post, make_author, with_photo
):
    anna = with_photo(make_author(name="Anna"))
    page = client.get(make_post(authors=[anna]).get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    assert data["author"] == [
        {"@type": "Person", "name": "Anna", "image": f"http://testserver/media/{anna.image.name}"}
    ]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_avatars_cost_no_extra_query(client, make_post, make_author, with_photo, settings):
    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 0}
    plain = make_post(authors=[make_author(), make_author()])
    pictured = make_post(authors=[with_photo(make_author()), with_photo(make_author())])
    assert _queries(client, pictured.get_absolute_url()) == _queries(
        client, plain.get_absolute_url()
    )
    author = pictured.authors.first()
    author_page = f"/blog/authors/{author.key}/"
    before = _queries(client, "/blog/"), _queries(client, author_page)
    for _ in range(3):
        make_post(authors=[author, with_photo(make_author())])
    assert (_queries(client, "/blog/"), _queries(client, author_page)) == before
