"""/healthz: JSON, 200 or 503, no session, no CSRF, plain HTTP allowed."""

from unittest import mock

import pytest
from django.db import OperationalError, connections


@pytest.mark.django_db
def test_healthy_app_answers_200_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["app"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_touches_no_session_and_sets_no_cookie(client, editor):
    client.force_login(editor)
    client.handler.enforce_csrf_checks = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405  # not 403: no CSRF involved


@pytest.mark.django_db
def test_unreachable_database_answers_503(client):
    broken = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=broken):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "unavailable"
    assert "Connection refused" not in response.content.decode()
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_plain_http_while_https_redirects_are_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_reports_a_broken_shared_cache_as_degraded_not_down(client, settings, monkeypatch):
    from blog_project import health

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}
    }

    class Broken:
        def set(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(health, "caches", {"default": Broken()})
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "unavailable"
