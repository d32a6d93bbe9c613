"""`manage.py check --deploy` is clean with production variables (the real settings module)."""

import os
import secrets
import subprocess
import sys

import pytest

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


def test_with_debug_nothing_is_https_only(monkeypatch):
    from blog_project.production import apply

    for name in list(os.environ):
        if name.startswith("DJANGO_") or name == "REDIS_URL":
            monkeypatch.delenv(name)
    ns = _namespace(debug=True)
    apply(ns)
    assert ns["SECURE_SSL_REDIRECT"] is False
    assert ns["SECURE_HSTS_SECONDS"] == 0
    assert ns["SESSION_COOKIE_SECURE"] is False and ns["CSRF_COOKIE_SECURE"] is False
    assert "SECURE_PROXY_SSL_HEADER" not in ns
    assert ns["SECURE_CSP"]["upgrade-insecure-requests"] is False


def test_without_debug_https_is_the_default(monkeypatch):
    from blog_project.production import apply

    for name in list(os.environ):
        if name.startswith("DJANGO_") or name == "REDIS_URL":
            monkeypatch.delenv(name)
    ns = _namespace(debug=False)
    apply(ns)
    assert ns["SECURE_SSL_REDIRECT"] is True
    assert ns["SECURE_HSTS_SECONDS"] > 0
    assert ns["SESSION_COOKIE_SECURE"] and ns["CSRF_COOKIE_SECURE"]
    assert ns["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_middleware_order_request_id_first_csp_after_security_axes_last():
    from blog_project.production import apply

    ns = _namespace(debug=False)
    apply(ns)
    apply(ns)  # idempotent
    middleware = ns["MIDDLEWARE"]
    assert middleware[0] == "blog_project.middleware.RequestIDMiddleware"
    assert middleware[1] == "django.middleware.security.SecurityMiddleware"
    assert middleware[2] == "django.middleware.csp.ContentSecurityPolicyMiddleware"
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert len(middleware) == len(set(middleware))
    assert ns["INSTALLED_APPS"].count("axes") == 1


def test_shared_cache_and_sessions_with_redis_local_memory_without(monkeypatch):
    from blog_project.production import apply

    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    ns = _namespace(debug=False)
    apply(ns)
    assert ns["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert ns["CACHES"]["default"]["LOCATION"] == "redis://cache:6379/0"
    assert ns["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"

    monkeypatch.delenv("REDIS_URL")
    ns = _namespace(debug=False)
    apply(ns)
    assert ns["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert ns["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_media_on_s3_compatible_storage_when_a_bucket_is_set(monkeypatch):
    from blog_project.production import apply

    monkeypatch.setenv("DJANGO_S3_BUCKET", "bronpunt-media")
    monkeypatch.setenv("DJANGO_S3_ENDPOINT_URL", "https://s3.nl-ams.example.net")
    monkeypatch.setenv("DJANGO_S3_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("DJANGO_S3_SECRET_ACCESS_KEY", "secret")
    ns = _namespace(debug=False)
    apply(ns)
    default = ns["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "bronpunt-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.nl-ams.example.net"
    assert ns["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert "https://s3.nl-ams.example.net" in ns["SECURE_CSP"]["img-src"]

    import storages.backends.s3  # noqa: F401  (installed: the backend can be loaded)


def test_the_placeholder_secret_of_env_example_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from blog_project.production import apply

    ns = _namespace(debug=False)
    ns["SECRET_KEY"] = _read_env_example()["DJANGO_SECRET_KEY"]
    with pytest.raises(ImproperlyConfigured, match="placeholder"):
        apply(ns)


def test_postgres_connections_fail_fast(monkeypatch):
    from blog_project.production import apply

    ns = _namespace(debug=False)
    ns["DATABASES"] = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
    apply(ns)
    assert ns["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 5


def _namespace(debug: bool) -> dict:
    return {
        "DEBUG": debug,
        "BASE_DIR": REPO_ROOT,
        "ALLOWED_HOSTS": ["blog.example.org"],
        "CSRF_TRUSTED_ORIGINS": [],
        "INSTALLED_APPS": ["django.contrib.admin", "django.contrib.auth", "posts"],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
        ],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db"}},
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    }
