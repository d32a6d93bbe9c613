import json
from itertools import groupby

from django.conf import settings
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from posts import counts, references
from posts.citing import download
from posts.models import Post
from posts.pagination import page_of
from sources.models import Citation, Source, SourceAlias
from sources.receivers import cited_sources

CITING_PER_PAGE = 25
FOOTNOTE_ANCHOR_PREFIX = "fn-"  # posts.rendering.footnotes.Note.note_id


class SourceListView(ListView):
    """Every source cited by a listed article, a page at a time, grouped by publisher in the
    template."""

    template_name = "sources/source_list.html"
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.filter(listed_articles__gt=0).order_by(
            Lower("publisher"), Lower("title"), "pk"
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["sources"] = counts.visible(
            context["sources"], counts.counter_for(Source), "article_count"
        )
        context["register_downloads"] = [
            (fmt.label, reverse("sources:export", args=[extension]))
            for extension, fmt in references.FORMATS.items()
        ]
        return context


class SourceDetailView(DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.all()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            alias = SourceAlias.objects.filter(slug=kwargs["slug"]).select_related("source").first()
            if alias is None:
                raise
            return redirect(alias.source, permanent=True)

    def get_context_data(self, **kwargs) -> dict:
        """The citing articles, newest first, a page at a time, each with its notes."""
        context = super().get_context_data(**kwargs)
        source = self.object
        counts.visible([source], counts.counter_for(Source), "article_count")
        posts = (
            Post.objects.listed()
            .filter(pk__in=Citation.objects.filter(source=source).values("post_id"))
            .only("title", "slug", "publish_at")
            .order_by("-publish_at", "pk")
        )
        page = page_of(self.request, posts, CITING_PER_PAGE, count=source.article_count)
        notes = (
            Citation.objects.filter(source=source, post__in=[post.pk for post in page])
            .only("label", "anchor", "order", "text", "post_id", "locator_label", "locator")
            .order_by("post_id", "order")
        )
        by_post = {pid: list(group) for pid, group in groupby(notes, key=lambda c: c.post_id)}
        context["citing"] = [_citing(post, by_post.get(post.pk, [])) for post in page]
        context.update(_style_choice(self.request, source))
        context["reference_downloads"] = [
            (fmt.label, reverse("sources:reference", args=[source.slug, extension]))
            for extension, fmt in references.FORMATS.items()
        ]
        context["page_obj"] = page
        return context


def _style_choice(request, source: Source) -> dict:
    """The reference in the style the reader chose (``?style=``): APA as stored, another style
    formatted now (a reader's explicit request; the page cache keeps the answer)."""
    style = request.GET.get("style", references.DEFAULT_STYLE)
    if style not in references.STYLES:
        style = references.DEFAULT_STYLE
    reference = source.reference_html
    if style != references.DEFAULT_STYLE:
        item = {"language": settings.LANGUAGE_CODE, **source.to_csl()}
        reference = references.formatted([item], style=style)[0]
    return {
        "reference": reference,
        "style": style,
        "style_name": references.STYLES[style],
        "styles": references.STYLES.items(),
    }


def _citing(post: Post, citations: list[Citation]) -> dict:
    """A citing article with its notes and, apart, its author-date citations in the text
    (numbered 1, 2, ... in reading order: their ``order`` counts on after the notes)."""
    notes = [c for c in citations if c.anchor.startswith(FOOTNOTE_ANCHOR_PREFIX)]
    in_text = [c for c in citations if not c.anchor.startswith(FOOTNOTE_ANCHOR_PREFIX)]
    return {"post": post, "notes": notes, "in_text": in_text}


def _formats(extension: str) -> None:
    if extension not in references.FORMATS:
        raise Http404


@require_safe
def source_reference(request, slug: str, extension: str) -> HttpResponse:
    """``/sources/<slug>/reference.<json|bib|ris>``: one source's reference, to save."""
    _formats(extension)
    source = get_object_or_404(Source, slug=slug)
    return download(source.slug, references.export([source.to_csl()], extension), extension)


@require_safe
def sources_export(request, extension: str) -> HttpResponse:
    """``/sources/export.<json|bib|ris>``: the whole register (what the list shows)."""
    _formats(extension)
    items = [source.to_csl() for source in SourceListView().get_queryset().iterator()]
    return download("bronnen", references.export(items, extension), extension)


@require_safe
def article_citations(request, slug: str) -> HttpResponse:
    """``/blog/<slug>/citations.json``: the article's citations as CSL citation objects, one
    per note or citation in the text, each naming its source's id with its locator."""
    post = get_object_or_404(Post.objects.published(), slug=slug)
    rows = Citation.objects.filter(post=post, source__isnull=False).select_related("source")
    citations = [
        {
            "citationID": row.anchor or row.label,
            "citationItems": [row.csl_citation_item()],
            "properties": {"noteIndex": row.order},
        }
        for row in rows.order_by("order")
    ]
    content = json.dumps(citations, ensure_ascii=False, indent=2) + "\n"
    return download(f"{post.slug}-citaties", content, "json")


@require_safe
def article_bibliography(request, slug: str, extension: str) -> HttpResponse:
    """``/blog/<slug>/sources.<json|bib|ris>``: the sources one article cites."""
    _formats(extension)
    post = get_object_or_404(Post.objects.published(), slug=slug)
    items = [source.to_csl() for source in cited_sources(post)]
    return download(f"{post.slug}-bronnen", references.export(items, extension), extension)
