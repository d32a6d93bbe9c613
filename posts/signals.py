from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from posts.models import Post
from posts.search import index_post


@receiver(m2m_changed, sender=Post.tags.through)
def reindex_after_tag_change(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    """Tags are saved after the post in the admin; search must see them."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    posts = [instance] if not reverse else Post.objects.filter(pk__in=kwargs.get("pk_set") or [])
    for post in posts:
        index_post(post)
