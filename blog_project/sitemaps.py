"""The sitemap: every app's sections, and the site's own pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from posts.sitemaps import AuthorSitemap, PostSitemap, TagSitemap
from series.sitemaps import SeriesSitemap
from sources.sitemaps import SourceSitemap


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self) -> list[str]:
        return ["posts:list", "posts:tags", "posts:archive", "series:list", "sources:list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "posts": PostSitemap,
    "series": SeriesSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "sources": SourceSitemap,
}
