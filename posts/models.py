"""Articles, their authors and tags."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from posts.bodies import link_sources, render_body
from posts.extensions import extensions
from posts.images import DatedUpload, validate_raster_image
from posts.rendering import DEFAULT_TOC_LEVELS, Rendered, toc_html
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
    # Published, not unlisted posts by this author (posts/counts.py keeps it current).
    listed_posts = models.PositiveIntegerField(editable=False, default=0)

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
    # Published, not unlisted posts with this tag (posts/counts.py keeps it current).
    listed_posts = models.PositiveIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


TOC_LEVEL_CHOICES = [(level, f"h{level}") for level in range(2, 7)]


def default_language() -> str:
    """New articles are in the site's language."""
    return settings.LANGUAGE_CODE


# Paths under /blog/ that are not articles; no post may take them as its slug.
RESERVED_SLUGS = ("tags", "authors", "archive")


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        """What visitors may open: published, with a publish date that has come.

        Unlisted posts are included (they are reachable by their URL); lists, feeds, the
        sitemap and search use :meth:`listed` instead.
        """
        return self.filter(status=PostStatus.PUBLISHED, publish_at__lte=timezone.now())

    def listed(self) -> "PostQuerySet":
        """What visitors may find: published and not unlisted."""
        return self.published().filter(unlisted=False)

    def listed_count(self, lookup: str) -> Coalesce:
        """An annotation for another model: how many listed posts reach it by ``lookup``, the
        path from Post to that model. ``Tag.objects.annotate(n=Post.objects.listed_count("tags"))``.

        The one way every page counts "articles per tag, author, series or source": a
        correlated subquery, so a page of 100 tags counts the posts of those 100 tags only.
        """
        posts = self.listed().filter(**{lookup: OuterRef("pk")}).order_by()
        count = Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
        return Coalesce(
            Subquery(posts.annotate(n=count).values("n"), output_field=IntegerField()), 0
        )

    def listed_exists(self, lookup: str) -> Exists:
        """A filter for another model: whether at least one listed post reaches it by ``lookup``."""
        return Exists(self.listed().filter(**{lookup: OuterRef("pk")}))

    def newest_update(self, lookup: str) -> Subquery:
        """An annotation for another model: the last change of the listed posts it shows."""
        posts = self.listed().filter(**{lookup: OuterRef("pk")}).order_by("-updated_at")
        return Subquery(posts.values("updated_at")[:1])

    def visible_to(self, user) -> "PostQuerySet":
        """Published posts, plus every draft and scheduled post for editors who may change them."""
        if user.is_authenticated and user.is_staff and user.has_perm("posts.change_post"):
            return self.all()
        return self.published()

    def for_listing(self) -> "PostQuerySet":
        """Loads what a post list shows in a fixed number of queries."""
        return (
            self.select_related(*extensions.listing_related)
            .prefetch_related("authors", "tags")
            .defer(*Post.HEAVY_FIELDS)
        )

    def neighbours(self, post: "Post") -> dict[str, "Post | None"]:
        """The listed posts just before and after ``post`` in publish order: ``{"older": ...,
        "newer": ...}``, None at either end.

        One query of titles and slugs: two keyset subqueries on (publish_at, id), so posts
        published at the same moment keep one order, each a short walk along the index
        ``post_listed_newest_first`` from ``post``'s place. ``publish_at <= at AND (publish_at
        < at OR id < pk)`` is ``(publish_at, id) < (at, pk)`` with a range the index can seek.
        """
        at, pk = post.publish_at, post.pk
        listed = self.listed().order_by().values("pk")
        older = (
            listed.filter(publish_at__lte=at)
            .filter(Q(publish_at__lt=at) | Q(pk__lt=pk))
            .order_by("-publish_at", "-pk")[:1]
        )
        newer = (
            listed.filter(publish_at__gte=at)
            .filter(Q(publish_at__gt=at) | Q(pk__gt=pk))
            .order_by("publish_at", "pk")[:1]
        )
        found = {"older": None, "newer": None}
        rows = (
            self.model._default_manager.filter(Q(pk=Subquery(older)) | Q(pk=Subquery(newer)))
            .order_by()
            .only("title", "slug", "publish_at")
        )
        for row in rows:
            found["older" if (row.publish_at, row.pk) < (at, pk) else "newer"] = row
        return found


POST_HISTORY = HistoricalRecords(
    excluded_fields=[
        "body_html",
        "summary_html",
        "summary_text",
        "toc_html",
        "body_text",
        "search_extra",
        "search_vector",
        # The correction log's date, not the text's: restoring a revision keeps it (the
        # history loads excluded fields from the current row).
        "noted_update_at",
        "review_requested_at",
    ],
    m2m_fields=["authors", "tags"],
)
"""The revisions of posts (django-simple-history): the services record one per write."""


class Post(models.Model):
    Status = PostStatus

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
    # The moment of the last change an editor noted for readers (a Correction); saves without
    # a note leave it alone, so a typo fix or a re-import changes nothing a reader sees.
    noted_update_at = models.DateTimeField(_("last noted update"), null=True, editable=False)
    # Set when an Auteur offers the draft for review; cleared when it is published.
    review_requested_at = models.DateTimeField(_("offered for review"), null=True, editable=False)
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), related_name="posts", blank=True
    )
    # The authors' ids in byline order (a many-to-many relation keeps no order of its own).
    author_order = models.JSONField(_("byline order"), default=list, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="posts", blank=True)
    unlisted = models.BooleanField(
        _("unlisted"),
        default=False,
        help_text=_("Reachable by its address, but left out of lists, feeds, search and sitemap."),
    )
    hide_toc = models.BooleanField(_("hide table of contents"), default=False)
    toc_min_level = models.PositiveSmallIntegerField(
        _("table of contents from level"),
        choices=TOC_LEVEL_CHOICES,
        default=DEFAULT_TOC_LEVELS[0],
        help_text=_("The smallest heading level listed: 2 is ## Heading."),
    )
    toc_max_level = models.PositiveSmallIntegerField(
        _("table of contents to level"),
        choices=TOC_LEVEL_CHOICES,
        default=DEFAULT_TOC_LEVELS[1],
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=default_language,
        help_text=_("The article's own language: its lang attribute and labels such as Notes."),
    )
    # Front matter the importer does not use itself (sidebar_label, last_update, keys of the
    # writer's own), kept so that an export writes it back.
    kept_front_matter = models.JSONField(
        _("kept front matter"), default=dict, blank=True, editable=False
    )
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
    word_count = models.PositiveIntegerField(_("word count"), editable=False, default=0)
    reading_minutes = models.PositiveIntegerField(_("reading time"), editable=False, default=0)
    # Tag names and cited sources, so search finds an article by them too.
    search_extra = models.TextField(editable=False, blank=True)
    # Filled on PostgreSQL only (Dutch text search configuration); GIN-indexed by a migration.
    search_vector = SearchVectorField(null=True, editable=False)

    # Large columns that lists and navigation never show.
    HEAVY_FIELDS = ("body", "body_html", "body_text", "toc_html", "search_extra", "search_vector")

    objects = PostQuerySet.as_manager()
    history = POST_HISTORY

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_post", _("Can publish, schedule and unpublish articles"))]
        indexes = [
            # Lists of listed posts, newest first: read (and paged) straight from the index.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(status=PostStatus.PUBLISHED, unlisted=False),
                name="post_listed_newest_first",
            ),
            models.Index(fields=["-updated_at"], name="post_updated_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PostStatus.values), name="post_status_valid"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="post_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS), name="post_slug_not_reserved"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # The columns derived from the body (see apply_rendered).
    DERIVED_FIELDS = (
        "body_html",
        "summary_html",
        "summary_text",
        "toc_html",
        "body_text",
        "word_count",
        "reading_minutes",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rendered_from: tuple | None = None
        self._stored_slug: str | None = None
        self._stored_listing: tuple = (None, None)

    def save(self, *args, **kwargs) -> None:
        """Saves the post's own row, rendering the body only if it (or its language or its
        table of contents' levels) changed since it was loaded.

        Writes nothing else: :func:`posts.services.post_write` saves a post together with its
        former address, citations and search index. A status change renders nothing.
        """
        if self.needs_rendering:
            rendered = render_body(self.body, self.language)
            self.apply_rendered(link_sources(rendered, register=False, language=self.language)[0])
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)
        self._stored_slug = self.slug
        self._stored_listing = (self.status, self.unlisted)

    def get_absolute_url(self) -> str:
        return reverse("posts:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        post = super().from_db(db, field_names, values, **kwargs)
        # What the stored derived columns were rendered from, and the address as stored.
        if "body" in post.__dict__:
            post._rendered_from = post._rendering_input()
        post._stored_slug = post.__dict__.get("slug")
        post._stored_listing = (post.__dict__.get("status"), post.__dict__.get("unlisted"))
        return post

    def _rendering_input(self) -> tuple:
        return (self.body, self.language, self.toc_levels)

    @property
    def toc_levels(self) -> tuple[int, int]:
        return (self.toc_min_level, self.toc_max_level)

    @property
    def needs_rendering(self) -> bool:
        """Whether the body, its language or the TOC levels differ from what the derived
        columns were rendered from."""
        return "body" in self.__dict__ and self._rendering_input() != self._rendered_from

    @property
    def listing_changed(self) -> bool:
        """Whether status or unlisted differ from what was loaded (or the post is new)."""
        return self._stored_listing != (self.status, self.unlisted)

    @property
    def stored_slug(self) -> str | None:
        """The slug as it was loaded from the database (None for a new post)."""
        return self._stored_slug

    def forget_rendering(self) -> None:
        """Makes the next save render the body again, changed or not."""
        self._rendered_from = None

    def apply_rendered(self, rendered: Rendered) -> None:
        """Takes the derived columns from ``rendered``, the pipeline's result for ``self.body``
        in ``self.language``; the table of contents lists the post's own heading levels."""
        self.body_html = rendered.html
        self.summary_html = rendered.summary_html
        self.summary_text = rendered.summary_text
        self.toc_html = toc_html(rendered.headings, self.toc_levels)
        self.body_text = rendered.text
        self.word_count = rendered.word_count
        self.reading_minutes = rendered.reading_minutes
        self._rendered_from = self._rendering_input()

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def bylines(self) -> list[Author]:
        """The authors in the order the byline names them (those without a place last, by
        name); uses the prefetched authors, so a list of posts costs no extra query."""
        place = {pk: index for index, pk in enumerate(self.author_order or ())}
        return sorted(self.authors.all(), key=lambda a: (place.get(a.pk, len(place)), a.name))

    @property
    def meta_description(self) -> str:
        return self.description or self.summary_text[:300]

    @property
    def modified_at(self):
        """What readers, feeds and JSON-LD are told: the last noted update, else publication."""
        return self.noted_update_at or self.publish_at


class Correction(models.Model):
    """A public note on a change to a published article ("Bijgewerkt: cijfers gecorrigeerd"),
    shown at the end of the article; the newest one dates the article's update."""

    post = models.ForeignKey(
        Post, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300)

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = _("update note")
        verbose_name_plural = _("update notes")

    def __str__(self) -> str:
        return self.note


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


class FormerAddressQuerySet(models.QuerySet):
    def target_of(self, path: str) -> str | None:
        """Where an address of the old site now lives: an article's page (while it is
        published) or one of our list pages; None when the address is not known."""
        if "\x00" in path or len(path) > FormerAddress._meta.get_field("path").max_length:
            return None  # no address of ours has those (PostgreSQL refuses a NUL in text)
        candidates = {path, path.rstrip("/")} - {""}
        found = (
            self.filter(path__in=candidates)
            .filter(Q(post__isnull=True) | Q(post__in=Post.objects.published()))
            .select_related("post")
            .only("target", "post__slug")
            .first()
        )
        if found is None:
            return None
        return found.post.get_absolute_url() if found.post_id else found.target


class FormerAddress(models.Model):
    """An address a post, tag, author or list page had on the site the articles came from
    (a Docusaurus permalink such as ``/blog/2024/05/01/feature``), answered with a permanent
    redirect to where it lives now. The old path is kept exactly, case and dots included."""

    path = models.CharField(_("former address"), max_length=500, unique=True)
    post = models.ForeignKey(
        Post,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="former_addresses",
        null=True,
        blank=True,
    )
    target = models.CharField(
        _("redirects to"),
        max_length=500,
        blank=True,
        help_text=_("An address on this site, for a former address that is not an article."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FormerAddressQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        constraints = [
            models.CheckConstraint(
                condition=Q(path__startswith="/"), name="former_address_is_a_path"
            ),
            models.CheckConstraint(
                condition=(Q(post__isnull=True) & ~Q(target=""))
                | (Q(post__isnull=False) & Q(target="")),
                name="former_address_one_target",
            ),
        ]

    def __str__(self) -> str:
        return self.path
