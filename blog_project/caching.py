"""Whole public pages for anonymous visitors, answered before Django itself runs.

:class:`PageCache` wraps the WSGI application (``blog_project/wsgi.py``), the outermost layer
there is: an anonymous GET (no session cookie) of a page stored before is answered from the
cache with no SQL query, no middleware, no request object and no template. Everything else
goes on to Django. A response is stored, with every header the middleware gave it, when it
allows it (200, no cookie set, no ``private``/``no-cache``/``no-store``), keyed by scheme, host,
address and language, with an ``ETag`` and ``Last-Modified`` so that ``If-None-Match`` gets a
304, and ``Cache-Control`` a CDN or caching proxy can use; editors' pages are ``private``.

Invalidation is a content version: any change to an article, tag, author, series or source
sets a new version after the transaction commits (:func:`content_changed`), and a stored page
is served only under the version it was rendered with. The version lives in the cache all
workers share: a file cache on one machine (the default set-up), Redis across machines
(``REDIS_URL``). Pages expire early when a scheduled post is due.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language_from_request

from blog_project.logging import request_id_from
from blog_project.version_watch import VersionWatch
from posts.models import Post, PostStatus

VERSION_KEY = "bronpunt:content-version"
SCHEDULE_KEY = "bronpunt:next-publication"
PAGE_KEY = "bronpunt:page"
_NO_SCHEDULE = 0.0
# Response headers that belong to one request, never to the stored page.
_REQUEST_HEADERS = {"set-cookie", "x-request-id", "date", "x-page-cache"}
# What a 304 repeats of the full answer (RFC 9110, 15.4.5).
_NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "etag", "expires", "vary"}
_UNCACHEABLE = ("private", "no-cache", "no-store")
# Paths that are never public pages: not worth a cache lookup.
_SKIP = ("/admin/", "/markdownx/", "/static/", "/media/", "/healthz", "/language/")

logger = logging.getLogger(__name__)


# This process's last reading of the version, with the stamp it had (a file cache only).
_known_version: tuple[object, str] | None = None


def content_version() -> str:
    """The current content version (a new one is made when the cache has none).

    A file cache can tell cheaply whether the stored version changed (``stamp``): the value is
    read again only then, so a hit costs one file read, not two. The stamp is taken before the
    value, so a change between the two is seen at the next request.
    """
    global _known_version
    stamp = cache.stamp(VERSION_KEY) if hasattr(cache, "stamp") else None
    if stamp is not None and _known_version is not None and _known_version[0] == stamp:
        return _known_version[1]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    if stamp is not None:
        _known_version = (stamp, version)
    return version


# Each worker keeps recent pages in memory, served while it knows the version is current; with
# Redis it learns new versions by pub/sub.
_watch = (
    VersionWatch(settings.REDIS_URL, f"{PAGE_KEY}:invalidated", content_version)
    if settings.REDIS_URL
    else None
)
_local_pages: OrderedDict[str, dict] = OrderedDict()
_local_lock = threading.Lock()  # gunicorn's threaded workers share it


def _remember(key: str, entry: dict) -> None:
    with _local_lock:
        _local_pages[key] = entry
        _local_pages.move_to_end(key)
        while len(_local_pages) > settings.BLOG["LOCAL_PAGES"]:
            _local_pages.popitem(last=False)


def _known_current_version() -> str | None:
    """The current version when this worker can know it without asking the cache server: a
    file cache tells by a stat whether it changed, Redis pub/sub announces it."""
    if hasattr(cache, "stamp"):
        return content_version()
    return _watch.current() if _watch is not None else None


def _read(key: str) -> tuple[str, dict | None]:
    """The current version and the stored page, at the least cost the cache allows: a worker
    that knows the version serves a recent page from its own memory, else from the shared
    cache; otherwise it asks for both in one round trip."""
    version = _known_current_version()
    if version is None:
        found = cache.get_many([VERSION_KEY, key])
        return found.get(VERSION_KEY) or content_version(), found.get(key)
    entry = _local_pages.get(key)
    if entry is None or entry["version"] != version or entry["expires"] <= time.time():
        entry = cache.get(key)
        if entry is not None and entry["version"] == version:
            _remember(key, entry)
    return version, entry


def _bump() -> None:
    try:
        # A new unique value, not a counter: two workers bumping at once both invalidate.
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, timeout=None)
        cache.delete(SCHEDULE_KEY)
        if _watch is not None:
            _watch.publish(version)
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


class _Visitor:
    """What a lookup needs to know of a WSGI request: its cookies and headers, as Django's
    language negotiation reads them from a request."""

    def __init__(self, environ: dict) -> None:
        self.META = environ
        self.COOKIES = parse_cookie(environ.get("HTTP_COOKIE", ""))


def _scheme(environ: dict) -> str:
    """The scheme as Django sees it, trusting the proxy header only when configured to."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure else "http"
    return environ.get("wsgi.url_scheme", "http")


def _host(environ: dict) -> str:
    # The raw header: a host Django refuses never gets a page stored under it.
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")


def _key(environ: dict, language: str) -> str:
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    where = f"{_scheme(environ)}://{_host(environ)}{path}?{query}"
    return f"{PAGE_KEY}:{language}:{hashlib.sha256(where.encode('latin-1', 'replace')).hexdigest()}"


def _header(headers: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in headers if key.lower() == name), "")


def _may_store(status: str, headers: list[tuple[str, str]], result) -> bool:
    cache_control = _header(headers, "cache-control")
    return (
        status.startswith("200 ")
        and isinstance(result, HttpResponse)  # not streamed, not a file
        and not _header(headers, "set-cookie")
        and not any(word in cache_control for word in _UNCACHEABLE)
    )


def _cache_control(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lets browsers revalidate every time (cheaply, by ETag) and shared caches keep a copy,
    unless the view chose (robots.txt, the favicon)."""
    if _header(headers, "cache-control"):
        return headers
    response = HttpResponse()
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        must_revalidate=True,
        s_maxage=settings.BLOG["SHARED_CACHE_SECONDS"],
        stale_while_revalidate=settings.BLOG["SHARED_CACHE_SECONDS"],
    )
    return [*headers, ("Cache-Control", response["Cache-Control"])]


def _entry(version: str, status: str, headers: list, content: bytes, lifetime: float) -> dict:
    """What is stored: the page as it is sent, with its validators and when it expires."""
    modified = int(time.time())
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    kept = [(k, v) for k, v in _cache_control(headers) if k.lower() not in _REQUEST_HEADERS]
    headers = [*kept, ("ETag", etag), ("Last-Modified", http_date(modified))]
    return {
        "version": version,
        "status": status,
        "headers": headers,
        "content": content,
        "etag": etag,
        "modified": modified,
        "expires": time.time() + lifetime,
    }


def _not_modified(environ: dict, entry: dict) -> bool:
    """Whether the visitor already has this version of the page (If-None-Match, else
    If-Modified-Since, as RFC 9110 orders them)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        return "*" in tags or entry["etag"] in {tag.removeprefix("W/") for tag in tags}
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry["modified"] <= since


def _answer(environ: dict, start_response: Callable, entry: dict, how: str) -> Iterable[bytes]:
    request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
    extra = [("X-Request-ID", request_id), ("X-Page-Cache", how)]
    if _not_modified(environ, entry):
        headers = [(k, v) for k, v in entry["headers"] if k.lower() in _NOT_MODIFIED_HEADERS]
        start_response("304 Not Modified", [*headers, *extra])
        return []
    start_response(entry["status"], [*entry["headers"], *extra])
    return [entry["content"]]


class PageCache:
    """The WSGI application, with public pages answered from the shared cache."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        visitor = _Visitor(environ)
        signed_in = settings.SESSION_COOKIE_NAME in visitor.COOKIES
        if (
            not settings.BLOG["PAGE_CACHE_SECONDS"]
            or environ.get("REQUEST_METHOD") != "GET"
            or signed_in
            or environ.get("PATH_INFO", "").startswith(_SKIP)
        ):
            return self._pass(environ, start_response, private=signed_in)
        try:
            key = _key(environ, get_language_from_request(visitor))
            version, entry = _read(key)
        except Exception:
            logger.warning("page cache unavailable; rendering", exc_info=True)
            return self.application(environ, start_response)
        if entry is not None and entry["version"] == version:
            return _answer(environ, start_response, entry, "hit")
        answered: dict = {}

        def capture(status, headers, exc_info=None):
            answered.update(status=status, headers=headers, exc_info=exc_info)

        result = self.application(environ, capture)
        if not _may_store(answered["status"], answered["headers"], result):
            start_response(answered["status"], answered["headers"], answered["exc_info"])
            return result
        entry = self._store(key, version, answered, result.content)
        result.close()
        return _answer(environ, start_response, entry, "miss")

    @staticmethod
    def _store(key: str, version: str, answered: dict, content: bytes) -> dict:
        """The page's entry, kept in the shared cache and this worker's memory if it can be."""
        try:
            lifetime = page_lifetime()
        except Exception:
            logger.warning("could not store a page in the page cache", exc_info=True)
            return _entry(version, answered["status"], answered["headers"], content, 0)
        entry = _entry(version, answered["status"], answered["headers"], content, lifetime)
        try:
            cache.set(key, entry, lifetime)
        except Exception:
            logger.warning("could not store a page in the page cache", exc_info=True)
            return entry
        _remember(key, entry)
        return entry

    def _pass(self, environ: dict, start_response: Callable, *, private: bool):
        """Django's own answer; an editor's pages are marked private for shared caches."""
        if not private:
            return self.application(environ, start_response)

        def mark_private(status, headers, exc_info=None):
            if not _header(headers, "cache-control"):
                headers = [*headers, ("Cache-Control", "private")]
            return start_response(status, headers, exc_info)

        return self.application(environ, mark_private)
