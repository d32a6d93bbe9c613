"""Rendering an article body with links into the sources registry.

The pipeline itself (:mod:`posts.rendering`) is pure; this module adds what needs the
database: the address of each cited source's page. The public page (through ``Post.save``),
the editor's live preview and the importer all come through here.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation

from posts.rendering import CitedSource, Rendered, render

if TYPE_CHECKING:
    from sources.models import Source


def _render_with(
    body: str, lookup: Callable[[list[CitedSource]], dict]
) -> tuple[Rendered, dict[str, "Source"]]:
    """The rendered body and the registered sources it cites, by source key."""
    from sources.registry import source_key

    # Stored HTML is rendered once, in the site's language, whoever triggers it.
    with translation.override(settings.LANGUAGE_CODE):
        first = render(body)
        cited = [fn.source for fn in first.footnotes if fn.source]
        if not cited:
            return first, {}
        sources = lookup(cited)

        def source_url(item: CitedSource) -> str | None:
            source = sources.get(source_key(item.publisher, item.title))
            return source.get_absolute_url() if source else None

        return render(body, source_url=source_url), sources


def render_for_post(body: str) -> tuple[Rendered, dict[str, "Source"]]:
    """Renders for saving: sources the body cites are registered if they are new.

    Returns the registry entries too, so the citations can be synced without looking
    them up again.
    """
    from sources.registry import ensure_sources

    return _render_with(body, ensure_sources)


def render_preview(body: str) -> Rendered:
    """Renders without writing anything: new sources get no register link yet."""
    from sources.registry import find_sources

    return _render_with(body, find_sources)[0]


def preview_html(body: str) -> str:
    """django-markdownx's MARKDOWNX_MARKDOWNIFY_FUNCTION: the same HTML as the public page."""
    return render_preview(body).html
