"""Editorial roles: what an Auteur and a Redacteur may do (the groups come from a migration).

- **Auteur** writes and edits their own articles (those naming their Author profile), can
  offer a draft for review, and cannot publish, schedule, unpublish or delete, nor open
  other authors' articles.
- **Redacteur** edits, publishes and schedules every article and manages series, tags,
  authors and sources (merging sources included).

Superusers may do everything. The admin asks these functions, never the group names; the
groups and their permissions are made by ``blog_project/migrations/0001_editorial_groups.py``.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.utils.text import slugify

from posts.models import Author, Post

AUTEUR = "Auteur"
REDACTEUR = "Redacteur"
PUBLISH_PERMISSION = "posts.publish_post"

User = AbstractBaseUser | AnonymousUser


def can_publish(user: User) -> bool:
    """Whether ``user`` may publish, schedule and unpublish, and so sees every article."""
    return user.has_perm(PUBLISH_PERMISSION)


def editable_posts(user: User, posts: QuerySet[Post]) -> QuerySet[Post]:
    """The part of ``posts`` that ``user`` may open: all for a publisher, else their own."""
    if can_publish(user):
        return posts
    return posts.filter(pk__in=Post.objects.filter(authors__user=user).values("pk"))


def may_edit(user: User, post: Post | None) -> bool:
    """Whether ``user`` may open ``post`` (None: the list, or a new article)."""
    if post is None or post.pk is None or can_publish(user):
        return True
    return Post.objects.filter(pk=post.pk, authors__user=user).exists()


def author_for(user: AbstractBaseUser) -> Author:
    """The user's Author profile, made from the account when there is none yet."""
    author = Author.objects.filter(user=user).first()
    if author is not None:
        return author
    name = user.get_full_name() or user.get_username()
    key = slugify(user.get_username())[:40] or "auteur"
    if Author.objects.filter(key=key).exists():
        key = f"{key}-{user.pk}"
    return Author.objects.create(key=key, name=name, user=user)
