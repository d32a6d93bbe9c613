from posts.sitemaps import ListedPostsSitemap
from series.models import Series


class SeriesSitemap(ListedPostsSitemap):
    model, count_field, priority = Series, "listed_parts", 0.6
