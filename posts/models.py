"""Articles, their authors and tags."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from posts.images import DatedUpload, validate_raster_image
from posts.validators import WebURLField


class Author(models.Model):
    key = models.SlugField(
        _("key"),
        max_length=50,
        unique=True,
        help_text=_("Short identifier, as in Docusaurus front matter: authors: [ruben]."),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    url = WebURLField(_("website"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to=DatedUpload("authors", "image"),
        validators=[validate_raster_image],
        blank=True,
    )
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


# Paths under /blog/ that are not articles; no post may take them as its slug.
RESERVED_SLUGS = ("tags", "authors", "archive")


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        """What visitors may open: published, with a publish date that has come.

        Unlisted posts are included (they are reachable by their URL); lists, feeds, the
        sitemap and search use :meth:`listed` instead.
        """
        return self.filter(status=Post.Status.PUBLISHED, publish_at__lte=timezone.now())

    def listed(self) -> "PostQuerySet":
        """What visitors may find: published and not unlisted."""
        return self.published().filter(unlisted=False)

    def visible_to(self, user) -> "PostQuerySet":
        """Published posts, plus every draft and scheduled post for editors who may change them."""
        if user.is_authenticated and user.is_staff and user.has_perm("posts.change_post"):
            return self.all()
        return self.published()

    def for_listing(self) -> "PostQuerySet":
        """Loads what a post list shows in a fixed number of queries."""
        return (
            self.select_related("series_entry__series")
            .prefetch_related("authors", "tags")
            .defer(*Post.HEAVY_FIELDS)
        )


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=False,
        help_text=_("The last part of the address: /blog/<slug>/."),
    )
    body = MarkdownxField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown. Footnotes: [^1] in the text and [^1]: note at the end. "
            "Put <!--truncate--> after the summary."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("For search engines and link previews; the summary is used when empty."),
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        db_index=True,
        help_text=_("A date in the future schedules the post."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), related_name="posts", blank=True
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="posts", blank=True)
    unlisted = models.BooleanField(
        _("unlisted"),
        default=False,
        help_text=_("Reachable by its address, but left out of lists, feeds, search and sitemap."),
    )
    hide_toc = models.BooleanField(_("hide table of contents"), default=False)
    cover_image = models.ImageField(
        _("cover image"),
        upload_to=DatedUpload("covers", "cover_image"),
        validators=[validate_raster_image],
        blank=True,
    )
    cover_alt = models.CharField(_("cover image description"), max_length=300, blank=True)

    # Derived from the body by the Markdown pipeline on save; never edited by hand.
    body_html = models.TextField(editable=False, blank=True)
    summary_html = models.TextField(editable=False, blank=True)
    summary_text = models.TextField(editable=False, blank=True)
    toc_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    reading_minutes = models.PositiveIntegerField(_("reading time"), editable=False, default=0)
    # Tag names and cited sources, so search finds an article by them too.
    search_extra = models.TextField(editable=False, blank=True)
    # Filled on PostgreSQL only (Dutch text search configuration); GIN-indexed by a migration.
    search_vector = SearchVectorField(null=True, editable=False)

    # Large columns that lists and navigation never show.
    HEAVY_FIELDS = ("body", "body_html", "body_text", "toc_html", "search_extra", "search_vector")

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "body_html",
            "summary_html",
            "summary_text",
            "toc_html",
            "body_text",
            "search_extra",
            "search_vector",
        ],
        m2m_fields=[authors, tags],
    )

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "unlisted", "-publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="post_status_valid"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="post_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS), name="post_slug_not_reserved"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Renders the body once and keeps the citations in step with it."""
        from posts.bodies import render_for_post
        from posts.search import index_post
        from sources.registry import sync_citations

        with transaction.atomic():
            self._remember_former_slug()
            rendered, sources = render_for_post(self.body)
            self.body_html = rendered.html
            self.summary_html = rendered.summary_html
            self.summary_text = rendered.summary_text
            self.toc_html = rendered.toc_html
            self.body_text = rendered.text
            self.word_count = rendered.word_count
            self.reading_minutes = rendered.reading_minutes
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = set(kwargs["update_fields"]) | {
                    "body_html",
                    "summary_html",
                    "summary_text",
                    "toc_html",
                    "body_text",
                    "word_count",
                    "reading_minutes",
                }
            super().save(*args, **kwargs)
            sync_citations(self, rendered.footnotes, sources)
            index_post(self)

    def get_absolute_url(self) -> str:
        return reverse("posts:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def meta_description(self) -> str:
        return self.description or self.summary_text[:300]

    def _remember_former_slug(self) -> None:
        """Keeps the old address working when an editor changes the slug."""
        if self.pk is None:
            return
        former = Post.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if former and former != self.slug:
            FormerSlug.objects.update_or_create(slug=former, defaults={"post": self})
        FormerSlug.objects.filter(slug=self.slug).delete()


class FormerSlug(models.Model):
    """An address an article used to have; visiting it redirects permanently."""

    slug = models.SlugField(_("former slug"), max_length=200, unique=True)
    post = models.ForeignKey(
        Post, verbose_name=_("article"), on_delete=models.CASCADE, related_name="former_slugs"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self) -> str:
        return self.slug
