"""Public pages of the blog: thin views over :class:`~posts.models.PostQuerySet`."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from posts import seo
from posts.models import Post
from series.navigation import navigation_for
from sources.models import Citation


class PostListView(ListView):
    template_name = "posts/post_list.html"
    context_object_name = "posts"

    def get_paginate_by(self, queryset) -> int:
        return settings.BLOG["POSTS_PER_PAGE"]

    def get_queryset(self):
        return Post.objects.listed().for_listing()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["jsonld"] = seo.blog(self.request)
        return context


class PostDetailView(DetailView):
    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        citations = Citation.objects.select_related("source").order_by("order")
        return (
            Post.objects.visible_to(self.request.user)
            .select_related("series_entry__series")
            .prefetch_related("authors", "tags", Prefetch("citations", queryset=citations))
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        post = self.object
        context["series_nav"] = navigation_for(post)
        context["jsonld"] = seo.blog_posting(post, self.request)
        context["canonical_url"] = self.request.build_absolute_uri(post.get_absolute_url())
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # An editor's preview of a draft or scheduled post must never be cached.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response
