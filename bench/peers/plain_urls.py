"""Plain Django views of the article, the way a first version would write them.

``/blog/<slug>/`` reads the post through the ORM and renders our article template with it,
nothing loaded ahead (each relation the template touches is a query of its own);
``/bare/blog/<slug>/`` renders only the stored body in a minimal template, one query.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from blog_project.urls import urlpatterns as site_urlpatterns
from posts import seo
from posts.models import Post


def article(request, slug: str):
    post = get_object_or_404(Post.objects.published(), slug=slug)
    context = {"post": post, "jsonld": seo.blog_posting(post, request)}
    return render(request, "posts/post_detail.html", context)


def bare(request, slug: str):
    post = get_object_or_404(Post.objects.published(), slug=slug)
    return render(request, "plain_article.html", {"post": post})


# First, so they answer the article's address; the site's own URLs follow for the links.
urlpatterns = [
    path("blog/<slug:slug>/", article),
    path("bare/blog/<slug:slug>/", bare),
    *site_urlpatterns,
]
