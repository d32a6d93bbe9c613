from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from posts.caching import content_changed
from posts.models import Author, FormerSlug, Post, Tag
from posts.search import index_post
from series.models import Series, SeriesEntry
from sources.models import Source, SourceAlias


@receiver(m2m_changed, sender=Post.tags.through)
def reindex_after_tag_change(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    """Tags are saved after the post in the admin; search must see them."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    posts = [instance] if not reverse else Post.objects.filter(pk__in=kwargs.get("pk_set") or [])
    for post in posts:
        index_post(post)


for model in (Post, Author, Tag, Series, SeriesEntry, Source, SourceAlias, FormerSlug):
    post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-del-{model}")
for through in (Post.tags.through, Post.authors.through):
    m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"page-cache-m2m-{through}")
