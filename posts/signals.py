"""The core's own signal, and its receivers."""

from django.db.models.signals import m2m_changed
from django.dispatch import Signal, receiver

from posts.models import Post
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
