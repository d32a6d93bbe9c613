"""Several gunicorn workers share the page cache: after an edit in another process, the next
request to every page that shows the post shows the edit, whichever worker answers."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "/blog/gedeeld/",
    "/blog/",
    "/blog/tags/gedeeld-label/",
    "/blog/authors/gedeelde-auteur/",
    "/series/gedeelde-reeks/",
    "/sources/cbs-cijfers/",
    "/blog/rss.xml",
    "/blog/atom.xml",
]
CREATE = """
from posts.models import Author, Post, Tag
from posts.services import post_write
from series.models import Series, SeriesEntry
post = post_write(post=Post(title="Oude titel", slug="gedeeld", status="published",
    body="Tekst.[^1]\\n\\n[^1]: **CBS** - [Cijfers](https://cbs.nl/)"))
post.tags.set([Tag.objects.create(name="Gedeeld label", slug="gedeeld-label")])
post.authors.set([Author.objects.create(key="gedeelde-auteur", name="Auteur")])
SeriesEntry.objects.create(series=Series.objects.create(title="Reeks", slug="gedeelde-reeks"),
    post=post, position=1)
"""
EDIT = """
from posts.models import Post
from posts.services import post_write
post = Post.objects.get(slug="gedeeld")
post.title = "Nieuwe titel"
post_write(post=post)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


@pytest.fixture
def site(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="blog_project.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_AXES_ENABLED="false",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "shell", "-c", CREATE], env=env, cwd=ROOT, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "/dev/null",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "blog_project.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(base + "/healthz")
            break
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield (
        base,
        lambda: subprocess.run([*manage, "shell", "-c", EDIT], env=env, cwd=ROOT, check=True),
    )
    server.terminate()
    server.wait(timeout=30)


def test_an_edit_in_another_process_shows_on_every_page_through_every_worker(site):
    base, edit = site
    for page in PAGES:
        answers = [_get(base + page) for _ in range(9)]  # enough for every worker to answer
        assert all("Oude titel" in body for _, body in answers), page
        assert "hit" in {how for how, _ in answers}, page
    edit()
    for page in PAGES:
        for how, body in (_get(base + page) for _ in range(9)):
            assert "Nieuwe titel" in body and "Oude titel" not in body, (page, how)
