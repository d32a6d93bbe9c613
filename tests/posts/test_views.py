import pytest
from django.urls import reverse

from posts.models import Post


@pytest.mark.django_db
def test_root_redirects_permanently_to_the_blog(client):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/"


@pytest.mark.django_db
def test_home_lists_listed_posts_with_summaries(client, make_post):
    make_post(title="Zichtbaar", body="Samenvatting hier.\n\n<!--truncate-->\n\nRest.")
    make_post(title="Concept", status=Post.Status.DRAFT)
    make_post(title="Verborgen", unlisted=True)
    page = client.get(reverse("posts:list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Zichtbaar" in html and "Samenvatting hier." in html
    assert "Concept" not in html and "Verborgen" not in html
    assert '<html lang="nl">' in html


@pytest.mark.django_db
def test_article_page_shows_the_rendered_body(client, make_post):
    post = make_post(title="Artikel", body="## Kop\n\nTekst.")
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert "<h1>Artikel</h1>" in page.content.decode()
    assert "Tekst." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_posts_are_404_for_visitors_and_previewable_by_staff(
    client, editor_client, make_post, state
):
    from datetime import timedelta

    from django.utils import timezone

    if state == "draft":
        post = make_post(status=Post.Status.DRAFT)
    else:
        post = make_post(publish_at=timezone.now() + timedelta(days=3))
    from django.test import Client

    assert Client().get(post.get_absolute_url()).status_code == 404
    preview = editor_client.get(post.get_absolute_url())
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
def test_unknown_slug_gives_a_helpful_404(client):
    page = client.get("/blog/bestaat-niet/")
    assert page.status_code == 404
    assert "/blog/" in page.content.decode()


@pytest.mark.django_db
def test_unlisted_post_is_reachable_by_its_address(client, make_post):
    post = make_post(unlisted=True)
    assert client.get(post.get_absolute_url()).status_code == 200
