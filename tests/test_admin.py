"""Every admin page an editor can reach loads, for every registered model."""

import pytest
from django.contrib import admin
from django.urls import reverse

from posts.models import Author, Post, Tag
from series.models import Series
from sources.models import Citation, Source, SourceAlias

BODY = "Tekst met een noot.[^1]\n\n[^1]: **VNG** - [Samen organiseren](https://vng.nl/)"


@pytest.fixture
def one_of_each(make_post, make_author, make_tag, make_series):
    author, tag = make_author(), make_tag()
    post = make_post(body=BODY, authors=[author], tags=[tag])
    series = make_series(posts=[post])
    source = Source.objects.get()
    alias = SourceAlias.objects.create(key="oud|oud", slug="oud", source=source)
    return {
        Author: author,
        Tag: tag,
        Post: post,
        Series: series,
        Source: source,
        Citation: post.citations.get(),
        SourceAlias: alias,
    }


def _name(model, page: str) -> str:
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"


@pytest.mark.django_db
def test_every_project_model_is_registered_in_the_admin():
    for model in (Author, Tag, Post, Series, Source, Citation, SourceAlias):
        assert admin.site.is_registered(model), model


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Author, Tag, Post, Series, Source, Citation, SourceAlias])
def test_changelist_add_and_change_pages_load_for_a_superuser(editor_client, one_of_each, model):
    assert editor_client.get(reverse(_name(model, "changelist"))).status_code == 200
    assert editor_client.get(reverse(_name(model, "changelist")), {"q": "a"}).status_code == 200
    add = editor_client.get(reverse(_name(model, "add")))
    # Citations are derived from article bodies: the admin offers no add page for them.
    assert add.status_code == (403 if model is Citation else 200)
    change = editor_client.get(reverse(_name(model, "change"), args=[one_of_each[model].pk]))
    assert change.status_code == 200


@pytest.mark.django_db
def test_post_admin_uses_the_markdownx_editor(editor_client):
    page = editor_client.get(reverse("admin:posts_post_add")).content.decode()
    assert "markdownx" in page
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in page


@pytest.mark.django_db
def test_post_history_page_lists_revisions(editor_client, one_of_each):
    post = one_of_each[Post]
    post.title = "Nieuwe titel"
    post.save()
    page = editor_client.get(reverse("admin:posts_post_history", args=[post.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("/history/") >= 2


@pytest.mark.django_db
def test_publish_and_unpublish_actions_change_status(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT)
    url = reverse("admin:posts_post_changelist")
    # Each action asks first; "post" is the confirmation page's answer.
    editor_client.post(url, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"})
    draft.refresh_from_db()
    assert draft.status == Post.Status.PUBLISHED
    editor_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk], "post": "yes"})
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


@pytest.mark.django_db
def test_source_changelist_shows_how_many_articles_cite_each_source(editor_client, make_post):
    make_post(body=BODY)
    make_post(body=BODY)
    page = editor_client.get(reverse("admin:sources_source_changelist"))
    row = page.context["cl"].result_list[0]
    assert row.article_count == 2


@pytest.mark.django_db
def test_the_article_list_marks_only_unlisted_posts(editor_client, make_post):
    make_post(title="Gewoon")
    make_post(title="Verstopt", unlisted=True)
    html = editor_client.get("/admin/posts/post/").content.decode()
    assert "icon-no.svg" not in html and "icon-yes.svg" not in html
    rows = {title: html.split(title, 1)[1].split("</tr>", 1)[0] for title in ("Gewoon", "Verstopt")}
    assert "Niet vermeld" in rows["Verstopt"]
    assert "Niet vermeld" not in rows["Gewoon"]
