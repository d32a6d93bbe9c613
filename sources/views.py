from itertools import groupby

from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from posts import counts
from posts.models import Post
from posts.pagination import page_of
from sources.models import Citation, Source, SourceAlias

CITING_PER_PAGE = 25


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
            .only("label", "anchor", "order", "post_id")
            .order_by("post_id", "order")
        )
        by_post = {pid: list(group) for pid, group in groupby(notes, key=lambda c: c.post_id)}
        context["citing"] = [{"post": post, "notes": by_post.get(post.pk, [])} for post in page]
        context["page_obj"] = page
        return context
