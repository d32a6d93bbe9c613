"""The registry of cited sources, and the citations that tie articles to them."""

import re
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from posts import references
from posts.models import Post
from posts.validators import WebURLField
from sources.cards import SourceCard
from sources.identifiers import (
    date_parts,
    normalise_doi,
    normalise_isbn,
    validate_doi,
    validate_isbn,
    validate_partial_date,
)

# https://web.archive.org/web/20240501/... or .../web/20240501123456/...: the copy's date.
_WAYBACK_DATE = re.compile(r"/web/(\d{4})(\d{2})(\d{2})\d*(?:[a-z]{2}_)?/")


def parse_creators(text: str) -> list[dict]:
    """CSL names from the editor's lines: 'Family, Given' is a person, anything else a name
    as written (an organisation)."""
    names = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        family, comma, given = line.partition(",")
        if comma and family.strip() and given.strip():
            names.append({"family": family.strip(), "given": given.strip()})
        else:
            names.append({"literal": line.strip(" ,")})
    return names


class SourceQuerySet(models.QuerySet):
    def with_citing_counts(self) -> "SourceQuerySet":
        """Annotates how many distinct listed articles cite each source, counted now: for a
        handful of sources (an article's notes); lists use the stored ``listed_articles``."""
        return self.annotate(article_count=Post.objects.listed_count("citations__source"))


class SourceKind(models.TextChoices):
    """What a source is, as CSL names it (the type of its CSL-JSON)."""

    REPORT = "report", _("report")
    ARTICLE = "article-journal", _("journal article")
    WEBPAGE = "webpage", _("web page")
    LEGISLATION = "legislation", _("law or parliamentary paper")
    DATASET = "dataset", _("dataset")
    BOOK = "book", _("book")
    CHAPTER = "chapter", _("book chapter")
    NEWS = "article-newspaper", _("news item")


class LinkState(models.TextChoices):
    """What the last checks of a source's address found (:mod:`sources.linkhealth`)."""

    UNCHECKED = "unchecked", _("never checked")
    OK = "ok", _("works")
    REDIRECTED = "redirected", _("redirected")
    BROKEN = "broken", _("broken")


class Source(models.Model):
    """A cited source with what a reference needs; :meth:`to_csl` gives it as CSL-JSON."""

    Kind = SourceKind
    # What an editor writes of a source (besides its slug): the admin's form and sources.yml.
    REFERENCE_FIELDS = (
        "publisher",
        "title",
        "kind",
        "creators",
        "issued",
        "container_title",
        "url",
        "doi",
        "isbn",
        "language",
        "accessed",
        "description",
    )
    LinkState = LinkState

    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        help_text=_("As the notes name it (**CBS** - ...); the author too when none is given."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = WebURLField(_("address"), max_length=1000, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, blank=True)
    creators = models.TextField(
        _("authors"),
        blank=True,
        help_text=_(
            "One per line: a person as 'Family name, Given name', an organisation as its name."
        ),
    )
    issued = models.CharField(
        _("issued"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("2024, 2024-05 or 2024-05-01."),
    )
    container_title = models.CharField(
        _("published in"),
        max_length=300,
        blank=True,
        help_text=_("The journal, web site, newspaper, series or book it is part of."),
    )
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[validate_doi])
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])
    language = models.CharField(_("language"), max_length=20, blank=True)
    accessed = models.DateField(_("accessed"), null=True, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    key = models.CharField(
        _("identity"),
        max_length=800,
        unique=True,
        editable=False,
        help_text=_("Publisher and title, normalised: what makes two notes cite one source."),
    )
    description = models.TextField(_("note"), blank=True)
    # The reference in the site's citation style (APA 7), formatted on save.
    reference_html = models.TextField(editable=False, blank=True)
    # Published, not unlisted articles citing it (posts/counts.py keeps it current).
    listed_articles = models.PositiveIntegerField(editable=False, default=0)
    # The health of the address, written by the link checker in the worker.
    link_state = models.CharField(
        _("link"),
        max_length=20,
        choices=LinkState.choices,
        default=LinkState.UNCHECKED,
        editable=False,
    )
    link_status = models.CharField(
        _("last answer"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_(
            "The HTTP status, or what failed: timeout, refused, dns, tls, redirects, private, "
            "error."
        ),
    )
    link_checked_at = models.DateTimeField(_("last checked"), null=True, editable=False)
    link_final_url = models.CharField(
        _("final address"), max_length=2000, blank=True, editable=False
    )
    link_redirects = models.JSONField(
        _("redirects"), default=list, editable=False, help_text=_("Each hop: status and address.")
    )
    link_working_at = models.DateTimeField(_("last seen working"), null=True, editable=False)
    link_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    archive_url = WebURLField(
        _("archived copy"),
        max_length=2000,
        blank=True,
        help_text=_(
            "A dated copy of the address (the Wayback Machine's for the date it was first "
            "cited, filled in by the first check); replace it with a better copy if you know one."
        ),
    )
    archive_confirmed = models.BooleanField(
        _("archived copy confirmed"),
        default=False,
        help_text=_("An editor opened the archived copy and it shows the cited page."),
    )

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
        self.doi = normalise_doi(self.doi)
        # In the site's language, whoever saves it (the page shows one reference to all); a
        # source of unknown language is taken to be in it too, so that English title case
        # is not applied to a Dutch title.
        item = {"language": settings.LANGUAGE_CODE, **self.to_csl()}
        self.reference_html = references.formatted([item], language=settings.LANGUAGE_CODE)[0]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key", "doi", "reference_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:detail", kwargs={"slug": self.slug})

    @property
    def link_broken(self) -> bool:
        """Whether readers are told the address no longer answers."""
        return self.link_state == LinkState.BROKEN

    @property
    def archive_date(self) -> date | None:
        """The date of the archived copy, read from a Wayback Machine address."""
        match = _WAYBACK_DATE.search(self.archive_url)
        if not match:
            return None
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None

    def forget_link_health(self) -> None:
        """Starts the checks afresh: the address changed, so nothing known of it holds."""
        self.link_state = LinkState.UNCHECKED
        self.link_status = self.link_final_url = self.archive_url = ""
        self.link_checked_at = self.link_working_at = None
        self.link_redirects = []
        self.link_failures = 0
        self.archive_confirmed = False

    def to_csl(self) -> dict:
        """The source as a CSL-JSON item: what the citation styles and the exports read.

        Without authors the publisher is the (group) author, as APA has it for reports by an
        organisation; the publisher is then not repeated.
        """
        authors = parse_creators(self.creators)
        item: dict = {
            "id": self.slug or self.key,
            "type": self.kind or "document",
            "title": self.title or self.publisher,
            "author": authors or [{"literal": self.publisher}],
        }
        if authors and self.publisher:
            item["publisher"] = self.publisher
        optional = {
            "container-title": self.container_title,
            "URL": self.url,
            "DOI": self.doi,
            "ISBN": normalise_isbn(self.isbn) if self.isbn else "",
            "language": self.language,
            "note": self.description,
        }
        item.update({key: value for key, value in optional.items() if value})
        if parts := date_parts(self.issued):
            item["issued"] = {"date-parts": [parts]}
        if self.accessed:
            item["accessed"] = {"date-parts": [[*self.accessed.timetuple()[:3]]]}
        return item

    def card(self) -> SourceCard:
        """What a note citing this source shows of it, its type in the active language. The
        number of citing articles is the ``article_count`` of
        :meth:`SourceQuerySet.with_citing_counts` when annotated (exact now), else the stored
        count."""
        cited_in = getattr(self, "article_count", None)
        issued = date_parts(self.issued) if self.issued else None
        return SourceCard(
            publisher=self.publisher,
            title=self.title,
            page_url=self.get_absolute_url(),
            cited_in=self.listed_articles if cited_in is None else cited_in,
            type_label=str(capfirst(self.get_kind_display())) if self.kind else "",
            year=issued[0] if issued else None,
            unreachable=self.link_broken,
            archive_url=self.archive_url if self.link_broken else "",
        )


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


# How a locator is written before its value, by CSL label (the citation styles do their own).
LOCATOR_PREFIXES = {
    "page": "p. ",
    "section": "§ ",
    "paragraph": "par. ",
    "chapter": "hfst. ",
    "article-locator": "art. ",
    "figure": "fig. ",
    "table": "tab. ",
    "timestamp": "",
}


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
    # Where in the source this citation points: a CSL locator label and value ("page", "12").
    locator_label = models.CharField(_("locator type"), max_length=20, blank=True)
    locator = models.CharField(_("locator"), max_length=100, blank=True)

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

    @property
    def locator_text(self) -> str:
        """The locator as a reader reads it: "p. 12", "§ 3.2", "00:14:05"."""
        if not self.locator:
            return ""
        prefix = LOCATOR_PREFIXES.get(self.locator_label, "")
        return f"{prefix}{self.locator}"

    def csl_citation_item(self) -> dict:
        """This citation as a CSL citation item (the source's id with its locator)."""
        item: dict = {"id": self.source.slug if self.source else self.label}
        if self.locator:
            item.update(locator=self.locator, label=self.locator_label or "page")
        return item
