"""The framework floor: a Django project whose one view returns fixed bytes, with the middleware
``django-admin startproject`` writes. ``gunicorn bench.peers.floor:application``; the bytes come
from the file named by $FLOOR_BODY (the article as our server sends it)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["FLOOR_BODY"]).read_bytes()

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-not-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
)


def article(request, anything: str):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("<path:anything>", article)]
application = get_wsgi_application()
