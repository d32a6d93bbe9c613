import io

import pytest
from django.core.management import call_command

from posts.models import Author, Post
from series.models import Series
from sources.models import Source


@pytest.mark.django_db
def test_demo_content_loads_idempotently_with_an_editor_account(tmp_path, monkeypatch):
    from blog_project.management.commands import load_demo

    monkeypatch.setattr(load_demo, "PASSWORD_FILE", tmp_path / "password")
    out = io.StringIO()
    call_command("load_demo", "--site-url", "http://127.0.0.1:9000", stdout=out)
    assert "http://127.0.0.1:9000/admin/" in out.getvalue()
    assert Post.objects.listed().count() == 3
    assert Author.objects.count() == 2
    series = Series.objects.get()
    assert list(series.entries.values_list("position", flat=True)) == [1, 2, 3]
    assert Source.objects.count() >= 4
    assert any("admonition" in post.body_html for post in Post.objects.all())
    revisions = Post.history.count()

    call_command("load_demo", stdout=io.StringIO())
    assert Post.objects.count() == 3
    assert Post.history.count() == revisions
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="redactie")
    assert editor.check_password((tmp_path / "password").read_text().strip())
