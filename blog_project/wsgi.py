"""WSGI entry point for gunicorn: ``gunicorn blog_project.wsgi``.

Django's application, wrapped so that cached public pages are answered before it runs
(:class:`blog_project.caching.PageCache`).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog_project.settings")

django_application = get_wsgi_application()

from blog_project.caching import PageCache  # noqa: E402  (needs the apps loaded above)

application = PageCache(django_application)
