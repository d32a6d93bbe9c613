from django.urls import path

from posts import feeds, views
from posts.caching import cache_public_page as cached

app_name = "posts"

urlpatterns = [
    path("", cached(views.PostListView.as_view()), name="list"),
    path("rss.xml", cached(feeds.PostFeed()), name="rss"),
    path("atom.xml", cached(feeds.AtomPostFeed()), name="atom"),
    path("archive/", cached(views.ArchiveView.as_view()), name="archive"),
    path("tags/", cached(views.TagListView.as_view()), name="tags"),
    path("tags/<slug:slug>/", cached(views.TagDetailView.as_view()), name="tag"),
    path("tags/<slug:slug>/rss.xml", cached(feeds.TagFeed()), name="tag-rss"),
    path("tags/<slug:slug>/atom.xml", cached(feeds.AtomTagFeed()), name="tag-atom"),
    path("authors/<slug:key>/", cached(views.AuthorDetailView.as_view()), name="author"),
    path("<slug:slug>/", cached(views.PostDetailView.as_view()), name="detail"),
]
