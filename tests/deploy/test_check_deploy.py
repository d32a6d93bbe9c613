"""`manage.py check --deploy` is clean with production variables (the real settings module)."""

import json
import os
import secrets
import subprocess
import sys

from tests.deploy.conftest import REPO_ROOT

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "blog_project.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "blog.example.org",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "DJANGO_SECURE_HSTS_PRELOAD": "true",
}


def _read_env_example() -> dict[str, str]:
    values = {}
    for line in (REPO_ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_clean(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output and "?:" not in output, output


def test_check_deploy_is_clean_with_production_variables():
    _assert_clean(_check_deploy(PRODUCTION))


def test_check_deploy_is_clean_with_the_values_of_env_example():
    """What an operator gets by copying .env.example (secret and database filled in)."""
    values = _read_env_example()
    values.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_SETTINGS_MODULE="blog_project.settings",
    )
    # No PostgreSQL or Redis needed for the checks: keep the test's own database settings.
    for name in ("DATABASE_URL", "REDIS_URL"):
        values.pop(name, None)
        if name in os.environ:
            values[name] = os.environ[name]
    _assert_clean(_check_deploy(values))


def test_without_hsts_the_check_does_warn():
    """The test above would catch a regression: the check does look at these settings."""
    result = _check_deploy({**PRODUCTION, "DJANGO_SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def _settings(extra: dict[str, str], *names: str) -> dict:
    """The named settings as the real settings module gives them under these variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update({"DJANGO_SECRET_KEY": "x" * 50, **extra})
    script = (
        "import json, sys; import blog_project.settings as s; "
        "print(json.dumps({n: getattr(s, n, None) for n in sys.argv[1:]}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *names],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_debug_nothing_is_https_only():
    values = _settings(
        {"DJANGO_DEBUG": "true"},
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_CSP",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_CSP"]["upgrade-insecure-requests"] is False


def test_without_debug_https_is_the_default():
    values = _settings(
        {"DJANGO_DEBUG": "false"},
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_middleware_that_runs_is_the_list_in_settings_py():
    """Request id first, then security and static files, django-axes last; nothing added or
    reordered behind the reader's back. (The page cache answers before all of them, in the
    WSGI application: blog_project/wsgi.py.)"""
    from django.conf import settings

    middleware = settings.MIDDLEWARE
    assert middleware[:3] == [
        "blog_project.middleware.RequestIDMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert len(middleware) == len(set(middleware))
    source = (REPO_ROOT / "blog_project" / "settings.py").read_text(encoding="utf-8")
    assert "globals()" not in source
    for name in middleware:
        assert f'"{name}"' in source, name
    assert _settings({"DJANGO_DEBUG": "true"}, "MIDDLEWARE")["MIDDLEWARE"] == middleware


def test_shared_cache_and_sessions_with_redis_files_on_this_machine_without():
    with_redis = _settings(
        {"DJANGO_DEBUG": "false", "REDIS_URL": "redis://cache:6379/0"}, "CACHES", "SESSION_ENGINE"
    )
    assert with_redis["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert with_redis["CACHES"]["default"]["LOCATION"] == "redis://cache:6379/0"
    assert with_redis["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"

    without = _settings({"DJANGO_DEBUG": "false"}, "CACHES", "SESSION_ENGINE")
    # Every gunicorn worker of the machine reads the same folder: they share the page cache.
    assert without["CACHES"]["default"]["BACKEND"] == (
        "blog_project.cache_backends.UncompressedFileCache"
    )
    assert without["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_media_on_s3_compatible_storage_when_a_bucket_is_set():
    values = _settings(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_S3_BUCKET": "bronpunt-media",
            "DJANGO_S3_ENDPOINT_URL": "https://s3.nl-ams.example.net",
            "DJANGO_S3_ACCESS_KEY_ID": "key",
            "DJANGO_S3_SECRET_ACCESS_KEY": "secret",
        },
        "STORAGES",
        "SECURE_CSP",
    )
    default = values["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "bronpunt-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.nl-ams.example.net"
    assert values["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert "https://s3.nl-ams.example.net" in values["SECURE_CSP"]["img-src"]

    import storages.backends.s3  # noqa: F401  (installed: the backend can be loaded)


def test_the_placeholder_secret_of_env_example_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import blog_project.settings"],
        cwd=REPO_ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": _read_env_example()["DJANGO_SECRET_KEY"],
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_postgres_connections_fail_fast():
    values = _settings(
        {"DJANGO_DEBUG": "false", "DATABASE_URL": "postgres://u@db:5432/x"}, "DATABASES"
    )
    assert values["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 5
