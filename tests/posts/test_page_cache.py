from datetime import timedelta

import pytest
from django.utils import timezone

from posts import caching
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
    post = make_post()
    client.get(post.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        post.tags.add(make_tag(name="Nieuw label"))
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
    assert 30 < caching._timeout() <= 42
    Post.objects.update(status=Post.Status.DRAFT)
    assert caching._timeout() == 300


@pytest.mark.django_db
def test_pages_are_rendered_when_the_cache_server_fails(client, make_post, monkeypatch):
    post = make_post(title="Zonder cache")

    def broken(*args, **kwargs):
        raise ConnectionError("cache server unreachable")

    monkeypatch.setattr(caching.cache, "get", broken)
    monkeypatch.setattr(caching.cache, "set", broken)
    monkeypatch.setattr(caching.cache, "add", broken)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Zonder cache" in response.content.decode()
    assert "X-Page-Cache" not in response
