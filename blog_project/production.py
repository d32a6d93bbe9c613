"""Production settings, read from the environment; applied at the end of settings.py.

``apply(globals())`` extends what settings.py defined: security headers and HTTPS, the content
security policy, the shared cache and sessions, media storage, login throttling and logging.
Every value has a variable (see .env.example); with ``DJANGO_DEBUG=true`` nothing is HTTPS-only.
"""

import base64
import hashlib
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
REQUEST_ID_MIDDLEWARE = "blog_project.middleware.RequestIDMiddleware"
DB_UNAVAILABLE_MIDDLEWARE = "blog_project.middleware.DatabaseUnavailableMiddleware"
AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"

# Standalone error pages carry their own <style>; the policy allows exactly those styles by hash.
STANDALONE_TEMPLATES = ("500.html", "503.html")
_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def apply(ns: dict) -> None:
    """Mutate the settings namespace ``ns`` (settings.py's ``globals()``)."""
    env = environ.Env()
    debug = ns["DEBUG"]
    if not debug and ns.get("SECRET_KEY", "").startswith("change-me"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is still the placeholder from .env.example. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    https = env.bool("DJANGO_HTTPS", default=not debug)

    _security(ns, env, https)
    _content_security_policy(ns, env, https)
    _middleware(ns)
    _cache_and_sessions(ns, env)
    _database(ns, env)
    _media_storage(ns, env)
    _login_throttling(ns, env)
    _logging(ns, env, debug)


def _security(ns: dict, env: environ.Env, https: bool) -> None:
    # Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and overwrites a client's).
    if env.bool("DJANGO_BEHIND_PROXY", default=https):
        ns["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
        ns["USE_X_FORWARDED_HOST"] = env.bool("DJANGO_USE_X_FORWARDED_HOST", default=False)
    # Proxies that append to X-Forwarded-For: the client address for login throttling.
    ns["TRUSTED_PROXY_COUNT"] = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

    ns["SECURE_SSL_REDIRECT"] = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=https)
    # The container health check asks over plain HTTP from inside the container.
    ns["SECURE_REDIRECT_EXEMPT"] = [r"^healthz$"]
    ns["SECURE_HSTS_SECONDS"] = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600 if https else 0)
    ns["SECURE_HSTS_INCLUDE_SUBDOMAINS"] = env.bool(
        "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=https
    )
    ns["SECURE_HSTS_PRELOAD"] = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    ns["SECURE_CONTENT_TYPE_NOSNIFF"] = True
    ns["SECURE_REFERRER_POLICY"] = env.str("DJANGO_REFERRER_POLICY", default="same-origin")
    ns["SECURE_CROSS_ORIGIN_OPENER_POLICY"] = "same-origin"
    ns["X_FRAME_OPTIONS"] = "DENY"

    for prefix in ("SESSION", "CSRF", "LANGUAGE"):
        ns[f"{prefix}_COOKIE_SECURE"] = https
        ns[f"{prefix}_COOKIE_HTTPONLY"] = True  # markdownx reads the form's token instead
        ns[f"{prefix}_COOKIE_SAMESITE"] = "Lax"


def _content_security_policy(ns: dict, env: environ.Env, https: bool) -> None:
    """No inline script anywhere; the admin's and markdownx's scripts are files ('self')."""
    img_src = [CSP.SELF, "data:", *env.list("DJANGO_CSP_IMG_SRC", default=[])]
    media_origin = _media_origin(env)
    if media_origin:
        img_src.append(media_origin)
    policy = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF, *_style_hashes(Path(ns["BASE_DIR"]) / "templates")],
        "img-src": list(dict.fromkeys(img_src)),
        "font-src": [CSP.SELF],
        "connect-src": [CSP.SELF],  # markdownx's preview: fetch to /markdownx/markdownify/
        "media-src": [CSP.SELF, *([media_origin] if media_origin else [])],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
        "upgrade-insecure-requests": https,
    }
    report_uri = env.str("DJANGO_CSP_REPORT_URI", default="")
    if report_uri:
        policy["report-uri"] = report_uri
    ns["SECURE_CSP"] = policy


def _style_hashes(templates_dir: Path) -> list[str]:
    """``'sha256-...'`` sources for the inline <style> blocks of the standalone error pages."""
    hashes = []
    for name in STANDALONE_TEMPLATES:
        path = templates_dir / name
        if not path.is_file():
            continue
        for block in _STYLE_BLOCK.findall(path.read_text(encoding="utf-8")):
            digest = hashlib.sha256(block.encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def _middleware(ns: dict) -> None:
    middleware = [
        m
        for m in ns["MIDDLEWARE"]
        if m
        not in (CSP_MIDDLEWARE, REQUEST_ID_MIDDLEWARE, DB_UNAVAILABLE_MIDDLEWARE, AXES_MIDDLEWARE)
    ]
    position = middleware.index(SECURITY_MIDDLEWARE) + 1 if SECURITY_MIDDLEWARE in middleware else 0
    middleware.insert(position, CSP_MIDDLEWARE)
    # First, so everything logged while handling the request carries its id.
    middleware.insert(0, REQUEST_ID_MIDDLEWARE)
    middleware.append(DB_UNAVAILABLE_MIDDLEWARE)
    # django-axes requires its middleware last.
    middleware.append(AXES_MIDDLEWARE)
    ns["MIDDLEWARE"] = middleware


def _cache_and_sessions(ns: dict, env: environ.Env) -> None:
    redis_url = env.str("REDIS_URL", default="")
    timeout = env.int("DJANGO_CACHE_TIMEOUT", default=300)
    if redis_url:
        ns["CACHES"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": env.str("DJANGO_CACHE_KEY_PREFIX", default="bronpunt"),
                "TIMEOUT": timeout,
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
        # Sessions read from the shared cache, written through to the database.
        ns["SESSION_ENGINE"] = "django.contrib.sessions.backends.cached_db"
    else:
        ns["CACHES"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "bronpunt",
                "TIMEOUT": timeout,
            }
        }
        # A per-process cache cannot hold sessions that several processes share.
        ns["SESSION_ENGINE"] = "django.contrib.sessions.backends.db"


def _database(ns: dict, env: environ.Env) -> None:
    database = ns["DATABASES"]["default"]
    if "postgresql" in database.get("ENGINE", ""):
        options = database.setdefault("OPTIONS", {})
        # An unreachable database fails a request in seconds (a 503), not after a TCP timeout.
        options.setdefault("connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5))


def _media_origin(env: environ.Env) -> str:
    """Where uploaded images are served from when they live on S3-compatible storage."""
    if not env.str("DJANGO_S3_BUCKET", default=""):
        return ""
    domain = env.str("DJANGO_S3_CUSTOM_DOMAIN", default="")
    if domain:
        return f"https://{domain}"
    endpoint = env.str("DJANGO_S3_ENDPOINT_URL", default="")
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://*.amazonaws.com"


def _media_storage(ns: dict, env: environ.Env) -> None:
    """Uploads on S3-compatible storage when DJANGO_S3_BUCKET is set, else on MEDIA_ROOT."""
    bucket = env.str("DJANGO_S3_BUCKET", default="")
    if not bucket:
        return
    options = {
        "bucket_name": bucket,
        "location": env.str("DJANGO_S3_LOCATION", default="media"),
        "file_overwrite": False,
        "default_acl": env.str("DJANGO_S3_DEFAULT_ACL", default="") or None,
        "querystring_auth": env.bool("DJANGO_S3_QUERYSTRING_AUTH", default=False),
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    for option, variable in (
        ("endpoint_url", "DJANGO_S3_ENDPOINT_URL"),
        ("region_name", "DJANGO_S3_REGION"),
        ("access_key", "DJANGO_S3_ACCESS_KEY_ID"),
        ("secret_key", "DJANGO_S3_SECRET_ACCESS_KEY"),
        ("custom_domain", "DJANGO_S3_CUSTOM_DOMAIN"),
    ):
        value = env.str(variable, default="")
        if value:
            options[option] = value
    ns["STORAGES"] = {
        **ns["STORAGES"],
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }


def _login_throttling(ns: dict, env: environ.Env) -> None:
    """django-axes: after N failures from one address, or for one username, refuse for a while."""
    if "axes" not in ns["INSTALLED_APPS"]:
        ns["INSTALLED_APPS"] = [*ns["INSTALLED_APPS"], "axes"]
    backends = ns.get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"])
    ns["AUTHENTICATION_BACKENDS"] = [
        "axes.backends.AxesStandaloneBackend",
        *(b for b in backends if not b.startswith("axes.")),
    ]
    ns["AXES_ENABLED"] = env.bool("DJANGO_AXES_ENABLED", default=True)
    ns["AXES_FAILURE_LIMIT"] = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
    ns["AXES_COOLOFF_TIME"] = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
    # Either one address or one username reaching the limit locks (not only the pair).
    ns["AXES_LOCKOUT_PARAMETERS"] = ["ip_address", "username"]
    ns["AXES_RESET_ON_SUCCESS"] = True
    ns["AXES_CLIENT_IP_CALLABLE"] = "blog_project.middleware.client_ip"
    ns["AXES_LOCKOUT_CALLABLE"] = "blog_project.middleware.lockout_response"
    ns["AXES_HTTP_RESPONSE_CODE"] = 429
    ns["AXES_VERBOSE"] = False  # our own log line per lockout is enough


def _logging(ns: dict, env: environ.Env, debug: bool) -> None:
    fmt = env.str("DJANGO_LOG_FORMAT", default="text" if debug else "json")
    level = env.str("DJANGO_LOG_LEVEL", default="INFO").upper()
    formatter = "blog_project.logging.TextFormatter" if fmt == "text" else None
    ns["LOGGING"] = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "blog_project.logging.RequestIDFilter"}},
        "formatters": {
            "structured": {"()": formatter or "blog_project.logging.JSONFormatter"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": "structured",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            # 4xx are in the access log already; errors (5xx) come with their traceback.
            "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
            "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
            "django.db.backends": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        },
    }
