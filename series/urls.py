from django.urls import path

from series import feeds, views

app_name = "series"

urlpatterns = [
    path("", views.SeriesListView.as_view(), name="list"),
    path("<slug:slug>/", views.SeriesDetailView.as_view(), name="detail"),
    path("<slug:slug>/rss.xml", feeds.SeriesFeed(), name="rss"),
    path("<slug:slug>/atom.xml", feeds.AtomSeriesFeed(), name="atom"),
]
