"""A body is rendered once per save that changes it, and never for a status change."""

import os
import shutil
import subprocess
import sys
from unittest import mock

import pytest

from blog_project.importing import import_paths
from posts import bodies
from posts.models import Post
from posts.rendering import render
from tests.conftest import REPO_ROOT
from tests.forms import form_data

BODY = "Tekst met een noot.[^1]\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/)\n"


@pytest.fixture
def renders():
    """Counts runs of the Markdown pipeline (every caller renders through posts.bodies)."""
    with mock.patch.object(bodies, "render", wraps=render) as counted:
        yield counted


@pytest.mark.django_db
def test_an_admin_save_that_changes_the_body_renders_it_once(editor_client, renders):
    page = editor_client.get("/admin/posts/post/add/").content.decode()
    data = form_data(page, form_id="post_form")
    data.update(title="Nieuw", slug="nieuw", body=BODY, status="published")
    response = editor_client.post("/admin/posts/post/add/", data)
    assert response.status_code == 302
    assert renders.call_count == 1
    post = Post.objects.get(slug="nieuw")
    # The one rendering still links the note to the source it registered.
    assert 'class="footnote-source" href="/sources/cbs-cijfers/"' in post.body_html
    assert post.citations.get().source.publisher == "CBS"


@pytest.mark.django_db
def test_an_admin_save_that_leaves_the_body_alone_renders_nothing(
    editor_client, make_post, renders
):
    post = make_post(body=BODY.strip())
    renders.reset_mock()
    url = f"/admin/posts/post/{post.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), form_id="post_form")
    # Opening the form checks the stored body once (the checklist before publishing).
    renders.reset_mock()
    data["title"] = "Andere titel"
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends it
    assert editor_client.post(url, data).status_code == 302
    assert renders.call_count == 0
    assert Post.objects.get(pk=post.pk).title == "Andere titel"


@pytest.mark.django_db
def test_an_import_renders_each_body_once(tmp_path, renders, seeds_dir):
    shutil.copy(seeds_dir / "000_6075f65c31087083.txt", tmp_path / "seed.md")
    report = import_paths([tmp_path])
    assert report.created == 1
    assert renders.call_count == 1
    assert Post.objects.get().citations.count() == 39


@pytest.mark.django_db
def test_publishing_and_unpublishing_render_nothing(editor_client, make_post, renders):
    post = make_post(body=BODY, status=Post.Status.DRAFT)
    renders.reset_mock()
    for action in ("publish", "unpublish"):
        response = editor_client.post(
            "/admin/posts/post/", {"action": action, "_selected_action": [post.pk], "post": "yes"}
        )
        assert response.status_code == 302
    assert renders.call_count == 0
    assert post.history.count() == 3


# Run in a fresh interpreter: this test process may hold other threads (a live server, the
# page cache's watcher), and render_bodies rightly refuses to fork then.
_BATCH_SCRIPT = """
import os, sys, django
django.setup()
from posts import bodies
calls = []
get_context = bodies.multiprocessing.get_context
bodies.multiprocessing.get_context = lambda method: calls.append(method) or get_context(method)
bodies.os.cpu_count = lambda: 2
batch = [f"# Deel {n}\\n\\n{sys.argv[1]}" for n in range(bodies.PARALLEL_FROM)]
rendered = bodies.render_bodies(batch)
alone = [bodies.render_body(body) for body in batch]
print(calls, [r.html for r in rendered] == [r.html for r in alone],
      [r.footnotes for r in rendered] == [r.footnotes for r in alone], len(rendered))
"""


def test_a_large_batch_is_rendered_on_every_core_with_the_same_result():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "blog_project.settings_test"}
    env.setdefault("DATABASE_URL", "sqlite://:memory:")
    done = subprocess.run(
        [sys.executable, "-c", _BATCH_SCRIPT, BODY],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split() == ["['fork']", "True", "True", str(bodies.PARALLEL_FROM)]


def test_a_small_batch_or_a_threaded_process_renders_in_this_process(monkeypatch):
    monkeypatch.setattr(
        bodies.multiprocessing, "get_context", mock.Mock(side_effect=AssertionError)
    )
    assert len(bodies.render_bodies([BODY] * 3)) == 3
    monkeypatch.setattr(bodies.threading, "active_count", lambda: 2)
    assert len(bodies.render_bodies([BODY] * bodies.PARALLEL_FROM * 2)) == bodies.PARALLEL_FROM * 2
