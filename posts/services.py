"""Writing articles: the named operations the admin, the importer and the actions call.

``Post.save`` keeps only the post's own row in step with its body. These services write
everything an article change touches, in one transaction: the former address, the citations
(through :data:`posts.signals.post_body_written`) and the search index, rendering a body at
most once.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from posts.bodies import link_sources, render_body
from posts.models import POST_HISTORY, Author, Correction, FormerSlug, Post, Tag
from posts.rendering import Rendered
from posts.search import index_post
from posts.signals import post_body_written


@transaction.atomic
def post_write(
    *,
    post: Post,
    rendered: Rendered | None = None,
    authors: Iterable[Author] | None = None,
    tags: Iterable[Tag] | None = None,
    update_note: str = "",
) -> Post:
    """Saves ``post`` with everything derived from it.

    ``rendered`` is the pipeline's result for ``post.body`` when the caller already has it
    (the admin form and the importer render while validating); otherwise the body is rendered
    here, and only if it changed. New sources the notes cite are registered. ``authors`` and
    ``tags``, when given, replace the post's own, and the whole change is one revision.
    ``update_note`` is the editor's public note on this change: readers see it, dated, at the
    end of the article, and the article counts as updated from now.
    """
    update_note = update_note.strip()
    if authors is not None:
        post.author_order = [author.pk for author in authors]
    if update_note:
        post.noted_update_at = timezone.now()
    links = None
    created = post.pk is None
    body_changed = post.needs_rendering or created
    if body_changed:
        rendered = rendered or render_body(post.body, post.language)
        rendered, links = link_sources(rendered, register=True, language=post.language)
        post.apply_rendered(rendered)
    former = post.stored_slug
    relations = authors is not None or tags is not None
    with _one_revision(post, created, enabled=relations):
        post.save()
        if authors is not None:
            post.authors.set(authors)
        if tags is not None:
            post.tags.set(tags)
    _remember_address(post, former)
    if update_note:
        Correction.objects.create(post=post, noted_at=post.noted_update_at, note=update_note)
    if body_changed:
        post_body_written.send(sender=Post, post=post, rendered=rendered, links=links)
    index_post(post)
    return post


@contextmanager
def _one_revision(post: Post, created: bool, *, enabled: bool) -> Iterator[None]:
    """Records the row and its relations as one revision, not one per relation set."""
    if not enabled:
        yield
        return
    post.skip_history_when_saving = True
    try:
        yield
    finally:
        del post.skip_history_when_saving
    POST_HISTORY.create_historical_record(post, "+" if created else "~")


def post_refresh(*, post: Post) -> Post:
    """Renders the body again though it did not change: the register changed under it (a
    merge), so its notes must link elsewhere."""
    post.forget_rendering()
    return post_write(post=post)


def _remember_address(post: Post, former: str | None) -> None:
    """Keeps the old address working when the slug changed; frees the new one."""
    if former and former != post.slug:
        FormerSlug.objects.update_or_create(slug=former, defaults={"post": post})
    FormerSlug.objects.filter(slug=post.slug).delete()


def post_save_from_form(*, post: Post, rendered: Rendered | None, update_note: str = "") -> Post:
    """The admin's save: the form rendered the body while validating it."""
    return post_write(
        post=post, rendered=rendered if post.needs_rendering else None, update_note=update_note
    )


def publish_moment(publish_at: datetime, *, chosen: bool = False) -> datetime:
    """When a draft that is being published goes live: its publish date if the editor chose
    it in this save (``chosen``) or it is still to come (the draft is scheduled), else now, so
    that an article is not shown as published on the day its draft was begun."""
    now = timezone.now()
    return publish_at if chosen or publish_at > now else now


@transaction.atomic
def posts_set_status(*, posts: Iterable[Post], status: str) -> int:
    """Publishes posts or turns them back into drafts, rendering nothing (each change is
    still a revision); returns how many changed. A published draft goes live now unless its
    publish date is still to come (:func:`publish_moment`)."""
    changed = 0
    for post in posts:
        if post.status == status:
            continue
        post.status = status
        if status == Post.Status.PUBLISHED:
            post.review_requested_at = None
            post.publish_at = publish_moment(post.publish_at)
        post.save(update_fields=["status", "publish_at", "updated_at", "review_requested_at"])
        changed += 1
    return changed
