"""The editor's preview and upload endpoints answer editors only, and take only real images."""

import io
import re
import struct
import zlib
from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

PREVIEW = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)


def png_bytes(size=(40, 30), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, image_format)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG that claims ``width``x``height`` pixels in a few bytes (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def _english(settings):
    """The messages are checked in English; the Dutch ones are in the catalogue."""
    settings.LANGUAGE_CODE = "en"


def _forged_csrf_client() -> Client:
    """An outsider's client: CSRF checks on, with a cookie and header it made up itself."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_an_anonymous_visitor_cannot_upload_even_with_a_forged_csrf_pair(media):
    client = _forged_csrf_client()
    image = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
    response = client.post(UPLOAD, {"image": image}, headers={"x-csrftoken": "a" * 32})
    assert response.status_code == 403
    assert "error" in response.json()
    assert _stored(media) == []


@pytest.mark.django_db
def test_an_anonymous_visitor_cannot_make_the_server_render_markdown():
    client = _forged_csrf_client()
    response = client.post(PREVIEW, {"content": "**x**"}, headers={"x-csrftoken": "a" * 32})
    assert response.status_code == 403
    assert "<strong>" not in response.content.decode()


@pytest.mark.django_db
def test_staff_without_permission_to_write_articles_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("stagiair", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(user)
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403
    image = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
    assert client.post(UPLOAD, {"image": image}).status_code == 403


@pytest.mark.django_db
def test_a_get_is_not_allowed(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405
    assert editor_client.get(UPLOAD).status_code == 405


@pytest.mark.django_db
def test_preview_without_content_is_a_clear_400(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.django_db
def test_an_editor_uploads_a_png_into_a_dated_folder_named_by_its_real_format(editor_client, media):
    # Named .jpg, but the bytes are a PNG: the stored name follows the content.
    image = SimpleUploadedFile("foto.jpg", png_bytes(), content_type="image/jpeg")
    response = editor_client.post(UPLOAD, {"image": image})
    assert response.status_code == 200
    stored = _stored(media)
    now = datetime.now()
    assert len(stored) == 1
    assert re.fullmatch(rf"uploads/{now:%Y}/{now:%m}/[0-9a-f]{{32}}\.png", stored[0])
    assert response.json()["image_code"] == f"![]({default_storage.url(stored[0])})"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("evil.svg", SVG_WITH_SCRIPT, "image/svg+xml", "not an image we can show"),
        ("setup.png", b"\x7fELF\x02\x01\x01" + b"\0" * 500, "image/png", "not an image"),
        ("scan.bmp", png_bytes(image_format="BMP"), "image/bmp", "BMP images are not accepted"),
        ("cut.png", png_bytes()[:60], "image/png", "damaged"),
        ("bomb.png", png_header_only(30000, 30000), "image/png", "too many pixels"),
    ],
)
def test_bad_files_get_a_clear_json_error_and_nothing_is_stored(
    editor_client, media, name, content, content_type, message
):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = editor_client.post(UPLOAD, {"image": upload})
    assert response.status_code == 400
    assert message in response.json()["error"].lower().replace("bmp", "BMP")
    assert _stored(media) == []


@pytest.mark.django_db
def test_an_image_with_too_many_pixels_is_refused_with_its_size(editor_client, media, settings):
    settings.BLOG = {**settings.BLOG, "IMAGES": {**settings.BLOG["IMAGES"], "MAX_SIDE": 100}}
    upload = SimpleUploadedFile("wide.png", png_bytes((300, 20)), content_type="image/png")
    response = editor_client.post(UPLOAD, {"image": upload})
    assert response.status_code == 400
    assert "300 by 20" in response.json()["error"]
    assert _stored(media) == []


@pytest.mark.django_db
def test_a_50_mb_upload_is_refused_before_it_is_read(editor_client, media):
    upload = SimpleUploadedFile("big.png", b"\0" * (50 * 1024 * 1024), content_type="image/png")
    response = editor_client.post(UPLOAD, {"image": upload})
    assert response.status_code == 413
    assert "at most 10 MB" in response.json()["error"]
    assert _stored(media) == []


@pytest.mark.django_db
def test_an_upload_without_a_file_is_a_clear_400(editor_client):
    response = editor_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.django_db
def test_a_cover_image_must_be_a_real_raster_image(editor_client, media):
    svg = SimpleUploadedFile("cover.png", SVG_WITH_SCRIPT, content_type="image/png")
    response = editor_client.post(
        reverse("admin:posts_post_add"),
        {
            "title": "Met omslag",
            "slug": "met-omslag",
            "body": "Tekst.",
            "status": "draft",
            "publish_at_0": "2026-01-01",
            "publish_at_1": "10:00:00",
            "cover_image": svg,
            "cover_alt": "Een omslag",
            "series_entry-TOTAL_FORMS": "0",
            "series_entry-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "cover_image" in response.context["adminform"].form.errors
    assert _stored(media) == []


@pytest.mark.django_db
def test_a_cover_image_is_stored_in_a_dated_folder(make_post, media):
    post = make_post()
    post.cover_image.save("omslag.webp", io.BytesIO(png_bytes(image_format="WEBP")), save=True)
    now = datetime.now()
    assert re.fullmatch(rf"covers/{now:%Y}/{now:%m}/[0-9a-f]{{32}}\.webp", post.cover_image.name)


@pytest.mark.django_db
@pytest.mark.urls("tests.posts.media_urls")
def test_an_uploaded_image_is_served_as_its_real_type_with_nosniff(editor_client, settings):
    image = SimpleUploadedFile("foto.gif", png_bytes(), content_type="image/gif")
    url = editor_client.post(UPLOAD, {"image": image}).json()["image_code"][4:-1]
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
