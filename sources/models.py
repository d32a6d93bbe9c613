"""The registry of cited sources, and the citations that tie articles to them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from posts.models import Post
from posts.validators import WebURLField


class SourceQuerySet(models.QuerySet):
    def with_citing_counts(self) -> "SourceQuerySet":
        """Annotates how many distinct listed articles cite each source, counted now: for a
        handful of sources (an article's notes); lists use the stored ``listed_articles``."""
        return self.annotate(article_count=Post.objects.listed_count("citations__source"))


class Source(models.Model):
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = WebURLField(_("address"), max_length=1000, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    key = models.CharField(
        _("identity"),
        max_length=800,
        unique=True,
        editable=False,
        help_text=_("Publisher and title, normalised: what makes two notes cite one source."),
    )
    description = models.TextField(_("description"), blank=True)
    # Published, not unlisted articles citing it (posts/counts.py keeps it current).
    listed_articles = models.PositiveIntegerField(editable=False, default=0)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.title else self.publisher

    def save(self, *args, **kwargs) -> None:
        from sources.registry import source_key

        self.key = source_key(self.publisher, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:detail", kwargs={"slug": self.slug})


class SourceAlias(models.Model):
    """The identity of a source that was merged into another, so new notes find the survivor."""

    key = models.CharField(_("identity"), max_length=800, unique=True)
    slug = models.SlugField(_("former slug"), max_length=200, blank=True, db_index=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = _("source alias")
        verbose_name_plural = _("source aliases")

    def __str__(self) -> str:
        return self.key


class Citation(models.Model):
    """One footnote of one article; derived from the body on every save."""

    post = models.ForeignKey(
        "posts.Post", verbose_name=_("article"), on_delete=models.CASCADE, related_name="citations"
    )
    label = models.CharField(_("footnote label"), max_length=100)
    anchor = models.CharField(
        _("anchor"), max_length=80, blank=True, help_text=_("The note's id on the article page.")
    )
    order = models.PositiveIntegerField(_("number"))
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
    )
    text = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["post", "order"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "label"], name="citation_label_unique_per_post"
            ),
        ]
        # "Which listed articles cite this source?": answered from the index alone.
        indexes = [models.Index(fields=["source", "post"], name="citation_source_post")]

    def __str__(self) -> str:
        return f"[^{self.label}]"
