"""Related posts for an article: shared tags first, then the same series."""

from django.db.models import Count

from posts.models import Post

LIMIT = 3


def related_posts(post: Post, limit: int = LIMIT) -> list[Post]:
    """Up to ``limit`` listed posts, in at most two queries.

    Expects ``post.tags`` prefetched and ``post.series_entry`` selected.
    """
    candidates = Post.objects.listed().exclude(pk=post.pk).only("title", "slug", "publish_at")
    tag_ids = [tag.pk for tag in post.tags.all()]
    found: list[Post] = []
    if tag_ids:
        found = list(
            candidates.filter(tags__in=tag_ids)
            .annotate(shared=Count("tags", distinct=True))
            .order_by("-shared", "-publish_at")[:limit]
        )
    entry = getattr(post, "series_entry", None)
    if len(found) < limit and entry is not None:
        found += list(
            candidates.filter(series_entry__series_id=entry.series_id)
            .exclude(pk__in=[p.pk for p in found])
            .order_by("series_entry__position")[: limit - len(found)]
        )
    return found
