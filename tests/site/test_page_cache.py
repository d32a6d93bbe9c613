from datetime import timedelta

import pytest
from django.utils import timezone

from blog_project import caching
from posts.models import Post


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_cache_without_queries(
    wsgi, make_post, django_assert_num_queries
):
    post = make_post(title="Gecachet")
    first = wsgi.get(post.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = wsgi.get(post.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_an_edit_invalidates_cached_pages_once_committed(
    wsgi, make_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(title="Oude titel")
    assert "Oude titel" in wsgi.get("/blog/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Nieuwe titel"
        post.save()
    home = wsgi.get("/blog/").content.decode()
    assert "Nieuwe titel" in home and "Oude titel" not in home


@pytest.mark.django_db
def test_a_tag_change_invalidates_cached_pages(
    wsgi, make_post, make_tag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post()
        tag = make_tag(name="Nieuw label")
    wsgi.get(post.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        post.tags.add(tag)
    assert "Nieuw label" in wsgi.get(post.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_logged_in_editors_are_never_served_cached_pages(editor_wsgi, make_post):
    from tests.site.conftest import WSGIClient

    post = make_post()
    assert WSGIClient().get(post.get_absolute_url())["X-Page-Cache"] == "miss"
    response = editor_wsgi.get(post.get_absolute_url())
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_cached_pages_expire_when_the_next_scheduled_post_is_due(make_post, settings):
    settings.BLOG = {**settings.BLOG, "PAGE_CACHE_SECONDS": 300}
    make_post(publish_at=timezone.now() + timedelta(seconds=42))
    assert 30 < caching.page_lifetime() <= 42
    Post.objects.update(status=Post.Status.DRAFT)
    caching.cache.delete(caching.SCHEDULE_KEY)  # what a save's invalidation does
    assert caching.page_lifetime() == 300


@pytest.mark.django_db
def test_pages_are_rendered_when_the_cache_server_fails(wsgi, make_post, monkeypatch):
    post = make_post(title="Zonder cache")

    def broken(*args, **kwargs):
        raise ConnectionError("cache server unreachable")

    monkeypatch.setattr(caching.cache, "get", broken)
    monkeypatch.setattr(caching.cache, "get_many", broken)
    monkeypatch.setattr(caching.cache, "set", broken)
    monkeypatch.setattr(caching.cache, "add", broken)
    response = wsgi.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Zonder cache" in response.content.decode()
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_cached_page_carries_validators_and_answers_if_none_match_with_304(wsgi, make_post):
    post = make_post()
    first = wsgi.get(post.get_absolute_url())
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]
    again = wsgi.get(post.get_absolute_url(), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert (
        wsgi.get(post.get_absolute_url(), headers={"if-none-match": '"other"'}).status_code == 200
    )


@pytest.mark.django_db
def test_public_pages_may_be_kept_by_shared_caches_but_browsers_revalidate(wsgi, make_post):
    response = wsgi.get(make_post().get_absolute_url())
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate", "s-maxage=60"} <= directives
    assert "stale-while-revalidate=60" in directives


@pytest.mark.django_db
def test_an_editors_pages_are_private(editor_wsgi, make_post):
    response = editor_wsgi.get(make_post().get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_a_cached_page_keeps_the_security_headers(wsgi, make_post):
    post = make_post()
    wsgi.get(post.get_absolute_url())
    hit = wsgi.get(post.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert header in hit, header
    assert hit["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_cached_page_echoes_the_proxys_request_id_and_replaces_a_bad_one(wsgi, make_post):
    post = make_post()
    wsgi.get(post.get_absolute_url())
    hit = wsgi.get(post.get_absolute_url(), headers={"X-Request-ID": "proxy-42"})
    assert (hit["X-Page-Cache"], hit["X-Request-ID"]) == ("hit", "proxy-42")
    forged = wsgi.get(post.get_absolute_url(), headers={"X-Request-ID": "a b;Set-Cookie: x"})
    assert forged["X-Page-Cache"] == "hit"
    assert len(forged["X-Request-ID"]) == 32 and " " not in forged["X-Request-ID"]


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(wsgi, make_post):
    post = make_post()
    dutch = wsgi.get(post.get_absolute_url(), headers={"accept-language": "nl"})
    english = wsgi.get(post.get_absolute_url(), headers={"accept-language": "en"})
    assert english["X-Page-Cache"] == "miss"
    assert dutch["Content-Language"] == "nl" and english["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_version_set_by_another_worker_invalidates_this_workers_pages(wsgi, make_post):
    post = make_post()
    wsgi.get(post.get_absolute_url())
    caching._bump()  # what any worker's save does, through the shared cache
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_cached_page_is_answered_before_django_runs(wsgi, make_post, monkeypatch):
    """No middleware, no request object, no URL resolving: the WSGI layer answers."""
    from django.core.handlers.base import BaseHandler

    post = make_post()
    wsgi.get(post.get_absolute_url())

    def not_django(*args, **kwargs):
        raise AssertionError("Django handled a cached page")

    monkeypatch.setattr(BaseHandler, "get_response", not_django)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_other_requests_are_never_stored(wsgi):
    assert "X-Page-Cache" not in wsgi.get("/admin/login/")
    for _ in range(2):
        missing = wsgi.get("/blog/bestaat-niet/")
        assert missing.status_code == 404 and "X-Page-Cache" not in missing


@pytest.mark.django_db
def test_http_and_https_pages_are_kept_apart(wsgi, make_post, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    post = make_post()
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
    https = wsgi.get(post.get_absolute_url(), headers={"x-forwarded-proto": "https"})
    assert https["X-Page-Cache"] == "miss"
    assert "http://testserver/" not in https.content.decode().split("canonical")[1][:40]


@pytest.fixture
def file_cache(settings, tmp_path):
    """The default set-up's cache: files in a folder every worker of the machine reads."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "blog_project.cache_backends.UncompressedFileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    return caches["default"]


@pytest.mark.django_db
def test_with_the_file_cache_a_hit_reads_no_file_and_another_workers_edit_shows_at_once(
    wsgi, make_post, file_cache, monkeypatch, tmp_path
):
    from blog_project.cache_backends import UncompressedFileCache

    post = make_post(title="Bestand")
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "hit"  # knows the version now
    reads = []
    monkeypatch.setattr(UncompressedFileCache, "get", lambda self, *a, **k: reads.append(a) or None)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "hit"
    assert reads == []  # the version by a stat, the page from this worker's memory
    monkeypatch.undo()
    # Another worker's save: a new version written to the shared folder by another cache object.
    other_worker = UncompressedFileCache(str(tmp_path / "cache"), {})
    other_worker.set(caching.VERSION_KEY, "from-another-worker", timeout=None)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_page_in_memory_expires_with_its_entry(wsgi, make_post, file_cache, monkeypatch):
    post = make_post()
    wsgi.get(post.get_absolute_url())
    key, entry = next(iter(caching._local_pages.items()))
    entry["expires"] = 0  # its lifetime ended (a scheduled post became due)
    file_cache.delete(key)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
