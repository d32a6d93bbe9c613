from posts.sitemaps import ListedPostsSitemap
from sources.models import Source


class SourceSitemap(ListedPostsSitemap):
    model, relation, priority = Source, "citations__post", 0.3
