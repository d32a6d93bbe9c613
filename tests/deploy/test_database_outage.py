"""When the database is unreachable, visitors get a friendly Dutch 503, and it passes."""

import io
import json
import logging
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from blog_project.logging import JSONFormatter, RequestIDFilter
from blog_project.settings import _style_hashes


def _database_down():
    refused = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    return mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused)


@pytest.mark.django_db
def test_visitors_get_a_friendly_503_and_the_site_recovers(client, article):
    with _database_down():
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    html = response.content.decode()
    assert "Even niet bereikbaar" in html
    assert "<script" not in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response

    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_503_page_keeps_its_styles_under_the_csp(client):
    with _database_down():
        response = client.get("/blog/")
    assert response.status_code == 503
    for source in _style_hashes(settings.BASE_DIR / "templates"):
        assert source in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_outage_is_logged_with_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIDFilter())
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("blog_project.requests")
    logger.addHandler(handler)
    try:
        with _database_down():
            response = client.get("/blog/", headers={"x-request-id": "outage-test-1"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 503
    assert response["X-Request-ID"] == "outage-test-1"
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["level"] == "error"
    assert line["request_id"] == "outage-test-1"
    assert line["exc_type"] == "OperationalError"
