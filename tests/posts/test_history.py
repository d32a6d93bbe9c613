import pytest

from posts.models import Post
from posts.services import post_write
from tests.forms import form_data


@pytest.mark.django_db
def test_every_save_keeps_a_revision(make_post):
    post = make_post(body="Versie een.")
    post.body = "Versie twee."
    post.save()
    assert [h.body for h in post.history.order_by("history_date")] == [
        "Versie een.",
        "Versie twee.",
    ]


@pytest.mark.django_db
def test_an_edited_post_can_be_restored_to_its_previous_body(make_post):
    post = make_post(
        body="De oorspronkelijke tekst.[^1]\n\n[^1]: **VNG** - [Bron](https://vng.nl/)"
    )
    post.body = "Een slechte bewerking."
    post_write(post=post)
    assert post.citations.count() == 0

    previous = post.history.order_by("history_date").first()
    post_write(post=previous.instance)

    post = Post.objects.get(pk=post.pk)
    assert post.body.startswith("De oorspronkelijke tekst.")
    assert "De oorspronkelijke tekst." in post.body_html
    assert post.citations.get().source.publisher == "VNG"
    assert post.history.count() == 3


@pytest.mark.django_db
def test_an_editor_can_restore_a_revision_through_the_admin(make_post, editor_client):
    post = make_post(title="Titel", body="Goede tekst.")
    post.body = "Kapotte tekst."
    post.save()
    old = post.history.order_by("history_date").first()
    url = f"/admin/posts/post/{post.pk}/history/{old.history_id}/"
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "Goede tekst." in page.content.decode()

    data = form_data(page.content.decode(), form_id="historicalpost_form")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert Post.objects.get(pk=post.pk).body == "Goede tekst."


@pytest.mark.django_db
def test_the_revision_pages_speak_dutch(editor_client, make_post):
    post = make_post(title="Titel", body="Een.")
    post.body = "Twee."
    post.save()
    history = editor_client.get(f"/admin/posts/post/{post.pk}/history/").content.decode()
    assert "Kies hieronder een datum" in history and "Gewijzigd door" in history
    old = post.history.order_by("history_date").first()
    revision = editor_client.get(f"/admin/posts/post/{post.pk}/history/{old.history_id}/")
    html = revision.content.decode()
    assert "Terugzetten" in html and "Revert" not in html
    change = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "Aantal woorden" in change
