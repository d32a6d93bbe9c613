"""No lost edits: two editors open the same post; the second save sees the first, loses nothing."""

import re
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from posts import conflicts
from posts.conflicts import body_diff
from posts.models import Post
from tests.forms import form_data

BODY = "Eerste alinea.\n\nTweede alinea over cijfers uit 2023.\n\nDerde alinea."


@pytest.fixture
def two_editors(db, editor):
    other = get_user_model().objects.create_superuser("anna", password="x", first_name="Anna")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    return first, second


def _open(client, post: Post) -> dict:
    page = client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    return form_data(page, form_id="post_form")


def _save(client, post: Post, data: dict):
    return client.post(f"/admin/posts/post/{post.pk}/change/", data)


@pytest.mark.django_db
def test_the_second_save_is_refused_with_the_other_change_shown_and_its_text_kept(
    two_editors, make_post
):
    post = make_post(title="Cijfers", body=BODY)
    first, second = two_editors
    opened_by_first, opened_by_second = _open(first, post), _open(second, post)

    opened_by_second["body"] = BODY.replace("2023", "2024")
    assert _save(second, post, opened_by_second).status_code == 302

    mine = BODY + "\n\nEen vierde alinea van de eerste redacteur."
    opened_by_first["body"] = mine
    response = _save(first, post, opened_by_first)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [e.code for e in form.non_field_errors().as_data()] == ["conflict"]
    html = response.content.decode()
    assert "Anna" in html and "body" in form.conflict.fields
    assert "<del>2023.</del>" in html and "<ins>2024.</ins>" in html
    # The editor's own text is still in the form, and the stored post is the other's.
    assert form_data(html, form_id="post_form")["body"] == mine
    assert Post.objects.get(pk=post.pk).body == BODY.replace("2023", "2024")

    # Having seen the change, the editor merges and saves again: now it goes through.
    merged = form_data(html, form_id="post_form")
    merged["body"] = mine.replace("2023", "2024")
    assert _save(first, post, merged).status_code == 302
    assert Post.objects.get(pk=post.pk).body == mine.replace("2023", "2024")


@pytest.mark.django_db
def test_saving_twice_from_one_form_in_turn_is_no_conflict(editor_client, make_post):
    post = make_post(body=BODY)
    data = _open(editor_client, post)
    data["title"] = "Nieuwe titel"
    assert _save(editor_client, post, data).status_code == 302
    again = _open(editor_client, post)
    again["body"] = BODY + "\n\nMeer."
    assert _save(editor_client, post, again).status_code == 302
    assert Post.objects.get(pk=post.pk).title == "Nieuwe titel"


@pytest.mark.django_db
def test_a_publish_action_in_between_is_a_conflict_naming_the_status(two_editors, make_post):
    post = make_post(body=BODY, status=Post.Status.DRAFT)
    first, second = two_editors
    data = _open(first, post)
    second.post(
        "/admin/posts/post/",
        {"action": "publish", "_selected_action": [post.pk], "index": 0, "post": "yes"},
    )
    data["title"] = "Anders"
    response = _save(first, post, data)
    assert response.status_code == 200
    # Publishing the draft also dated it now.
    assert response.context["adminform"].form.conflict.fields == ("status", "publish_at")
    assert Post.objects.get(pk=post.pk).title != "Anders"


def test_the_diff_marks_changed_words_and_escapes_the_text():
    diff = body_diff("Een <b>zin</b> met 12 woorden.\n\nRest.", "Een <b>zin</b> met 14 woorden.")
    assert "<del>12</del>" in diff and "<ins>14</ins>" in diff
    assert "&lt;b&gt;zin&lt;/b&gt;" in diff and "<b>" not in diff
    assert '<li class="diff-removed"><del>Rest.</del></li>' in diff
    assert body_diff("Gelijk.", "Gelijk.") == ""


@pytest.mark.django_db
def test_a_revision_shows_what_restoring_it_changes_before_it_is_restored(editor_client, make_post):
    post = make_post(body=BODY)
    data = _open(editor_client, post)
    data["body"] = BODY.replace("Derde alinea.", "Derde alinea, herschreven.")
    _save(editor_client, post, data)
    old = post.history.order_by("history_date").first()
    page = editor_client.get(f"/admin/posts/post/{post.pk}/history/{old.history_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<del>alinea, herschreven.</del>" in html and "<ins>alinea.</ins>" in html
    assert Post.objects.get(pk=post.pk).body.endswith("herschreven.")


@pytest.mark.django_db
def test_any_two_versions_can_be_compared(editor_client, make_post):
    # Whole seconds, as the admin's date fields send them: only title and body change.
    post = make_post(
        title="Een", body="Versie een.", publish_at=timezone.now().replace(microsecond=0)
    )
    for n, word in enumerate(["twee", "drie"], start=2):
        data = _open(editor_client, post)
        data.update(title=f"Titel {n}", body=f"Versie {word}.")
        assert _save(editor_client, post, data).status_code == 302
    first, _, third = post.history.order_by("history_date")
    url = f"/admin/posts/post/{post.pk}/history/compare/"
    html = editor_client.get(url, {"a": first.history_id, "b": third.history_id}).content.decode()
    assert "<del>een.</del>" in html and "<ins>drie.</ins>" in html
    differ = re.search(r"Velden die verschillen</h2>\s*<p>([^<]*)</p>", html)[1]
    with translation.override("nl"):
        names = [str(Post._meta.get_field(f).verbose_name) for f in ("title", "body")]
    assert differ == ", ".join(names)
    # Without a choice: the newest against the one before it.
    html = editor_client.get(url).content.decode()
    assert "<del>twee.</del>" in html and "<ins>drie.</ins>" in html
    history = editor_client.get(f"/admin/posts/post/{post.pk}/history/").content.decode()
    assert f'href="{url}"' in history


@pytest.mark.django_db
def test_comparing_needs_an_editor(client, make_post):
    post = make_post()
    response = client.get(f"/admin/posts/post/{post.pk}/history/compare/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_cannot_both_win(make_post, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one write at a time anyway)")
    user_model = get_user_model()
    clients = []
    for name in ("eva", "anna"):
        client = Client()
        client.force_login(user_model.objects.create_superuser(name, password="x"))
        clients.append(client)
    post = make_post(body=BODY)
    forms = [_open(client, post) for client in clients]
    newest = conflicts.newest_revision_id

    def slow_newest(post_id):
        found = newest(post_id)
        time.sleep(0.5)  # both saves are now certainly between reading and writing
        return found

    monkeypatch.setattr(conflicts, "newest_revision_id", slow_newest)
    statuses = {}

    def save(n):
        forms[n]["body"] = f"{BODY}\n\nVan redacteur {n}."
        try:
            statuses[n] = _save(clients[n], post, forms[n]).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses.values()) == [200, 302]
    winner = next(n for n, status in statuses.items() if status == 302)
    assert Post.objects.get(pk=post.pk).body.endswith(f"Van redacteur {winner}.")
