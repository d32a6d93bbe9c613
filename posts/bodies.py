"""The article body through the pipeline, linked to the sources register.

The pipeline (:mod:`posts.rendering`) is pure; here it meets the database through the source
registry that :mod:`posts.extensions` provides. Every caller renders through this module: saving
(:mod:`posts.services` and ``Post.save``), the editor's live preview, the importer's checks.
"""

import multiprocessing
import os
import threading
from collections.abc import Sequence

from django.conf import settings
from django.utils import translation

from posts.extensions import SourceLinks, extensions
from posts.rendering import Rendered, render


def render_body(body: str, language: str | None = None) -> Rendered:
    """The body rendered once, its labels (notes, admonitions) in the article's ``language``
    (the site's by default): the stored HTML is the same for every visitor."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return render(body)


def _render_item(item: tuple[str, str | None]) -> Rendered:
    return render_body(*item)


# Below this many bodies a pool of processes costs more than it saves.
PARALLEL_FROM = 32


def render_bodies(
    bodies: Sequence[str], languages: Sequence[str | None] | None = None
) -> list[Rendered]:
    """Each body rendered as :func:`render_body` does, on every core when there are many.

    Rendering is pure CPU work (an import of a thousand articles spends half its time here),
    so a batch is shared out among forked processes. Forking is only safe in a process that
    runs no other thread, so elsewhere (a threaded server, a test's live server) the bodies
    are rendered one after another, with the same result.
    """
    items = list(zip(bodies, languages or [None] * len(bodies), strict=True))
    workers = min(os.cpu_count() or 1, len(items) // (PARALLEL_FROM // 2))
    if (
        workers < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [_render_item(item) for item in items]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_render_item, items, chunksize=8)


def link_sources(
    rendered: Rendered, *, register: bool, language: str | None = None
) -> tuple[Rendered, SourceLinks | None]:
    """``rendered`` with its notes linking to the register, and the register's answer.

    ``register`` creates the sources that are not registered yet (on a save); without it a
    note citing an unknown source simply has no link yet (a preview).
    """
    registry = extensions.source_registry
    cited = rendered.cited_sources
    if registry is None or not cited:
        return rendered, None
    links = registry.links(cited, register=register)
    with translation.override(language or settings.LANGUAGE_CODE):
        return rendered.with_source_links(links.link), links


def preview_html(body: str, language: str | None = None) -> str:
    """The editor's live preview: the same HTML as the public page, writing nothing."""
    return link_sources(render_body(body, language), register=False, language=language)[0].html
