from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import RedirectView

from blog_project import health, views
from blog_project.sitemaps import SITEMAPS
from posts import editor
from posts.views import SearchView
from sources import views as source_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="posts:list", permanent=True), name="root"),
    # An article's bibliography: the sources app's, at the article's address.
    path(
        "blog/<slug:slug>/sources.<str:extension>",
        source_views.article_bibliography,
        name="article-sources",
    ),
    path(
        "blog/<slug:slug>/citations.json",
        source_views.article_citations,
        name="article-citations",
    ),
    path("blog/", include("posts.urls")),
    path("series/", include("series.urls")),
    path("sources/", include("sources.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("language/<str:code>/", views.switch_language, name="switch-language"),
    # The admin editor's preview and upload, at the addresses django-markdownx's widget calls.
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload_image, name="markdownx_upload"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
