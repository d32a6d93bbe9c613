"""Shared fixtures: factories with sequence slugs, and locations of the real seed content."""

import itertools
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from posts.models import Author, Post, Tag
from posts.services import post_write
from series.models import Series, SeriesEntry

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
IN_CI = os.environ.get("CI", "").lower() == "true"

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages must not leak between tests."""
    from blog_project import caching

    cache.clear()
    caching._local_pages.clear()
    yield
    cache.clear()
    caching._local_pages.clear()


@pytest.fixture
def english():
    """Messages in English, for tests that read them (the site's own language is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def seeds_dir() -> Path:
    """The writers' real content; skipped where it is absent, except in CI."""
    if not SEEDS_DIR.is_dir():
        if IN_CI:
            pytest.fail(f"CI needs the seed content at {SEEDS_DIR}")
        pytest.skip(f"seed content not found at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture
def make_post(db):
    def make(**fields) -> Post:
        n = next(_seq)
        fields.setdefault("title", f"Artikel {n}")
        fields.setdefault("slug", f"artikel-{n}")
        fields.setdefault("body", f"Tekst van artikel {n}.")
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
        authors = fields.pop("authors", [])
        tags = fields.pop("tags", [])
        post = post_write(post=Post(**fields))
        post.authors.set(authors)
        post.tags.set(tags)
        return post

    return make


@pytest.fixture
def make_author(db):
    def make(**fields) -> Author:
        n = next(_seq)
        fields.setdefault("key", f"auteur-{n}")
        fields.setdefault("name", f"Auteur {n}")
        return Author.objects.create(**fields)

    return make


@pytest.fixture
def make_tag(db):
    def make(**fields) -> Tag:
        n = next(_seq)
        fields.setdefault("name", f"Label {n}")
        fields.setdefault("slug", f"label-{n}")
        return Tag.objects.create(**fields)

    return make


@pytest.fixture
def make_series(db):
    def make(posts=(), **fields) -> Series:
        n = next(_seq)
        fields.setdefault("title", f"Reeks {n}")
        fields.setdefault("slug", f"reeks-{n}")
        series = Series.objects.create(**fields)
        for position, post in enumerate(posts, start=1):
            SeriesEntry.objects.create(series=series, post=post, position=position)
        return series

    return make


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
