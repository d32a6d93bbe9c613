"""Middleware and hooks for running in production: request ids, a friendly 503, login lockout."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from blog_project.logging import request_id_from, request_id_var

logger = logging.getLogger("blog_project.requests")

REQUEST_ID_HEADER = "X-Request-ID"

# How long a visitor is asked to wait while the database is unreachable.
RETRY_AFTER_SECONDS = 30


class RequestIDMiddleware:
    """Takes the request id from ``X-Request-ID`` (a proxy's) or makes one.

    The id is set on ``request.request_id``, echoed in the response header and put on every log
    record of the request (through :data:`blog_project.logging.request_id_var`). Put it first in
    MIDDLEWARE, so that what every other middleware logs carries the id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with a friendly page (templates/503.html) when the database is unreachable.

    Django opens a new connection on the next request (CONN_HEALTH_CHECKS drops a broken one), so
    the site recovers by itself when the database returns. The page is rendered without the
    request: context processors may need the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "database unavailable: %s",
            type(exception).__name__,
            exc_info=exception,
            extra={"path": request.path, "status_code": 503},
        )
        return service_unavailable_response()


def service_unavailable_response() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address, for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind ``DJANGO_TRUSTED_PROXY_COUNT`` proxies that each append the address they saw to
    ``X-Forwarded-For``, the visitor is that many entries from the right; entries further left
    are the client's own claims and are ignored. With no proxy, the peer address.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) >= count:
        return forwarded[-count]
    return forwarded[0] if forwarded else remote


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page django-axes shows when logins are refused (AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    title = gettext("Too many failed login attempts")
    message = ngettext(
        "Logging in is blocked for this account or address. Try again in %(minutes)d minute.",
        "Logging in is blocked for this account or address. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    body = format_html(
        '<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{}</title></head><body><main><h1>{}</h1><p>{}</p></main></body></html>\n",
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        title,
        title,
        message,
    )
    response = HttpResponse(body, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response
