"""Whole public pages for anonymous visitors, answered before the rest of the stack runs.

:class:`PageCacheMiddleware` stands right after the security and static-file middleware. An
anonymous GET (no session cookie) of a page it stored before is answered from the cache with
no SQL query and without sessions, CSRF, messages, history or templates; everything else goes
on to the view. A page is stored when the response allows it (200, no cookie set, no
``private``/``no-store``), keyed by address and language, with an ``ETag`` and
``Last-Modified`` so that ``If-None-Match`` gets a 304, and ``Cache-Control`` a CDN can use.

Invalidation is a content version: any change to an article, tag, author, series or source
sets a new version after the transaction commits (:func:`content_changed`), and a stored page
is served only under the version it was rendered with. The version lives in the cache all
workers share: a file cache on one machine (the default set-up), Redis across machines
(``REDIS_URL``). Pages expire early when a scheduled post is due.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from posts.models import Post, PostStatus

VERSION_KEY = "bronpunt:content-version"
SCHEDULE_KEY = "bronpunt:next-publication"
PAGE_KEY = "bronpunt:page"
_NO_SCHEDULE = 0.0
# Response headers that belong to one request, never to the stored page.
_REQUEST_HEADERS = {"set-cookie", "x-request-id", "date", "x-page-cache", "content-length"}
_UNCACHEABLE = ("private", "no-cache", "no-store")
# Paths that are never public pages: not worth a cache lookup.
_SKIP = ("/admin/", "/markdownx/", "/static/", "/media/", "/healthz", "/language/")

logger = logging.getLogger(__name__)


def content_version() -> str:
    """The current content version (a new one is made when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    try:
        # A new unique value, not a counter: two workers bumping at once both invalidate.
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        cache.delete(SCHEDULE_KEY)
    except Exception:
        # Pages cached before the outage may outlive this change by their timeout.
        logger.exception("could not invalidate cached pages")


class _PendingBump:
    """One invalidation due when the current transaction commits."""

    done = False

    def __call__(self) -> None:
        self.done = True
        _bump()


def content_changed(**kwargs) -> None:
    """Signal receiver: invalidates every cached page once the change is committed.

    A transaction that changes many rows (an import) invalidates once, at its commit.
    """
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _PendingBump) and not callback.done:
            return
    transaction.on_commit(_PendingBump())


def _next_publication() -> float:
    """When the next scheduled post goes live (a timestamp), or 0 when none is scheduled."""
    due = cache.get(SCHEDULE_KEY)
    if due is None:
        soonest = (
            Post.objects.filter(status=PostStatus.PUBLISHED, publish_at__gt=timezone.now())
            .aggregate(soonest=Min("publish_at"))
            .get("soonest")
        )
        due = soonest.timestamp() if soonest else _NO_SCHEDULE
        lifetime = max(1, due - time.time()) if due else None
        cache.set(SCHEDULE_KEY, due, timeout=lifetime)
    return due


def page_lifetime() -> float:
    """The configured lifetime, cut short so a scheduled post appears when its time comes."""
    lifetime = float(settings.BLOG["PAGE_CACHE_SECONDS"])
    due = _next_publication()
    return max(1.0, min(lifetime, due - time.time())) if due else lifetime


def _key(request: HttpRequest, language: str) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{PAGE_KEY}:{language}:{hashlib.sha256(where.encode()).hexdigest()}"


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        bool(settings.BLOG["PAGE_CACHE_SECONDS"])
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_SKIP)
    )


def _may_store(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in _UNCACHEABLE)
    )


def _public_cache_control(response: HttpResponse) -> None:
    """Lets browsers revalidate every time (cheaply, by ETag) and shared caches keep a copy."""
    if "Cache-Control" in response:
        return  # the view chose (robots.txt, the favicon)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        must_revalidate=True,
        s_maxage=settings.BLOG["SHARED_CACHE_SECONDS"],
        stale_while_revalidate=settings.BLOG["SHARED_CACHE_SECONDS"],
    )


def _entry(response: HttpResponse, version: str) -> dict:
    content = response.content
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in _REQUEST_HEADERS
    ]
    return {
        "version": version,
        "content": content,
        "headers": headers,
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "modified": time.time(),
    }


def _validators(response: HttpResponse, entry: dict) -> None:
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])


def _from_entry(request: HttpRequest, entry: dict) -> HttpResponse:
    not_modified = get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["modified"])
    )
    response = not_modified or HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        if not_modified is None or name.lower() in ("cache-control", "vary", "content-location"):
            response[name] = value
    _validators(response, entry)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # An editor's view of a page: never for a shared cache.
                patch_cache_control(response, private=True)
            return response
        try:
            key = _key(request, get_language_from_request(request))
            version = content_version()
            entry = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable; rendering %s", request.path, exc_info=True)
            return self.get_response(request)
        if entry is not None and entry["version"] == version:
            return _from_entry(request, entry)
        response = self.get_response(request)
        if _may_store(response):
            _public_cache_control(response)
            entry = _entry(response, version)
            try:
                cache.set(key, entry, page_lifetime())
            except Exception:
                logger.warning("could not store %s in the page cache", request.path, exc_info=True)
                return response
            _validators(response, entry)
            response["X-Page-Cache"] = "miss"
            return get_conditional_response(
                request, etag=entry["etag"], last_modified=int(entry["modified"]), response=response
            )
        return response
