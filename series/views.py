from django.views.generic import DetailView, ListView

from posts import counts
from series.models import Series


class SeriesListView(ListView):
    template_name = "series/series_list.html"
    context_object_name = "series_list"
    paginate_by = 20

    def get_queryset(self):
        return Series.objects.filter(listed_parts__gt=0).order_by("title", "pk")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["series_list"] = counts.visible(
            context["series_list"], counts.counter_for(Series), "part_count"
        )
        return context


class SeriesDetailView(DetailView):
    template_name = "series/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return Series.objects.filter(listed_parts__gt=0)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["parts"] = self.object.listed_entries()
        return context
