from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, Q
from django.urls import reverse

from posts.models import Author, Post, Tag
from series.models import Series
from sources.models import Source


def _listed_ids():
    return Post.objects.listed().values("pk")


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Post.objects.listed().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, item: Post):
        return item.updated_at


class _ListedPostsMixin:
    """Only pages that show at least one listed post, dated by their newest change."""

    relation = ""

    def items(self):
        listed = Q(**{f"{self.relation}__in": _listed_ids()})
        return (
            self.model.objects.annotate(
                listed_count=Count(self.relation, filter=listed, distinct=True),
                newest=Max(f"{self.relation}__updated_at", filter=listed),
            )
            .filter(listed_count__gt=0)
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.newest


class TagSitemap(_ListedPostsMixin, Sitemap):
    model, relation, priority = Tag, "posts", 0.4

    def location(self, item: Tag) -> str:
        return reverse("posts:tag", args=[item.slug])


class AuthorSitemap(_ListedPostsMixin, Sitemap):
    model, relation, priority = Author, "posts", 0.4

    def location(self, item: Author) -> str:
        return reverse("posts:author", args=[item.key])


class SeriesSitemap(_ListedPostsMixin, Sitemap):
    model, relation, priority = Series, "entries__post", 0.6


class SourceSitemap(_ListedPostsMixin, Sitemap):
    model, relation, priority = Source, "citations__post", 0.3


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
