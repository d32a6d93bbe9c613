"""Multi-part series and the ordered membership of their articles."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from posts.models import Post


class Series(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Published, not unlisted parts (posts/counts.py keeps it current).
    listed_parts = models.PositiveIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("series:detail", kwargs={"slug": self.slug})

    def listed_entries(self):
        """The parts visitors see listed, in order, with their posts."""
        return (
            self.entries.filter(post__in=Post.objects.listed())
            .select_related("post")
            .defer(*(f"post__{name}" for name in Post.HEAVY_FIELDS))
        )


class SeriesEntry(models.Model):
    """One article's place in a series: at most one series per article, one article per place."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="entries"
    )
    post = models.OneToOneField(
        "posts.Post",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="series_entry",
    )
    position = models.PositiveIntegerField(_("position"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["series", "position"]
        verbose_name = _("series part")
        verbose_name_plural = _("series parts")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "position"], name="series_entry_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="series_entry_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.position}"
