"""With Redis, workers learn the content version by pub/sub, and never miss a change."""

import time
import uuid

import pytest
import redis
from django.core.cache import caches

from blog_project import caching
from blog_project.version_watch import VersionWatch
from tests.conftest import IN_CI

URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_server():
    client = redis.Redis.from_url(URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if IN_CI:
            pytest.fail("CI needs Redis on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()


def eventually(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_watch_knows_the_stored_version_then_every_published_one(redis_server):
    stored = {"version": "one"}
    channel = f"test:{uuid.uuid4().hex}"
    watch = VersionWatch(URL, channel, lambda: stored["version"])
    assert watch.current() is None  # not subscribed yet: the caller must ask Redis
    assert eventually(lambda: watch.current() == "one")
    VersionWatch(URL, channel, lambda: "").publish("two")  # another worker's save
    assert eventually(lambda: watch.current() == "two", 2)


def test_a_change_while_the_watch_was_cut_off_is_read_when_it_is_back(redis_server):
    stored = {"version": "one"}
    watch = VersionWatch(URL, f"test:{uuid.uuid4().hex}", lambda: stored["version"])
    watch.current()
    assert eventually(lambda: watch.current() == "one")
    redis_server.client_kill_filter(_type="pubsub")
    stored["version"] = "changed-unannounced"  # a change whose message it could not get
    assert eventually(lambda: watch.current() == "changed-unannounced")


@pytest.mark.django_db
def test_pages_in_a_workers_memory_follow_another_workers_save(
    redis_server, settings, monkeypatch, make_post, wsgi
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": URL}
    }
    watch = VersionWatch(URL, f"test:{uuid.uuid4().hex}", caching.content_version)
    monkeypatch.setattr(caching, "_watch", watch)
    post = make_post()
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
    assert eventually(lambda: watch.current() is not None)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "hit"
    reads = []
    monkeypatch.setattr(caches["default"], "get", lambda *a, **k: reads.append(a))
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "hit"
    assert reads == []  # no round trip to Redis at all
    monkeypatch.undo()
    monkeypatch.setattr(caching, "_watch", watch)
    before = watch.current()
    caching._bump()  # what a save in any worker or instance does
    assert eventually(lambda: watch.current() != before, 2)
    assert wsgi.get(post.get_absolute_url())["X-Page-Cache"] == "miss"
