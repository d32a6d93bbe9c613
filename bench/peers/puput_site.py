"""The peer: Wagtail with Puput (the best-known Django blog) showing the same article.

Runs in its own virtualenv (Django 5.2, Wagtail 6.3, Puput 2.2; bench/bench_http.py makes it):

    PUPUT_DIR=/tmp/x PUPUT_MARKDOWN=article.md python bench/peers/puput_site.py setup
    PUPUT_DIR=/tmp/x gunicorn bench.peers.puput_site:application

``setup`` creates the database, a blog and one entry whose Markdown body is the article's (Puput
renders it to HTML on save, as it does for its editors), and prints the entry's path.
"""

import os
import sys
from pathlib import Path

import django
from django.conf import settings
from django.urls import include, path

HERE = Path(os.environ["PUPUT_DIR"])

if not settings.configured:
    from puput import PUPUT_APPS

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-puput-not-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "django.contrib.sitemaps",
            *PUPUT_APPS,
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        ],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(HERE / "db.sqlite3")}
        },
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        STATIC_URL="/static/",
        STATIC_ROOT=str(HERE / "static"),
        MEDIA_ROOT=str(HERE / "media"),
        WAGTAIL_SITE_NAME="Bronpunt peer",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        USE_TZ=True,
    )
    django.setup()

urlpatterns = [path("", include("puput.urls"))]


def setup() -> None:
    from django.core.management import call_command
    from puput.models import BlogPage, EntryPage
    from wagtail.models import Page, Site

    call_command("migrate", verbosity=0)
    root = Page.objects.get(depth=1)
    blog = BlogPage.objects.first()
    if blog is None:
        blog = root.add_child(instance=BlogPage(title="Blog", slug="blog"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": blog, "port": 80}
        )
    entry = EntryPage.objects.first()
    if entry is None:
        markdown = Path(os.environ["PUPUT_MARKDOWN"]).read_text(encoding="utf-8")
        entry = blog.add_child(
            instance=EntryPage(title="Artikel", slug="artikel", markdown_body=markdown)
        )
        entry.save_revision().publish()
        entry = EntryPage.objects.get(pk=entry.pk)
    print(entry.url)


if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    setup()
else:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
