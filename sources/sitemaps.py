from posts.sitemaps import ListedPostsSitemap
from sources.models import Source


class SourceSitemap(ListedPostsSitemap):
    model, count_field, priority = Source, "listed_articles", 0.3
