"""Related posts for an article: the listed posts that share most of its tags."""

from collections.abc import Iterable

from django.db.models import Count

from posts.models import Post

LIMIT = 3


def related_posts(post: Post, *, exclude: Iterable[int] = (), limit: int = LIMIT) -> list[Post]:
    """Up to ``limit`` listed posts sharing tags with ``post``, most shared first, in one query;
    ``exclude`` leaves out posts the page links already (its series' parts).

    Expects ``post.tags`` prefetched.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
    return list(
        Post.objects.listed()
        .exclude(pk__in=[post.pk, *exclude])
        .filter(tags__in=tag_ids)
        .only("title", "slug", "publish_at")
        .annotate(shared=Count("tags", distinct=True))
        .order_by("-shared", "-publish_at")[:limit]
    )
