from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from posts.models import Post

NOW = timezone.now


@pytest.mark.django_db
def test_two_posts_cannot_share_a_slug(make_post):
    make_post(slug="dezelfde")
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(title="Twee", slug="dezelfde")


@pytest.mark.django_db
def test_a_post_cannot_have_an_unknown_status(make_post):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_post(status="archived")


@pytest.mark.parametrize(
    ("status", "days_from_now", "unlisted", "published", "listed"),
    [
        (Post.Status.PUBLISHED, -1, False, True, True),
        (Post.Status.PUBLISHED, -1, True, True, False),
        (Post.Status.PUBLISHED, +1, False, False, False),
        (Post.Status.PUBLISHED, +1, True, False, False),
        (Post.Status.DRAFT, -1, False, False, False),
        (Post.Status.DRAFT, -1, True, False, False),
        (Post.Status.DRAFT, +1, False, False, False),
        (Post.Status.DRAFT, +1, True, False, False),
    ],
)
@pytest.mark.django_db
def test_published_and_listed_follow_status_date_and_unlisted(
    make_post, status, days_from_now, unlisted, published, listed
):
    post = make_post(
        status=status, publish_at=NOW() + timedelta(days=days_from_now), unlisted=unlisted
    )
    assert (post in Post.objects.published()) is published
    assert (post in Post.objects.listed()) is listed
    assert post.is_published is published


@pytest.mark.django_db
def test_saving_renders_the_body_once_into_stored_fields(make_post):
    post = make_post(body="Eerste alinea.\n\n<!--truncate-->\n\n## Verder\n\nMeer tekst hier.")
    assert "<h2" in post.body_html
    assert "Eerste alinea." in post.summary_html
    assert "Verder" not in post.summary_html
    assert "truncate" not in post.body_html
    assert post.word_count == 6
    assert post.reading_minutes == 1
    assert "Meer tekst hier." in post.body_text


@pytest.mark.django_db
def test_drafts_and_scheduled_posts_are_not_visible_to_anonymous_users(make_post, rf):
    from django.contrib.auth.models import AnonymousUser

    draft = make_post(status=Post.Status.DRAFT)
    live = make_post()
    visible = Post.objects.visible_to(AnonymousUser())
    assert live in visible
    assert draft not in visible


@pytest.mark.django_db
def test_editors_see_drafts_among_visible_posts(make_post, editor):
    draft = make_post(status=Post.Status.DRAFT)
    assert draft in Post.objects.visible_to(editor)
