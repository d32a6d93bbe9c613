"""The correction log: a noted change is shown, dated, on the page, in feeds and in JSON-LD;
a save without a note changes nothing a reader sees."""

import json
import re
import shutil
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone, translation

from blog_project.importing import import_paths
from posts.models import Post
from tests.forms import form_data

NOTE = "Bijgewerkt: cijfers over 2024 gecorrigeerd"


def _edit(client, post: Post, **changes):
    url = f"/admin/posts/post/{post.pk}/change/"
    data = form_data(client.get(url).content.decode(), form_id="post_form")
    data.update(changes)
    return client.post(url, data)


def _jsonld_modified(html: str) -> str:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    posting = next(d for d in map(json.loads, blocks) if d["@type"] == "BlogPosting")
    return posting["dateModified"]


def _atom_updated(client, slug: str):
    feed = feedparser.parse(client.get("/blog/atom.xml").content)
    entry = next(e for e in feed.entries if e.link.rstrip("/").endswith(slug))
    return entry.updated_parsed


@pytest.fixture
def published(make_post):
    return make_post(
        title="Cijfers",
        slug="cijfers",
        body="In 2024 waren er 12 meldingen.",
        publish_at=timezone.now() - timedelta(days=30),
    )


@pytest.mark.django_db
def test_a_noted_change_shows_near_the_title_at_the_end_in_feeds_and_json_ld(
    editor_client, client, published
):
    response = _edit(
        editor_client, published, body="In 2024 waren er 14 meldingen.", update_note=f"  {NOTE} "
    )
    assert response.status_code == 302
    post = Post.objects.get(pk=published.pk)
    assert post.noted_update_at is not None
    assert [(c.note, c.noted_at) for c in post.corrections.all()] == [(NOTE, post.noted_update_at)]

    client.logout()
    with translation.override("nl"):
        html = client.get("/blog/cijfers/").content.decode()
    day = timezone.localtime(post.noted_update_at).strftime("%Y-%m-%d")
    header = html.split('class="post-header"')[1].split("</header>")[0]
    assert re.search(rf'class="updated">.*Bijgewerkt.*datetime="{day}T', header)
    history = html.split('id="update-history"')[1].split("</section>")[0]
    assert "Wijzigingen" in history and NOTE in history
    assert _jsonld_modified(html) == post.noted_update_at.isoformat()
    assert f'article:modified_time" content="{day}T' in html
    assert _atom_updated(client, "cijfers")[:3] == post.noted_update_at.utctimetuple()[:3]


@pytest.mark.django_db
def test_notes_accumulate_and_the_newest_dates_the_article(editor_client, published):
    _edit(editor_client, published, update_note="Eerste correctie")
    first = Post.objects.get(pk=published.pk).noted_update_at
    _edit(editor_client, Post.objects.get(pk=published.pk), update_note="Tweede correctie")
    post = Post.objects.get(pk=published.pk)
    assert [c.note for c in post.corrections.all()] == ["Eerste correctie", "Tweede correctie"]
    assert post.noted_update_at > first
    # The note is written once, with the save; the next form starts empty.
    page = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert form_data(page, form_id="post_form")["update_note"] == ""
    assert "Tweede correctie" in page


@pytest.mark.django_db
def test_a_save_without_a_note_changes_nothing_a_reader_sees(editor_client, client, published):
    before = client.get("/blog/cijfers/").content.decode()
    assert _edit(editor_client, published, body="In 2024 waren er 12 melding.").status_code == 302
    client.logout()
    html = client.get("/blog/cijfers/").content.decode()
    assert "12 melding." in html
    assert 'class="updated"' not in html and "update-history" not in html
    post = Post.objects.get(pk=published.pk)
    assert _jsonld_modified(html) == post.publish_at.isoformat()
    assert _jsonld_modified(before) == published.publish_at.isoformat()
    assert not post.corrections.exists()


@pytest.mark.django_db
def test_a_re_import_that_changes_a_post_adds_no_visible_update(client, tmp_path, seeds_dir):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    import_paths([folder], status=Post.Status.PUBLISHED)
    seed = next(folder.glob("000_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("AI", "KI", 1), encoding="utf-8")
    report = import_paths([folder], status=Post.Status.PUBLISHED)
    assert report.updated == 1
    post = Post.objects.get(slug=report.outcomes[0].slug)
    assert post.noted_update_at is None
    assert "update-history" not in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "new"])
def test_only_a_published_article_takes_an_update_note(editor_client, make_post, state):
    if state == "draft":
        post = make_post(status=Post.Status.DRAFT)
        response = _edit(editor_client, post, update_note=NOTE)
    else:
        page = editor_client.get("/admin/posts/post/add/").content.decode()
        data = form_data(page, form_id="post_form")
        data.update(title="Nieuw", slug="nieuw", body="Tekst.", update_note=NOTE)
        response = editor_client.post("/admin/posts/post/add/", data)
    assert response.status_code == 200
    assert "update_note" in response.context["adminform"].form.errors
    assert not Post.objects.filter(corrections__isnull=False).exists()


@pytest.mark.django_db
def test_an_article_with_update_notes_still_takes_few_queries(
    client, published, django_assert_max_num_queries, editor_client
):
    for n in range(3):
        _edit(editor_client, Post.objects.get(pk=published.pk), update_note=f"Correctie {n}")
    client.logout()
    with django_assert_max_num_queries(6):
        html = client.get("/blog/cijfers/").content.decode()
    assert all(f"Correctie {n}" in html for n in range(3))


@pytest.mark.django_db
def test_restoring_an_older_revision_keeps_the_update_history(editor_client, client, published):
    _edit(editor_client, published, body="In 2024 waren er 14 meldingen.", update_note=NOTE)
    post = Post.objects.get(pk=published.pk)
    old = post.history.order_by("history_date").first()
    url = f"/admin/posts/post/{post.pk}/history/{old.history_id}/"
    data = form_data(editor_client.get(url).content.decode(), form_id="historicalpost_form")
    assert editor_client.post(url, data).status_code == 302
    restored = Post.objects.get(pk=post.pk)
    assert restored.body == "In 2024 waren er 12 meldingen."
    assert restored.noted_update_at == post.noted_update_at
    client.logout()
    assert NOTE in client.get("/blog/cijfers/").content.decode()
