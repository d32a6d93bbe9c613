from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from posts import counts, signals  # noqa: F401  (signals connects the core's receivers)
        from posts.models import Author, Tag

        counts.register(counts.Counter(Tag, "listed_posts", "tags", "posts"))
        counts.register(counts.Counter(Author, "listed_posts", "authors", "posts"))
