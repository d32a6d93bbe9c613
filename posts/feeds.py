"""RSS 2.0 and Atom 1.0 feeds: the blog and a tag; all from ``listed()``."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from posts.jsonfeed import JSONFeed
from posts.models import Post, Tag

FEED_SIZE = 20
# XML 1.0 has no C0 control characters but tab and newlines. Django's feed writer raises on
# them, so one title with a \x01 in it (the admin and front matter escapes let it in) took the
# whole feed down with a 500. They carry nothing a reader sees: they are dropped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# The ids an article's HTML gives its notes, references and headings, and what points at them.
_ID_ATTRIBUTE = re.compile(r'\b(id|aria-labelledby|aria-describedby)="([^"]*)"')
_FRAGMENT_LINK = re.compile(r'\bhref="#([^"]*)"')


def own_ids(html: str, prefix: str) -> str:
    """The article's HTML with every id (and every link to one) prefixed, so that several
    articles on one page (a feed reader shows them so) keep their notes apart: the second
    entry's ``#fn-1`` goes to its own note, not the first entry's."""
    html = _ID_ATTRIBUTE.sub(
        lambda m: f'{m[1]}="{" ".join(prefix + part for part in m[2].split())}"', html
    )
    return _FRAGMENT_LINK.sub(lambda m: f'href="#{prefix}{m[1]}"', html)


def _xml_text(value):
    """``value`` (a string, or a list or dict of them) without characters XML cannot hold."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_text(item) for item in value)
    if isinstance(value, dict):
        return {key: _xml_text(item) for key, item in value.items()}
    return value


class _XmlTextOnly:
    """A feed writer that drops what XML cannot hold from the feed's and its items' texts."""

    def write(self, outfile, encoding) -> None:
        self.feed = _xml_text(self.feed)
        self.items = [_xml_text(item) for item in self.items]
        super().write(outfile, encoding)


class RssWriter(_XmlTextOnly, Rss201rev2Feed):
    pass


class AtomWriter(_XmlTextOnly, Atom1Feed):
    pass


class PostFeed(Feed):
    """The 20 newest listed posts; full content or summaries per ``BLOG["FEED_FULL_CONTENT"]``."""

    feed_type = RssWriter

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
        html = item.body_html if settings.BLOG["FEED_FULL_CONTENT"] else item.summary_html
        return own_ids(html, f"{item.slug}-")

    def item_pubdate(self, item: Post):
        return item.publish_at

    def item_updateddate(self, item: Post):
        return item.modified_at

    def item_author_name(self, item: Post) -> str:
        return ", ".join(author.name for author in item.bylines)

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Post) -> str:
        return self.request.build_absolute_uri(item.get_absolute_url())


class AtomPostFeed(PostFeed):
    feed_type = AtomWriter


class JSONPostFeed(PostFeed):
    feed_type = JSONFeed

    def item_extra_kwargs(self, item: Post) -> dict:
        # JSON Feed 1.1 gives each item its own language.
        return {"language": item.language}


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
    feed_type = AtomWriter
