"""Every response carries X-Request-ID, taken from the proxy or made; logs carry it too."""

import io
import json
import logging
import re

import pytest
from django.test import override_settings

from blog_project.logging import JSONFormatter, RequestIDFilter, request_id_var


@pytest.mark.django_db
def test_a_request_id_is_made_when_none_comes_in(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_the_proxys_request_id_is_echoed(client):
    response = client.get("/blog/", headers={"x-request-id": "9f1c2-abc.def"})
    assert response["X-Request-ID"] == "9f1c2-abc.def"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["a b", "<script>", "x" * 200, "naïve"])
def test_a_malformed_request_id_is_replaced_not_echoed(client, bad):
    response = client.get("/healthz", headers={"x-request-id": bad})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def _capture(logger_name: str):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIDFilter())
    handler.setFormatter(JSONFormatter())
    logging.getLogger(logger_name).addHandler(handler)
    return stream, handler


@pytest.mark.django_db
def test_errors_are_logged_as_json_with_the_request_id(client, monkeypatch):
    """An unhandled error in a view: django.request logs it with the request's id."""
    from posts import views

    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views.PostListView, "get", boom)
    stream, handler = _capture("django.request")
    client.raise_request_exception = False
    try:
        with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False):
            response = client.get("/blog/", headers={"x-request-id": "err-42"})
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 500
    assert response["X-Request-ID"] == "err-42"
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["level"] == "error"
    assert line["request_id"] == "err-42"
    assert line["status"] == 500
    assert "RuntimeError: kapot" in line["exc"]


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("you",), None)
    RequestIDFilter().filter(record)
    line = json.loads(JSONFormatter().format(record))
    assert line["message"] == "hello you"
    assert line["request_id"] == "-"
    token = request_id_var.set("inside")
    try:
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", (), None)
        RequestIDFilter().filter(record)
        assert json.loads(JSONFormatter().format(record))["request_id"] == "inside"
    finally:
        request_id_var.reset(token)


def test_gunicorn_access_lines_are_json_with_the_request_id():
    atoms = {
        "h": "10.0.0.5", "m": "GET", "U": "/blog/", "q": "", "H": "HTTP/1.1", "s": "200",
        "B": 512, "D": 12345, "f": "-", "a": "curl/8", "{x-request-id}o": "abc123",
    }  # fmt: skip
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (atoms,), None
    )
    line = json.loads(JSONFormatter().format(record))
    assert line["status"] == 200 and line["path"] == "/blog/" and line["duration_ms"] == 12.3
    assert line["request_id"] == "abc123"
    assert line["bytes"] == 512 and line["user_agent"] == "curl/8" and line["referer"] is None
