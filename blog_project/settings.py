"""Settings for Bronpunt, read from the environment (see README, "Configuration").

One module, plain assignments: what runs is what this file says. Development and production
differ only by variables (``DJANGO_DEBUG``, ``DJANGO_HTTPS``, ``REDIS_URL``, ...), every one
listed in .env.example.
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
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core ------------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
if not DEBUG and SECRET_KEY.startswith("change-me"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is still the placeholder from .env.example. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "markdownx",
    "simple_history",
    "axes",
    "django_tasks_db",
    # The core, the apps that extend it, and the site that composes them (in that order).
    "posts",
    "series",
    "sources",
    "blog_project.apps.SiteConfig",
]

MIDDLEWARE = [
    # First, so everything logged while handling the request carries its id.
    "blog_project.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside CommonMiddleware, so a former address is redirected before a slash is appended.
    "posts.middleware.FormerAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "blog_project.middleware.DatabaseUnavailableMiddleware",
    # django-axes requires its middleware last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "blog_project.urls"
WSGI_APPLICATION = "blog_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog_project.context_processors.site",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------

# DATABASE_URL unset: an SQLite file in the project folder.
# postgres://user@host:5432/name: PostgreSQL through psycopg 3.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails a request in seconds (a 503), not after a TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DJANGO_DB_CONNECT_TIMEOUT", default=5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ----------------------------------------------------------------------

# The page cache must be one that every worker sees: Redis across machines, else files on this
# machine (every gunicorn worker reads the same folder, so an edit shows in all at once).
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_TIMEOUT = env.int("DJANGO_CACHE_TIMEOUT", default=300)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("DJANGO_CACHE_KEY_PREFIX", default="bronpunt"),
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from the shared cache, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "blog_project.cache_backends.UncompressedFileCache",
            "LOCATION": env.path("DJANGO_CACHE_DIR", default=BASE_DIR / ".cache"),
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": env.int("DJANGO_CACHE_MAX_ENTRIES", default=5000)},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Background tasks ----------------------------------------------------------------------

# Django's tasks framework with a persistent queue in the database: requests only enqueue, and
# one worker process runs the tasks (`manage.py db_worker`; `make run` starts it beside the
# server, the compose file as the service `worker`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Security --------------------------------------------------------------------------------

# HTTPS-only settings follow DJANGO_HTTPS, which is on unless debugging.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)

# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and overwrites a client's).
if env.bool("DJANGO_BEHIND_PROXY", default=HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env.bool("DJANGO_USE_X_FORWARDED_HOST", default=False)
# Proxies that append to X-Forwarded-For: the client address for login throttling.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
# The container health check asks over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str("DJANGO_REFERRER_POLICY", default="same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
# markdownx reads the form's CSRF token, never the cookie.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content security policy: no inline script anywhere (the admin's and markdownx's scripts are
# files); the standalone error pages' inline styles are allowed by their hashes.
STANDALONE_TEMPLATES = ("500.html", "503.html")


def _style_hashes(templates_dir: Path) -> list[str]:
    """``'sha256-...'`` sources for the inline <style> blocks of the standalone error pages."""
    hashes = []
    for name in STANDALONE_TEMPLATES:
        path = templates_dir / name
        if path.is_file():
            for block in re.findall(
                r"<style[^>]*>(.*?)</style>", path.read_text("utf-8"), re.DOTALL | re.IGNORECASE
            ):
                digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
                hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def _media_origin() -> str:
    """Where uploaded images are served from when they live on S3-compatible storage."""
    if not env.str("DJANGO_S3_BUCKET", default=""):
        return ""
    if domain := env.str("DJANGO_S3_CUSTOM_DOMAIN", default=""):
        return f"https://{domain}"
    if endpoint := env.str("DJANGO_S3_ENDPOINT_URL", default=""):
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://*.amazonaws.com"


MEDIA_ORIGIN = _media_origin()
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, *_style_hashes(BASE_DIR / "templates")],
    "img-src": list(
        dict.fromkeys(
            [
                CSP.SELF,
                "data:",
                *env.list("DJANGO_CSP_IMG_SRC", default=[]),
                *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
            ]
        )
    ),
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],  # the editor's preview: fetch to /markdownx/markdownify/
    "media-src": [CSP.SELF, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "upgrade-insecure-requests": HTTPS,
}
if csp_report_uri := env.str("DJANGO_CSP_REPORT_URI", default=""):
    SECURE_CSP["report-uri"] = csp_report_uri

# Login throttling (django-axes): after N failures from one address, or for one username,
# logging in is refused for a while.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("DJANGO_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "blog_project.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "blog_project.middleware.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # our own log line per lockout is enough

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Language and time -----------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Our own texts first; then Dutch for libraries that ship none (kept by hand).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-vendor"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files and media ------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3-compatible storage when DJANGO_S3_BUCKET is set, else on MEDIA_ROOT.
if s3_bucket := env.str("DJANGO_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": s3_bucket,
            "location": env.str("DJANGO_S3_LOCATION", default="media"),
            "file_overwrite": False,
            "default_acl": env.str("DJANGO_S3_DEFAULT_ACL", default="") or None,
            "querystring_auth": env.bool("DJANGO_S3_QUERYSTRING_AUTH", default=False),
            "object_parameters": {"CacheControl": "public, max-age=86400"},
            **{
                option: value
                for option, variable in (
                    ("endpoint_url", "DJANGO_S3_ENDPOINT_URL"),
                    ("region_name", "DJANGO_S3_REGION"),
                    ("access_key", "DJANGO_S3_ACCESS_KEY_ID"),
                    ("secret_key", "DJANGO_S3_SECRET_ACCESS_KEY"),
                    ("custom_domain", "DJANGO_S3_CUSTOM_DOMAIN"),
                )
                if (value := env.str(variable, default=""))
            },
        },
    }

# django-markdownx: the public page's rendering for the editor's live preview. The preview and
# upload addresses are our own views (posts/editor.py), for logged-in editors only.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "posts.bodies.preview_html"

# --- The blog --------------------------------------------------------------------------------

BLOG_TITLE = env.str("BLOG_TITLE", default="Bronpunt")
# Who the link checker says it is: the site's address unless an operator gives another (a URL
# or a mail address where a site owner can reach us).
LINK_CHECK_CONTACT = env.str("BLOG_LINK_CHECK_CONTACT", default="") or next(
    (f"https://{host.lstrip('.')}/" for host in ALLOWED_HOSTS if host != "*"), ""
)

BLOG = {
    "TITLE": BLOG_TITLE,
    "DESCRIPTION": env.str(
        "BLOG_DESCRIPTION", default="Lange artikelen over AI en digitale overheid, met bronnen."
    ),
    "POSTS_PER_PAGE": env.int("BLOG_POSTS_PER_PAGE", default=10),
    # Feeds carry whole articles by default; false gives summaries with a link.
    "FEED_FULL_CONTENT": env.bool("BLOG_FEED_FULL_CONTENT", default=True),
    # Whole public pages are cached for anonymous visitors this long (0 turns it off); any
    # content change invalidates them at once (blog_project/caching.py).
    "PAGE_CACHE_SECONDS": env.int("BLOG_PAGE_CACHE_SECONDS", default=300),
    # How long a CDN or caching proxy may keep a public page (s-maxage), and serve it stale
    # while it fetches a new one; browsers always revalidate.
    "SHARED_CACHE_SECONDS": env.int("BLOG_SHARED_CACHE_SECONDS", default=60),
    # Recent pages each worker keeps in memory besides the shared cache (about 35 KB each).
    "LOCAL_PAGES": env.int("BLOG_LOCAL_PAGES", default=256),
    # Uploaded images (editor, covers, author photos): real raster images within these limits.
    "IMAGES": {
        "MAX_BYTES": env.int("BLOG_IMAGE_MAX_BYTES", default=10_000_000),
        "MAX_SIDE": env.int("BLOG_IMAGE_MAX_SIDE", default=8000),
        "MAX_PIXELS": env.int("BLOG_IMAGE_MAX_PIXELS", default=40_000_000),
    },
    # Checking the sources' links (sources/linkcheck.py): in the worker, never in a request.
    "LINK_CHECK": {
        # A link is checked again after this many days (`manage.py check_links` enqueues
        # the due ones), a failing one after this many hours...
        "EVERY_DAYS": env.int("BLOG_LINK_CHECK_DAYS", default=7),
        "RETRY_HOURS": env.int("BLOG_LINK_CHECK_RETRY_HOURS", default=24),
        # ...and counts as broken after this many failures in a row (no answer, 429, 503).
        "FAILURES_BEFORE_BROKEN": env.int("BLOG_LINK_CHECK_FAILURES", default=3),
        # At most one request per host this often, waiting this long to connect and to read.
        "HOST_INTERVAL_SECONDS": env.float("BLOG_LINK_CHECK_HOST_SECONDS", default=5.0),
        "CONNECT_TIMEOUT": env.float("BLOG_LINK_CHECK_CONNECT_TIMEOUT", default=5.0),
        "READ_TIMEOUT": env.float("BLOG_LINK_CHECK_READ_TIMEOUT", default=15.0),
        "MAX_REDIRECTS": 10,
        # Loopback and private addresses are never asked (the tests' local server aside).
        "ALLOW_PRIVATE_ADDRESSES": False,
        "USER_AGENT": f"{BLOG_TITLE} link checker (Bronpunt"
        + (f"; +{LINK_CHECK_CONTACT})" if LINK_CHECK_CONTACT else ")"),
    },
}

# --- Logging ---------------------------------------------------------------------------------

LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO").upper()
LOG_FORMATTER = (
    "blog_project.logging.TextFormatter"
    if env.str("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json") == "text"
    else "blog_project.logging.JSONFormatter"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "blog_project.logging.RequestIDFilter"}},
    "formatters": {"structured": {"()": LOG_FORMATTER}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "structured",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        # 4xx are in the access log already; errors (5xx) come with their traceback.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.db.backends": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
