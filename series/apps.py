from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = _("Series")

    def ready(self) -> None:
        """Post lists and the article page load each post's series with it; each series
        counts its listed parts."""
        from django.db.models.signals import post_delete, post_save, pre_save

        from posts import counts
        from posts.extensions import extensions
        from series import receivers
        from series.models import Series, SeriesEntry

        extensions.listing_related.append("series_entry__series")
        extensions.article_related.append("series_entry__series")
        counts.register(
            counts.Counter(Series, "listed_parts", "series_entry__series", "entries__post")
        )
        pre_save.connect(receivers.remember_series, sender=SeriesEntry, dispatch_uid="series-pre")
        post_save.connect(receivers.recount_series, sender=SeriesEntry, dispatch_uid="series-save")
        post_delete.connect(receivers.recount_series, sender=SeriesEntry, dispatch_uid="series-del")
