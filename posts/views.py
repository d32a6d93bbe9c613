"""Public pages of the blog: thin views over :class:`~posts.models.PostQuerySet`."""

from datetime import datetime

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from posts import citing, counts, seo
from posts.extensions import extensions
from posts.models import Author, FormerSlug, Post, Tag
from posts.pagination import DeferredJoinPaginator, page_of
from posts.search import MAX_RESULTS, search


class PostListMixin:
    """A paginated list of listed posts, with everything a summary card shows."""

    context_object_name = "posts"
    paginator_class = DeferredJoinPaginator

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
    """Every tag with listed posts, a page of them at a time, each with its count."""

    template_name = "posts/tag_list.html"
    context_object_name = "tags"
    paginate_by = 200

    def get_queryset(self):
        return Tag.objects.filter(listed_posts__gt=0).order_by("name", "pk")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["tags"] = counts.visible(context["tags"], counts.counter_for(Tag), "post_count")
        return context


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


class ArchiveView(TemplateView):
    """Every month with listed posts, by year, with how many; each month has its own page."""

    template_name = "posts/archive.html"

    def get_context_data(self, **kwargs) -> dict:
        months = (
            Post.objects.listed()
            .annotate(month=TruncMonth("publish_at"))
            .order_by()
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )
        years: dict[int, list[dict]] = {}
        for row in months:
            years.setdefault(row["month"].year, []).append(row)
        return {**super().get_context_data(**kwargs), "years": years}


class ArchiveMonthView(ListView):
    """The listed posts of one month, oldest first, a page at a time."""

    template_name = "posts/archive_month.html"
    context_object_name = "posts"
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        year, month = kwargs["year"], kwargs["month"]
        try:
            self.month = timezone.make_aware(datetime(year, month, 1))
            self.following = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
        except (ValueError, OverflowError):
            raise Http404 from None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Post.objects.listed()
            .filter(publish_at__gte=self.month, publish_at__lt=self.following)
            .only("title", "slug", "publish_at")
            .order_by("publish_at", "pk")
        )

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "month": self.month}


class SearchView(TemplateView):
    template_name = "posts/search.html"
    per_page = 10

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        results = search(Post.objects.listed(), query)
        page = page_of(self.request, results.posts.for_listing(), self.per_page)
        context.update(
            query=query,
            words=results.words,
            page_obj=page,
            results=results.with_snippets(list(page)),
            result_count=page.paginator.count,
            more_than_shown=page.paginator.count >= MAX_RESULTS,
        )
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
        context["citation_meta"] = citing.citation_meta(self.object, self.request)
        context["reference"] = citing.article_reference(self.object, self.request)
        for contribute in extensions.article_context:
            context.update(contribute(self.object, self.request))
        # Queried only where the page shows them: outside a series (a series has its own).
        post = self.object
        context["neighbours"] = SimpleLazyObject(lambda: Post.objects.neighbours(post))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # An editor's preview of a draft or scheduled post must never be cached.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


@require_safe
def docusaurus_dated_post(request, year: int, month: int, day: int, slug: str):
    """``/blog/YYYY/MM/DD/name``, where Docusaurus served a dated file without a ``slug``:
    a permanent redirect to the article, found by its name (or a former one)."""
    post = Post.objects.published().filter(slug=slug).first()
    if post is None:
        former = (
            FormerSlug.objects.filter(slug=slug, post__in=Post.objects.published())
            .select_related("post")
            .first()
        )
        if former is None:
            raise Http404
        post = former.post
    return redirect(post, permanent=True)


@require_safe
def docusaurus_list_page(request, number: int):
    """``/blog/page/N``, Docusaurus's numbered list pages: the same page of our list."""
    if number < 1:
        raise Http404
    target = reverse("posts:list") + (f"?page={number}" if number > 1 else "")
    return redirect(target, permanent=True)
