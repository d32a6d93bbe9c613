"""RSS and Atom feeds of one series."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from posts.feeds import AtomWriter, PostFeed
from posts.models import Post
from series.models import Series


class SeriesFeed(PostFeed):
    def get_object(self, request, slug: str):
        self.request = request
        return get_object_or_404(Series, slug=slug)

    def title(self, obj: Series) -> str:
        return _("%(blog)s: series %(series)s") % {
            "blog": settings.BLOG["TITLE"],
            "series": obj.title,
        }

    def link(self, obj: Series) -> str:
        return obj.get_absolute_url()

    def posts(self, obj: Series):
        return Post.objects.listed().filter(series_entry__series=obj)


class AtomSeriesFeed(SeriesFeed):
    feed_type = AtomWriter
