import pytest

from posts.models import Post
from tests.forms import form_data


def _submit(client, body: str, title: str = "Nieuw"):
    page = client.get("/admin/posts/post/add/").content.decode()
    data = form_data(page, form_id="post_form")
    data.update(title=title, slug="nieuw", body=body, status="published")
    return client.post("/admin/posts/post/add/", data, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Tekst.[^3]", "Regel 1: Voetnoot [^3] wordt gebruikt maar nergens gedefinieerd."),
        (
            "Tekst.[^a]\n\n[^a]: Een.\n[^a]: Twee.",
            "Regel 4: Voetnoot [^a] is meer dan eens gedefinieerd (eerst op regel 3).",
        ),
    ],
)
def test_broken_footnotes_block_the_save_with_a_message_naming_the_label(
    editor_client, body, message
):
    response = _submit(editor_client, body)
    assert message in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_an_unused_footnote_saves_with_a_warning(editor_client):
    response = _submit(editor_client, "Tekst zonder verwijzing.\n\n[^ongebruikt]: Een noot.")
    assert Post.objects.filter(slug="nieuw").exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("[^ongebruikt]" in m and "nergens gebruikt" in m for m in messages)


@pytest.mark.django_db
def test_a_post_written_in_the_admin_is_on_the_site(editor_client, client):
    _submit(editor_client, "Hallo.[^1]\n\n:::tip\nLet op.\n:::\n\n[^1]: **VNG** - Bron", "Hallo")
    post = Post.objects.get(slug="nieuw")
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'class="admonition admonition-tip"' in html
    assert 'id="fn-1"' in html


@pytest.mark.django_db
def test_the_desks_checks_are_reported_on_save_too(editor_client):
    body = "Tekst.[^1]\n\n![](https://example.org/x.png)\n\n[^1]: Een noot zonder bron.\n"
    response = _submit(editor_client, body)
    assert Post.objects.filter(slug="nieuw").exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Regel 3: Een afbeelding zonder beschrijving") for m in messages)
    assert any(m.startswith("Regel 4: Noot [^1] noemt geen bron") for m in messages)
