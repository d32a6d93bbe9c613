"""Editorial roles: each thing an Auteur may not do is tried, as that role, and refused."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from posts.models import Author, Post
from tests.forms import form_data


def _member(django_user_model, name: str, group: str) -> Client:
    user = django_user_model.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def auteur(db, django_user_model) -> Client:
    return _member(django_user_model, "auteur", "Auteur")


@pytest.fixture
def redacteur(db, django_user_model) -> Client:
    return _member(django_user_model, "redacteur", "Redacteur")


@pytest.fixture
def own_post(auteur, make_post) -> Post:
    author = Author.objects.create(key="auteur", name="Auteur", user=auteur.user)
    return make_post(title="Eigen stuk", status=Post.Status.DRAFT, authors=[author])


def _change(client, post: Post, **changes):
    url = f"/admin/posts/post/{post.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), form_id="post_form")
    data.update(changes)
    return client.post(url, data)


@pytest.mark.django_db
def test_the_migration_makes_both_groups_with_their_permissions():
    auteur = {p.codename for p in Group.objects.get(name="Auteur").permissions.all()}
    redacteur = {p.codename for p in Group.objects.get(name="Redacteur").permissions.all()}
    assert {"add_post", "change_post", "view_post", "view_tag"} <= auteur
    assert not auteur & {"publish_post", "delete_post", "add_series", "change_source"}
    assert {"publish_post", "delete_post", "change_series", "change_source", "add_tag"} <= redacteur


@pytest.mark.django_db
def test_an_auteur_writes_a_draft_of_their_own_even_when_the_post_says_published(auteur):
    page = auteur.get("/admin/posts/post/add/").content.decode()
    data = form_data(page, form_id="post_form")
    assert "status" not in data and "publish_at_0" not in data
    data.update(title="Nieuw", slug="nieuw", body="Tekst.", status="published")
    data.update(publish_at_0="2020-01-01", publish_at_1="10:00:00")
    assert auteur.post("/admin/posts/post/add/", data).status_code == 302
    post = Post.objects.get(slug="nieuw")
    assert post.status == Post.Status.DRAFT
    assert [a.user for a in post.authors.all()] == [auteur.user]


@pytest.mark.django_db
def test_a_crafted_post_cannot_publish_an_auteurs_own_draft(auteur, own_post):
    assert _change(auteur, own_post, status="published", title="Anders").status_code == 302
    post = Post.objects.get(pk=own_post.pk)
    assert (post.title, post.status) == ("Anders", Post.Status.DRAFT)


@pytest.mark.django_db
def test_an_auteur_cannot_open_or_change_another_authors_post(auteur, own_post, make_post):
    other = make_post(title="Van een ander", body="Niet aankomen.")
    url = f"/admin/posts/post/{other.pk}/change/"
    assert auteur.get(url).status_code in (302, 403, 404)
    response = auteur.post(url, {"title": "Overschreven", "body": "Weg.", "slug": other.slug})
    assert response.status_code in (302, 403, 404)
    assert Post.objects.get(pk=other.pk).title == "Van een ander"
    listing = auteur.get("/admin/posts/post/").content.decode()
    assert "Eigen stuk" in listing and "Van een ander" not in listing
    assert auteur.get(f"/admin/posts/post/{other.pk}/history/").status_code in (302, 403, 404)
    preview = auteur.get(f"/admin/posts/post/{other.pk}/history/compare/")
    assert preview.status_code in (302, 403, 404)


@pytest.mark.django_db
def test_an_auteur_has_no_publish_action_and_a_crafted_one_changes_nothing(auteur, own_post):
    listing = auteur.get("/admin/posts/post/").content.decode()
    assert 'value="publish"' not in listing and 'value="unpublish"' not in listing
    auteur.post(
        "/admin/posts/post/",
        {"action": "publish", "_selected_action": [own_post.pk], "index": 0},
    )
    assert Post.objects.get(pk=own_post.pk).status == Post.Status.DRAFT


@pytest.mark.django_db
def test_an_auteur_cannot_delete_or_manage_series_tags_and_sources(auteur, own_post):
    assert (
        auteur.post(f"/admin/posts/post/{own_post.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Post.objects.filter(pk=own_post.pk).exists()
    for url in ("/admin/series/series/add/", "/admin/posts/tag/add/", "/admin/sources/source/add/"):
        assert auteur.get(url).status_code == 403, url
    # Sources may be looked at (to cite them), not changed or merged.
    sources = auteur.get("/admin/sources/source/").content.decode()
    assert 'value="merge' not in sources


@pytest.mark.django_db
def test_restoring_a_published_revision_does_not_publish_for_an_auteur(auteur, redacteur, own_post):
    _change(redacteur, own_post, status="published")
    published = Post.objects.get(pk=own_post.pk).history.order_by("-history_date").first()
    redacteur.post(
        "/admin/posts/post/",
        {"action": "unpublish", "_selected_action": [own_post.pk], "index": 0, "post": "yes"},
    )
    assert Post.objects.get(pk=own_post.pk).status == Post.Status.DRAFT
    url = f"/admin/posts/post/{own_post.pk}/history/{published.history_id}/"
    data = form_data(auteur.get(url).content.decode(), form_id="historicalpost_form")
    data["status"] = "published"
    assert auteur.post(url, data).status_code == 302
    assert Post.objects.get(pk=own_post.pk).status == Post.Status.DRAFT


@pytest.mark.django_db
def test_an_auteur_offers_a_draft_for_review_and_a_redacteur_sees_and_publishes_it(
    auteur, redacteur, own_post
):
    assert _change(auteur, own_post, submit_for_review="on").status_code == 302
    assert Post.objects.get(pk=own_post.pk).review_requested_at is not None
    waiting = redacteur.get("/admin/posts/post/?publication=review").content.decode()
    assert "Eigen stuk" in waiting
    redacteur.post(
        "/admin/posts/post/",
        {"action": "publish", "_selected_action": [own_post.pk], "index": 0, "post": "yes"},
    )
    post = Post.objects.get(pk=own_post.pk)
    assert (post.status, post.review_requested_at) == (Post.Status.PUBLISHED, None)
    assert (
        "Eigen stuk" not in redacteur.get("/admin/posts/post/?publication=review").content.decode()
    )


@pytest.mark.django_db
def test_a_redacteur_edits_and_schedules_every_post_and_manages_the_register(redacteur, make_post):
    post = make_post(title="Van iemand", status=Post.Status.DRAFT)
    response = _change(
        redacteur, post, status="published", publish_at_0="2099-01-01", publish_at_1="09:00:00"
    )
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).is_scheduled
    for url in ("/admin/series/series/add/", "/admin/posts/tag/add/", "/admin/sources/source/"):
        assert redacteur.get(url).status_code == 200, url
