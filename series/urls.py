from django.urls import path

from posts import feeds
from posts.caching import cache_public_page as cached
from series import views

app_name = "series"

urlpatterns = [
    path("", cached(views.SeriesListView.as_view()), name="list"),
    path("<slug:slug>/", cached(views.SeriesDetailView.as_view()), name="detail"),
    path("<slug:slug>/rss.xml", cached(feeds.SeriesFeed()), name="rss"),
    path("<slug:slug>/atom.xml", cached(feeds.AtomSeriesFeed()), name="atom"),
]
