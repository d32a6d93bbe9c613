"""The byline names the authors in the order the file or the editor gives them."""

from posts.models import Author, Post
from tests.forms import form_data


def _authors(*names: str) -> list[Author]:
    return [Author.objects.create(key=name.lower(), name=name) for name in names]


def test_the_admin_keeps_the_order_the_editor_gives_and_shows_it_back(editor_client, make_post):
    flora, ally = _authors("Flora", "Ally")
    post = make_post(authors=[ally])
    page = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    data = form_data(page, form_id="post_form")
    data["authors"] = [str(flora.pk), str(ally.pk)]
    response = editor_client.post(f"/admin/posts/post/{post.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(pk=post.pk)
    assert [a.name for a in post.bylines] == ["Flora", "Ally"]
    page = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert form_data(page, form_id="post_form")["authors"] == [str(flora.pk), str(ally.pk)]
    article = editor_client.get(post.get_absolute_url()).content.decode()
    assert article.index(">Flora</a>") < article.index(">Ally</a>")


def test_authors_without_a_place_follow_by_name(make_post):
    flora, ally, bram = _authors("Flora", "Ally", "Bram")
    post = make_post()
    post.authors.set([flora, ally, bram])
    post.author_order = [bram.pk]
    assert [a.name for a in post.bylines] == ["Bram", "Ally", "Flora"]
