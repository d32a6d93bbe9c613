"""A client that calls the WSGI application gunicorn runs, page cache included."""

from dataclasses import dataclass

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils.datastructures import CaseInsensitiveMapping


@dataclass
class Answer:
    status_code: int
    headers: CaseInsensitiveMapping
    content: bytes

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def __contains__(self, name: str) -> bool:
        return name in self.headers


class WSGIClient:
    """Requests through ``blog_project.wsgi.application``, as a server sends them."""

    def __init__(self) -> None:
        from blog_project.wsgi import application

        self.application = application
        self.cookies: dict[str, str] = {}

    def get(self, path: str, headers: dict | None = None) -> Answer:
        environ = RequestFactory().get(path, headers=headers).environ
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answered = {}

        def start_response(status, response_headers, exc_info=None):
            answered.update(status=status, headers=response_headers)

        # As Django's test client does: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.application(environ, start_response)
            try:
                content = b"".join(result)
            finally:
                getattr(result, "close", lambda: None)()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(
            int(answered["status"].split()[0]),
            CaseInsensitiveMapping(dict(answered["headers"])),
            content,
        )


@pytest.fixture
def wsgi() -> WSGIClient:
    return WSGIClient()


@pytest.fixture
def editor_wsgi(wsgi, client, editor) -> WSGIClient:
    client.force_login(editor)
    wsgi.cookies["sessionid"] = client.cookies["sessionid"].value
    return wsgi
