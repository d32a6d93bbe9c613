"""Series counts follow their parts: connected in :class:`series.apps.SeriesConfig`."""

from posts import counts
from series.models import Series, SeriesEntry


def remember_series(sender, instance: SeriesEntry, **kwargs) -> None:
    """A part moved to another series leaves a count behind in the old one."""
    if instance.pk:
        instance._former_series_id = (
            SeriesEntry.objects.filter(pk=instance.pk).values_list("series_id", flat=True).first()
        )


def recount_series(sender, instance: SeriesEntry, **kwargs) -> None:
    ids = {instance.series_id, getattr(instance, "_former_series_id", None)} - {None}
    counts.recount_rows({counts.counter_for(Series): ids})
