"""Public pages of the blog: thin views over :class:`~posts.models.PostQuerySet`."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView

from posts import seo
from posts.models import Author, FormerSlug, Post, Tag
from posts.related import related_posts
from posts.search import search, snippet
from series.navigation import navigation_for
from sources.models import Citation


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
        listed = Q(posts__in=Post.objects.listed().values("pk"))
        return (
            Tag.objects.annotate(post_count=Count("posts", filter=listed, distinct=True))
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
        citations = Citation.objects.select_related("source").order_by("order")
        return (
            Post.objects.visible_to(self.request.user)
            .select_related("series_entry__series")
            .prefetch_related("authors", "tags", Prefetch("citations", queryset=citations))
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
        post = self.object
        context["series_nav"] = navigation_for(post)
        context["related"] = related_posts(post)
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


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers (and the admin, which has no icon link) ask for /favicon.ico."""
    return redirect(static("favicon.svg"), permanent=False)


@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /markdownx/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
