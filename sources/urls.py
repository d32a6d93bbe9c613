from django.urls import path

from posts.caching import cache_public_page as cached
from sources import views

app_name = "sources"

urlpatterns = [
    path("", cached(views.SourceListView.as_view()), name="list"),
    path("<slug:slug>/", cached(views.SourceDetailView.as_view()), name="detail"),
]
