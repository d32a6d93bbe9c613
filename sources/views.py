from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from posts.models import Post
from sources.models import Citation, Source, SourceAlias


class SourceListView(ListView):
    """Every source cited by a listed article, grouped by publisher in the template."""

    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.with_citing_counts().filter(article_count__gt=0)


class SourceDetailView(DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.with_citing_counts()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            alias = SourceAlias.objects.filter(slug=kwargs["slug"]).select_related("source").first()
            if alias is None:
                raise
            return redirect(alias.source, permanent=True)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        citations = (
            Citation.objects.filter(source=self.object, post__in=Post.objects.listed())
            .select_related("post")
            .only("label", "anchor", "order", "post__title", "post__slug", "post__publish_at")
            .order_by("-post__publish_at", "post_id", "order")
        )
        context["citing"] = [
            {"post": post, "notes": list(notes)}
            for post, notes in groupby(citations, key=lambda c: c.post)
        ]
        return context
