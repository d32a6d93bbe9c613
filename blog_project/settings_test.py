"""Settings for the test suite: the real settings, plus speed and isolation."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")

from blog_project.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
BLOG = {**BLOG, "PAGE_CACHE_SECONDS": 300}  # noqa: F405  (exercise the page cache)
SECURE_SSL_REDIRECT = False  # the test client and live server speak plain HTTP
# Tasks are recorded, not run: a test runs them on purpose, against a local server only.
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
BLOG["LINK_CHECK"] = {
    **BLOG["LINK_CHECK"],
    "HOST_INTERVAL_SECONDS": 0.0,
    "CONNECT_TIMEOUT": 2.0,
    "READ_TIMEOUT": 2.0,
    "ALLOW_PRIVATE_ADDRESSES": True,  # the tests' local server is on 127.0.0.1
}
