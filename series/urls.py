from django.urls import path

from series import views

app_name = "series"

urlpatterns = [
    path("", views.SeriesListView.as_view(), name="list"),
    path("<slug:slug>/", views.SeriesDetailView.as_view(), name="detail"),
]
