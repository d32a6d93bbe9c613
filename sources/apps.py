from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Sources")

    def ready(self) -> None:
        """Hooks the register into the core (see :mod:`posts.extensions`)."""
        from posts import counts
        from posts.extensions import extensions
        from posts.models import Post
        from posts.signals import post_body_written
        from sources import receivers
        from sources.models import Source
        from sources.registry import SourceRegistry

        extensions.source_registry = SourceRegistry()
        counts.register(
            counts.Counter(Source, "listed_articles", "citations__source", "citations__post")
        )
        extensions.search_terms.append(receivers.cited_source_names)
        extensions.jsonld.append(receivers.jsonld_citations)
        extensions.citation_meta.append(receivers.citation_references)
        extensions.article_context.append(receivers.article_bibliography)
        post_body_written.connect(
            receivers.sync_citations_of_written_body,
            sender=Post,
            dispatch_uid="sources-sync-citations",
        )
