from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = _("Series")

    def ready(self) -> None:
        """Post lists and the article page load each post's series with it."""
        from posts.extensions import extensions

        extensions.listing_related.append("series_entry__series")
        extensions.article_related.append("series_entry__series")
