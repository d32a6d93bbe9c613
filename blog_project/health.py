"""``/healthz``: is the app up, and can it reach its database (and shared cache)?

200 with ``{"status": "ok", ...}`` when the app can serve pages, 503 when the database is out of
reach. An unreachable shared cache gives ``"degraded"`` with 200: pages are then rendered
without it (posts/caching.py), so taking the instance out of the load balancer would only
make things worse. It reads no session and
no user, sets no cookie, needs no CSRF token, and is exempt from the HTTPS redirect
(SECURE_REDIRECT_EXEMPT) so a container health check can ask over plain HTTP.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger("blog_project.health")

_CACHE_KEY = "healthz:probe"


def _check_database() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("health: database unavailable: %s", type(exc).__name__)
        return "unavailable"
    return "ok"


def _check_cache() -> str:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if "redis" not in backend.lower():
        return "local"  # per-process memory: nothing to reach
    try:
        cache = caches["default"]
        cache.set(_CACHE_KEY, "1", timeout=10)
        if cache.get(_CACHE_KEY) != "1":
            return "unavailable"
    except Exception as exc:  # the client raises its own errors (redis.exceptions...)
        logger.warning("health: cache unavailable: %s", type(exc).__name__)
        return "unavailable"
    return "ok"


@csrf_exempt
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    started = time.monotonic()
    checks = {"app": "ok", "database": _check_database(), "cache": _check_cache()}
    healthy = checks["database"] == "ok"
    status = (
        "unavailable" if not healthy else "degraded" if checks["cache"] == "unavailable" else "ok"
    )
    return JsonResponse(
        {
            "status": status,
            "checks": checks,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
        },
        status=200 if healthy else 503,
    )
