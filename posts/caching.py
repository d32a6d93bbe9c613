"""Whole public pages in the shared cache, invalidated by a content version.

Every change to published content (an article, its tags, authors, series or sources) bumps
one version number in the cache, after the transaction commits. Page keys include that
version, so with a shared cache (Redis, ``REDIS_URL``) an editor's save is visible through
every instance at once, without each instance knowing which pages the change touched. Editors
who are logged in are never served from, or stored in, the page cache.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "bronpunt:content-version"

logger = logging.getLogger(__name__)


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:
        # Pages cached before the outage may outlive this change by their timeout.
        logger.exception("could not invalidate cached pages")


def content_changed(**kwargs) -> None:
    """Signal receiver: invalidates every cached page once the change is committed."""
    transaction.on_commit(_bump)


def _seconds_until_next_scheduled_post() -> float | None:
    from posts.models import Post

    soonest = (
        Post.objects.filter(status=Post.Status.PUBLISHED, publish_at__gt=timezone.now())
        .aggregate(soonest=Min("publish_at"))
        .get("soonest")
    )
    return (soonest - timezone.now()).total_seconds() if soonest else None


def _timeout() -> float:
    """The configured lifetime, cut short so a scheduled post appears when its time comes."""
    timeout = float(settings.BLOG["PAGE_CACHE_SECONDS"])
    scheduled = _seconds_until_next_scheduled_post()
    return max(1.0, min(timeout, scheduled)) if scheduled is not None else timeout


def _key(request: HttpRequest) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"bronpunt:page:{content_version()}:{get_language()}:{digest}"


def cache_public_page(view: Callable) -> Callable:
    """Serves anonymous GET requests of ``view`` from the shared cache."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            not settings.BLOG["PAGE_CACHE_SECONDS"]
            or request.method != "GET"
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        try:
            key = _key(request)
            hit = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable; rendering %s", request.path, exc_info=True)
            return view(request, *args, **kwargs)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            try:
                cache.set(key, (response.content, response["Content-Type"]), _timeout())
            except Exception:
                logger.warning("could not store %s in the page cache", request.path, exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response

    return cached_view
