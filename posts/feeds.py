"""RSS 2.0 and Atom 1.0 feeds: the blog and a tag; all from ``listed()``."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from posts.jsonfeed import JSONFeed
from posts.models import Post, Tag

FEED_SIZE = 20


class PostFeed(Feed):
    """The 20 newest listed posts; full content or summaries per ``BLOG["FEED_FULL_CONTENT"]``."""

    feed_type = Rss201rev2Feed

    def title(self, obj=None) -> str:
        return settings.BLOG["TITLE"]

    def description(self, obj=None) -> str:
        return settings.BLOG["DESCRIPTION"]

    def subtitle(self, obj=None) -> str:
        return self.description(obj)

    def link(self, obj=None) -> str:
        return reverse("posts:list")

    def feed_url(self, obj=None) -> str:
        return self.request.path

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def posts(self, obj):
        return Post.objects.listed()

    def items(self, obj=None):
        # Feeds may carry the whole body: undo for_listing()'s deferral of the HTML.
        light = ("body", "body_text", "toc_html", "search_extra", "search_vector")
        return self.posts(obj).for_listing().defer(None).defer(*light)[:FEED_SIZE]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.body_html if settings.BLOG["FEED_FULL_CONTENT"] else item.summary_html

    def item_pubdate(self, item: Post):
        return item.publish_at

    def item_updateddate(self, item: Post):
        return item.modified_at

    def item_author_name(self, item: Post) -> str:
        return ", ".join(author.name for author in item.authors.all())

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Post) -> str:
        return self.request.build_absolute_uri(item.get_absolute_url())


class AtomPostFeed(PostFeed):
    feed_type = Atom1Feed


class JSONPostFeed(PostFeed):
    feed_type = JSONFeed


class TagFeed(PostFeed):
    def get_object(self, request, slug: str):
        self.request = request
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:
        return _("%(blog)s: articles tagged %(tag)s") % {
            "blog": settings.BLOG["TITLE"],
            "tag": obj.name,
        }

    def link(self, obj: Tag) -> str:
        return reverse("posts:tag", args=[obj.slug])

    def posts(self, obj: Tag):
        return Post.objects.listed().filter(tags=obj)


class AtomTagFeed(TagFeed):
    feed_type = Atom1Feed
