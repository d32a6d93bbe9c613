from django.urls import path

from sources import editor_api, views

app_name = "sources"

urlpatterns = [
    path("", views.SourceListView.as_view(), name="list"),
    path("export.<str:extension>", views.sources_export, name="export"),
    path("editor/search.json", editor_api.search, name="editor-search"),
    path("<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
    path("<slug:slug>/reference.<str:extension>", views.source_reference, name="reference"),
]
