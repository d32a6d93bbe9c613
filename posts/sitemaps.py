"""Sitemap sections for articles, tags and authors; the site composes them with the others."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from posts.models import Author, Post, Tag

# URLs per sitemap page: small enough that any page renders in a few tens of milliseconds.
PAGE_SIZE = 500


def newest_listed_change():
    """When a listed post last changed: the sitemap index's date for every section (Django
    would otherwise read every item of every section to find it)."""
    return Post.objects.listed().aggregate(newest=Max("updated_at"))["newest"]


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = PAGE_SIZE

    def items(self):
        return Post.objects.listed().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, item: Post):
        return item.updated_at

    def get_latest_lastmod(self):
        return newest_listed_change()


class ListedPostsSitemap(Sitemap):
    """Pages of ``model`` that show at least one listed post, by the count each row keeps
    (``count_field``). They carry no date of their own: finding the newest post of every tag
    would cost more than the date is worth to a crawler."""

    model = None
    count_field = "listed_posts"
    limit = PAGE_SIZE

    def items(self):
        return self.model.objects.filter(**{f"{self.count_field}__gt": 0}).order_by("pk")

    def get_latest_lastmod(self):
        return newest_listed_change()


class TagSitemap(ListedPostsSitemap):
    model, priority = Tag, 0.4

    def location(self, item: Tag) -> str:
        return reverse("posts:tag", args=[item.slug])


class AuthorSitemap(ListedPostsSitemap):
    model, priority = Author, 0.4

    def location(self, item: Author) -> str:
        return reverse("posts:author", args=[item.key])
