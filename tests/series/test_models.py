import pytest
from django.db import IntegrityError, transaction

from posts.models import Post
from series.models import SeriesEntry
from series.navigation import navigation_for


@pytest.mark.django_db
def test_two_posts_cannot_take_one_position_in_a_series(make_post, make_series):
    first, second = make_post(), make_post()
    series = make_series(posts=[first])
    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesEntry.objects.create(series=series, post=second, position=1)


@pytest.mark.django_db
def test_a_post_belongs_to_at_most_one_series(make_post, make_series):
    post = make_post()
    make_series(posts=[post])
    other = make_series()
    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesEntry.objects.create(series=other, post=post, position=1)


@pytest.mark.django_db
def test_navigation_counts_published_parts_only(make_post, make_series):
    one, draft, three = make_post(), make_post(status=Post.Status.DRAFT), make_post()
    make_series(posts=[one, draft, three])
    three = Post.objects.select_related("series_entry__series").get(pk=three.pk)
    nav = navigation_for(three)
    assert (nav.number, nav.total) == (2, 2)
    assert nav.previous.post == one
    assert nav.next is None
    assert [part.post for part in nav.parts] == [one, three]
