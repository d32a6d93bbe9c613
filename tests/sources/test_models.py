import pytest
from django.db import IntegrityError, transaction

from sources.models import Citation


@pytest.mark.django_db
def test_one_post_cannot_have_two_citations_with_one_label(make_post):
    post = make_post()
    Citation.objects.create(post=post, label="1", order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(post=post, label="1", order=2)
