from datetime import timedelta

import pytest
from django.utils import timezone

from blog_project import caching
from posts.models import Post


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_cache_without_queries(
    client, make_post, django_assert_num_queries
):
    post = make_post(title="Gecachet")
    first = client.get(post.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(post.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_an_edit_invalidates_cached_pages_once_committed(
    client, make_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(title="Oude titel")
    assert "Oude titel" in client.get("/blog/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Nieuwe titel"
        post.save()
    home = client.get("/blog/").content.decode()
    assert "Nieuwe titel" in home and "Oude titel" not in home


@pytest.mark.django_db
def test_a_tag_change_invalidates_cached_pages(
    client, make_post, make_tag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post()
        tag = make_tag(name="Nieuw label")
    client.get(post.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        post.tags.add(tag)
    assert "Nieuw label" in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_logged_in_editors_are_never_served_cached_pages(editor_client, client, make_post):
    post = make_post()
    client.get(post.get_absolute_url())
    response = editor_client.get(post.get_absolute_url())
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
def test_pages_are_rendered_when_the_cache_server_fails(client, make_post, monkeypatch):
    post = make_post(title="Zonder cache")

    def broken(*args, **kwargs):
        raise ConnectionError("cache server unreachable")

    monkeypatch.setattr(caching.cache, "get", broken)
    monkeypatch.setattr(caching.cache, "get_many", broken)
    monkeypatch.setattr(caching.cache, "set", broken)
    monkeypatch.setattr(caching.cache, "add", broken)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Zonder cache" in response.content.decode()
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_cached_page_carries_validators_and_answers_if_none_match_with_304(client, make_post):
    post = make_post()
    first = client.get(post.get_absolute_url())
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]
    again = client.get(post.get_absolute_url(), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert (
        client.get(post.get_absolute_url(), headers={"if-none-match": '"other"'}).status_code == 200
    )


@pytest.mark.django_db
def test_public_pages_may_be_kept_by_shared_caches_but_browsers_revalidate(client, make_post):
    response = client.get(make_post().get_absolute_url())
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate", "s-maxage=60"} <= directives
    assert "stale-while-revalidate=60" in directives


@pytest.mark.django_db
def test_an_editors_pages_are_private(editor_client, make_post):
    response = editor_client.get(make_post().get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_a_cached_page_keeps_the_security_headers(client, make_post):
    post = make_post()
    client.get(post.get_absolute_url())
    hit = client.get(post.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert header in hit, header
    assert hit["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(client, make_post):
    post = make_post()
    dutch = client.get(post.get_absolute_url(), headers={"accept-language": "nl"})
    english = client.get(post.get_absolute_url(), headers={"accept-language": "en"})
    assert english["X-Page-Cache"] == "miss"
    assert dutch["Content-Language"] == "nl" and english["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_version_set_by_another_worker_invalidates_this_workers_pages(client, make_post):
    post = make_post()
    client.get(post.get_absolute_url())
    caching._bump()  # what any worker's save does, through the shared cache
    assert client.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
