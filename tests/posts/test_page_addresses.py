"""One way to each address: canonical links on every page, absolute media URLs, the site's
language instead of a hard-coded one."""

import io
import json
import re

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

PAGES = [
    "/blog/",
    "/blog/tags/",
    "/blog/archive/",
    "/series/",
    "/sources/",
    "/search/?q=noot&utm_source=x",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_names_its_canonical_address_without_tracking_parameters(client, path):
    page = client.get(path).content.decode()
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
    assert canonical == ["http://testserver" + path.split("?")[0]]


@pytest.mark.django_db
def test_a_list_page_beyond_the_first_keeps_its_page_number(client, make_post, settings):
    settings.BLOG = {**settings.BLOG, "POSTS_PER_PAGE": 1}
    make_post(), make_post()
    page = client.get("/blog/?page=2&x=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/?page=2">' in page


@pytest.mark.django_db
def test_an_article_and_its_series_have_one_canonical_address(client, make_post, make_series):
    post = make_post(slug="een")
    series = make_series(posts=[post], slug="reeks")
    article = client.get("/blog/een/").content.decode()
    assert article.count('rel="canonical"') == 1
    assert '<link rel="canonical" href="http://testserver/blog/een/">' in article
    assert '<meta property="og:url" content="http://testserver/blog/een/">' in article
    listing = client.get(series.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/series/reeks/">' in listing


class FarAwayStorage(FileSystemStorage):
    """Like S3: file addresses are absolute, on another host."""

    def url(self, name):
        return f"https://media.example.net/{name}"


@pytest.mark.django_db
def test_a_cover_on_storage_with_absolute_addresses_is_used_as_is(
    client, make_post, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.posts.test_page_addresses.FarAwayStorage"},
    }
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20)).save(buffer, "PNG")
    post = make_post(cover_alt="Omslag")
    post.cover_image.save("omslag.png", buffer, save=True)
    page = client.get(post.get_absolute_url()).content.decode()
    expected = f"https://media.example.net/{post.cover_image.name}"
    assert f'<meta property="og:image" content="{expected}">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    assert data["image"] == expected


@pytest.mark.django_db
def test_the_article_is_marked_with_the_sites_language(client, make_post, settings):
    settings.LANGUAGE_CODE = "en"
    page = client.get(make_post().get_absolute_url()).content.decode()
    assert '<article class="post" lang="en" ' in page
    assert '<meta property="og:locale" content="en_GB">' in page
    settings.LANGUAGE_CODE = "nl"
    cache_busting = client.get(make_post().get_absolute_url()).content.decode()
    assert '<article class="post" lang="nl" ' in cache_busting
    assert '<meta property="og:locale" content="nl_NL">' in cache_busting
