from django.views.generic import DetailView, ListView

from posts.models import Post
from series.models import Series


def _with_part_counts(queryset):
    return queryset.annotate(part_count=Post.objects.listed_count("entries__post"))


class SeriesListView(ListView):
    template_name = "series/series_list.html"
    context_object_name = "series_list"

    def get_queryset(self):
        return _with_part_counts(Series.objects.all()).filter(part_count__gt=0)


class SeriesDetailView(DetailView):
    template_name = "series/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return _with_part_counts(Series.objects.all()).filter(part_count__gt=0)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["parts"] = self.object.listed_entries()
        return context
