"""The core's own signal, and its receivers."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver

from posts import counts
from posts.models import Author, Post, Tag
from posts.search import index_post

post_body_written = Signal()
"""Sent by :func:`posts.services.post_write` after a post's new body is saved, in the same
transaction, with ``post``, ``rendered`` (the pipeline's result) and ``links`` (the source
registry's answer, or None). The sources app syncs the post's citations on it."""


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="posts-reindex-after-tag-change")
def reindex_after_tag_change(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    """Tags are saved after the post in the admin; search must see them."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    posts = [instance] if not reverse else Post.objects.filter(pk__in=kwargs.get("pk_set") or [])
    for post in posts:
        index_post(post)


@receiver(post_save, sender=Post, dispatch_uid="posts-recount-after-save")
def recount_after_save(sender, instance: Post, created: bool, **kwargs) -> None:
    """A post that appears, disappears or changes status changes its tags' (and others') counts."""
    if created or instance.listing_changed:
        counts.recount_for_posts([instance.pk])


@receiver(pre_delete, sender=Post, dispatch_uid="posts-remember-counted-before-delete")
def remember_counted_before_delete(sender, instance: Post, **kwargs) -> None:
    instance._counted_rows = counts.related([instance.pk])


@receiver(post_delete, sender=Post, dispatch_uid="posts-recount-after-delete")
def recount_after_delete(sender, instance: Post, **kwargs) -> None:
    counts.recount_rows(getattr(instance, "_counted_rows", {}))


def _recount_relation(model, counted_model, instance, action: str, reverse: bool, pk_set) -> None:
    """m2m_changed for tags or authors: count the rows that gained or lost a post.

    Only from the post's side: django-simple-history, which keeps the post's tags and authors
    in its revisions, does not allow changing them from the tag's or author's side.
    """
    counter = counts.counter_for(counted_model)
    if reverse:
        return
    if action == "pre_clear":
        instance._cleared_rows = set(getattr(instance, model).values_list("pk", flat=True))
    elif action in {"post_add", "post_remove"}:
        counts.recount_rows({counter: set(pk_set or ())})
    elif action == "post_clear":
        counts.recount_rows({counter: getattr(instance, "_cleared_rows", set())})


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="posts-recount-tags")
def recount_tags(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    _recount_relation("tags", Tag, instance, action, reverse, pk_set)


@receiver(m2m_changed, sender=Post.authors.through, dispatch_uid="posts-recount-authors")
def recount_authors(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    _recount_relation("authors", Author, instance, action, reverse, pk_set)
