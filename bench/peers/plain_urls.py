"""A plain Django view: the post read through the ORM, shown with a template."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from posts.models import Post


def article(request, slug: str):
    post = get_object_or_404(Post.objects.published(), slug=slug)
    return render(request, "plain_article.html", {"post": post})


urlpatterns = [path("blog/<slug:slug>/", article)]
