from django.urls import path

from sources import views

app_name = "sources"

urlpatterns = [
    path("", views.SourceListView.as_view(), name="list"),
    path("export.<str:extension>", views.sources_export, name="export"),
    path("<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
    path("<slug:slug>/reference.<str:extension>", views.source_reference, name="reference"),
]
