"""Settings for Bronpunt, read from the environment (see README, "Configuration")."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

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
    "posts",
    "series",
    "sources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
                "posts.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL unset: an SQLite file in the project folder.
# postgres://user@host:5432/name: PostgreSQL through psycopg 3.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One rendering function for the public page and the editor's live preview.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "posts.bodies.preview_html"

BLOG = {
    "TITLE": env.str("BLOG_TITLE", default="Bronpunt"),
    "DESCRIPTION": env.str(
        "BLOG_DESCRIPTION", default="Lange artikelen over AI en digitale overheid, met bronnen."
    ),
    "POSTS_PER_PAGE": env.int("BLOG_POSTS_PER_PAGE", default=10),
    # Feeds carry whole articles by default; false gives summaries with a link.
    "FEED_FULL_CONTENT": env.bool("BLOG_FEED_FULL_CONTENT", default=True),
    # Whole public pages are cached for anonymous visitors this long (0 turns it off);
    # any content change invalidates them at once (posts/caching.py). On by default only
    # with a cache that every worker and instance shares (REDIS_URL): a per-process cache
    # would let one gunicorn worker serve a page another worker's save made stale.
    "PAGE_CACHE_SECONDS": env.int(
        "BLOG_PAGE_CACHE_SECONDS", default=300 if env.str("REDIS_URL", default="") else 0
    ),
    # Uploaded images (editor, covers, author photos): real raster images within these limits.
    "IMAGES": {
        "MAX_BYTES": env.int("BLOG_IMAGE_MAX_BYTES", default=10_000_000),
        "MAX_SIDE": env.int("BLOG_IMAGE_MAX_SIDE", default=8000),
        "MAX_PIXELS": env.int("BLOG_IMAGE_MAX_PIXELS", default=40_000_000),
    },
}

LOGIN_URL = "admin:login"

# Security headers, HTTPS, CSP, shared cache and sessions, media storage, login throttling and
# logging, all from the environment (blog_project/production.py).
from blog_project.production import apply as apply_production  # noqa: E402

apply_production(globals())
