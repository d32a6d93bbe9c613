from posts.sitemaps import ListedPostsSitemap
from series.models import Series


class SeriesSitemap(ListedPostsSitemap):
    model, relation, priority = Series, "entries__post", 0.6
