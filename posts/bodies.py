"""The article body through the pipeline, linked to the sources register.

The pipeline (:mod:`posts.rendering`) is pure; here it meets the database through the source
registry that :mod:`posts.extensions` provides. Every caller renders through this module: saving
(:mod:`posts.services` and ``Post.save``), the editor's live preview, the importer's checks.
"""

from django.conf import settings
from django.utils import translation

from posts.extensions import SourceLinks, extensions
from posts.rendering import Rendered, render


def render_body(body: str) -> Rendered:
    """The body rendered once, in the site's language (stored HTML is the same for everyone)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(body)


def link_sources(rendered: Rendered, *, register: bool) -> tuple[Rendered, SourceLinks | None]:
    """``rendered`` with its notes linking to the register, and the register's answer.

    ``register`` creates the sources that are not registered yet (on a save); without it a
    note citing an unknown source simply has no link yet (a preview).
    """
    registry = extensions.source_registry
    cited = rendered.cited_sources
    if registry is None or not cited:
        return rendered, None
    links = registry.links(cited, register=register)
    with translation.override(settings.LANGUAGE_CODE):
        return rendered.with_source_links(links.url), links


def preview_html(body: str) -> str:
    """The editor's live preview: the same HTML as the public page, writing nothing."""
    return link_sources(render_body(body), register=False)[0].html
