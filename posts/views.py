"""Public pages of the blog: thin views over :class:`~posts.models.PostQuerySet`."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from posts import seo
from posts.extensions import extensions
from posts.models import Author, FormerSlug, Post, Tag
from posts.search import search, snippet


class PostListMixin:
    """A paginated list of listed posts, with everything a summary card shows."""

    context_object_name = "posts"

    def get_paginate_by(self, queryset) -> int:
        return settings.BLOG["POSTS_PER_PAGE"]

    def get_queryset(self):
        return self.filter_posts(Post.objects.listed()).for_listing()

    def filter_posts(self, posts):
        return posts

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["jsonld"] = seo.blog(self.request)
        return context


class PostListView(PostListMixin, ListView):
    template_name = "posts/post_list.html"


class TagListView(ListView):
    template_name = "posts/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return (
            Tag.objects.annotate(post_count=Post.objects.listed_count("posts"))
            .filter(post_count__gt=0)
            .order_by("name")
        )


class TagDetailView(PostListMixin, ListView):
    template_name = "posts/tag_detail.html"

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_posts(self, posts):
        return posts.filter(tags=self.tag)

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "tag": self.tag}


class AuthorDetailView(PostListMixin, ListView):
    template_name = "posts/author_detail.html"

    def get(self, request, *args, **kwargs):
        self.author = get_object_or_404(Author, key=kwargs["key"])
        return super().get(request, *args, **kwargs)

    def filter_posts(self, posts):
        return posts.filter(authors=self.author)

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "author": self.author}


class ArchiveView(ListView):
    """Every listed post, grouped by year and month in the template."""

    template_name = "posts/archive.html"
    context_object_name = "posts"

    def get_queryset(self):
        return Post.objects.listed().only("title", "slug", "publish_at").order_by("-publish_at")


class SearchView(TemplateView):
    template_name = "posts/search.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        results = search(Post.objects.listed(), query)
        posts = list(results.posts.prefetch_related("authors", "tags")[:50])
        for post in posts:
            post.snippet = snippet(post, results.words)
        context.update(query=query, words=results.words, results=posts)
        return context


class PostDetailView(DetailView):
    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return (
            Post.objects.visible_to(self.request.user)
            .select_related(*extensions.article_related)
            .prefetch_related("authors", "tags", *extensions.article_prefetch)
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            former = (
                FormerSlug.objects.filter(slug=kwargs["slug"], post__in=Post.objects.published())
                .select_related("post")
                .first()
            )
            if former is None:
                raise
            return redirect(former.post, permanent=True)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["jsonld"] = seo.blog_posting(self.object, self.request)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # An editor's preview of a draft or scheduled post must never be cached.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response
