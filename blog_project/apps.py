from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site that composes the apps: page cache, import and export, site-wide pages.

    It depends on ``posts``, ``series`` and ``sources``; none of them depends on it.
    """

    name = "blog_project"
    label = "site"
    verbose_name = _("Site")

    def ready(self) -> None:
        """Any change to what public pages show invalidates the page cache."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from blog_project.caching import content_changed
        from posts.models import Author, FormerSlug, Post, Tag
        from series.models import Series, SeriesEntry
        from sources.models import Citation, Source, SourceAlias

        for model in (Post, Author, Tag, FormerSlug, Series, SeriesEntry, Source, SourceAlias):
            uid = model._meta.label
            post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{uid}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-d-{uid}")
        # Citations are written in bulk with their post (no signals); deleting one is not.
        post_delete.connect(content_changed, sender=Citation, dispatch_uid="page-cache-citation")
        for through in (Post.tags.through, Post.authors.through):
            uid = through._meta.label
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"page-cache-{uid}")
