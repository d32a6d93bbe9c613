"""Sitemap sections for articles, tags and authors; the site composes them with the others."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from posts.models import Author, Post, Tag


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Post.objects.listed().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, item: Post):
        return item.updated_at


class ListedPostsSitemap(Sitemap):
    """Pages of ``model`` that show at least one listed post (reached by ``relation``),
    dated by their newest change."""

    model = None
    relation = ""

    def items(self):
        listed = Q(**{f"{self.relation}__in": Post.objects.listed().values("pk")})
        return (
            self.model.objects.annotate(
                listed_count=Post.objects.listed_count(self.relation),
                newest=Max(f"{self.relation}__updated_at", filter=listed),
            )
            .filter(listed_count__gt=0)
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.newest


class TagSitemap(ListedPostsSitemap):
    model, relation, priority = Tag, "posts", 0.4

    def location(self, item: Tag) -> str:
        return reverse("posts:tag", args=[item.slug])


class AuthorSitemap(ListedPostsSitemap):
    model, relation, priority = Author, "posts", 0.4

    def location(self, item: Author) -> str:
        return reverse("posts:author", args=[item.key])
