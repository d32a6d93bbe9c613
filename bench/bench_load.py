"""Load with editing: readers hammer the site while an editor saves through the admin.

    .venv/bin/python bench/bench_load.py [--duration 60] [--connections 64]

On 127.0.0.1, with PostgreSQL (its own database ``bronpunt_load``, made afresh) and the
project's own gunicorn configuration (``gunicorn.conf.py``, production settings behind a
TLS-terminating proxy), ``wrk`` loads the home page, an article, a search and the RSS feed at
once (the connections shared among them) while an editor logs in to the admin and saves a post
every second, each save appending a marked sentence to the body. Afterwards every save must be
in the database (the body holds every marker) with a revision of its own. Prints per page
requests/s, p50, p99, non-2xx/3xx answers and socket errors, then the editor's figures; exits
non-zero on any error, failed save or missing revision.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "load"
SEEDS = ROOT.parent / "shared" / "seeds"
PORT = 8131
ADMIN = ("load-editor", secrets.token_urlsafe(16))

sys.path.insert(0, str(ROOT))
from bench.bench_http import _wait  # noqa: E402
from tests.deploy.container_probe import SITE_HOST, Client, _form, _login  # noqa: E402


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="blog_project.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{SITE_HOST},127.0.0.1",
        DJANGO_HTTPS="true",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_CACHE_DIR=str(OUT / "cache"),
        DJANGO_AXES_ENABLED="false",
        DATABASE_URL=database_url,
        PORT=str(PORT),
        PYTHONPATH=str(ROOT),
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _fresh_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _prepare(env: dict[str, str]) -> tuple[str, list[int]]:
    """The database with the seed articles (else the demo), published; an editor account."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    _manage(env, "migrate", "-v", "0")
    _manage(env, "collectstatic", "--no-input", "-v", "0")
    content = SEEDS if SEEDS.is_dir() else ROOT / "demo"
    _manage(env, "import_posts", "--status", "published", str(content))
    script = (
        "from django.contrib.auth import get_user_model; from posts.models import Post; "
        f"get_user_model().objects.create_superuser({ADMIN[0]!r}, password={ADMIN[1]!r}); "
        "print(*Post.objects.order_by('pk').values_list('pk', flat=True)); "
        "print(Post.objects.order_by('-word_count').first().slug)"
    )
    ids, slug = _manage(env, "shell", "-c", script).strip().splitlines()[-2:]
    return f"/blog/{slug}/", [int(pk) for pk in ids.split()]


def _wrk(path: str, connections: int, duration: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"Host: {SITE_HOST}",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def _figures(text: str) -> dict[str, float]:
    def ms(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "requests": float(re.search(r"(\d+) requests in", text)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        "p50": ms(re.search(r"50%\s+([\d.]+\w+)", text)[1]),
        "p99": ms(re.search(r"99%\s+([\d.]+\w+)", text)[1]),
        "non_2xx": float(non_2xx[1]) if non_2xx else 0.0,
        "socket": float(sum(map(int, socket.groups()))) if socket else 0.0,
    }


class Editor(threading.Thread):
    """Saves a post through the admin every second, appending a marker, until stopped."""

    def __init__(self, post_ids: list[int]) -> None:
        super().__init__(daemon=True)
        self.post_ids = post_ids
        self.stop = threading.Event()
        self.saved: list[tuple[int, str]] = []
        self.failures: list[str] = []
        self.seconds: list[float] = []

    def run(self) -> None:
        client = Client(PORT)
        if _login(client, *ADMIN).status != 302:
            self.failures.append("login failed")
            return
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            post_id = self.post_ids[n % len(self.post_ids)]
            marker = f"Bewerking-onder-belasting-{n}."
            try:
                self._save(client, post_id, marker)
            except Exception as exc:  # a failed save is a finding, reported, not a crash
                self.failures.append(f"save {n} of post {post_id}: {exc}")
            self.seconds.append(time.monotonic() - started)
            n += 1
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))

    def _save(self, client: Client, post_id: int, marker: str) -> None:
        change = f"/admin/posts/post/{post_id}/change/"
        page = client.get(change)
        if page.status != 200:
            raise RuntimeError(f"form: {page.status}")
        fields = [
            (k, f"{v.rstrip()}\n\n{marker}\n" if k == "body" else v)
            for k, v in _form(page.text, "post_form")
        ]
        saved = client.request("POST", change, body=[*fields, ("_save", "Save")])
        if saved.status != 302:
            raise RuntimeError(f"save: {saved.status}")
        self.saved.append((post_id, marker))


def _verify(env: dict[str, str], saved: list[tuple[int, str]]) -> dict[str, int]:
    """How many saves are in their post's body, and how many have a revision of their own."""
    script = (
        "import json, sys; from posts.models import Post; "
        f"saved = {saved!r}; "
        "bodies = dict(Post.objects.values_list('pk', 'body')); "
        "in_body = sum(marker in bodies[pk] for pk, marker in saved); "
        "revisions = sum(Post.history.filter(id=pk, body__endswith=marker).exists() "
        "for pk, marker in saved); "
        "print(json.dumps({'in_body': in_body, 'revisions': revisions}))"
    )
    return json.loads(_manage(env, "shell", "-c", script).strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/bronpunt_load"
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 1
    env = _env(options.database_url)
    _fresh_database(options.database_url)
    article, post_ids = _prepare(env)
    pages = {"home": "/blog/", "article": article, "search": "/search/?q=bronnen"}
    pages["rss"] = "/blog/rss.xml"
    log = (OUT / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        try:
            _wait(f"http://127.0.0.1:{PORT}/healthz", seconds=60)
        except OSError:
            print("gunicorn did not come up; see", log.name, file=sys.stderr)
            return 1
        editor = Editor(post_ids)
        share = max(1, options.connections // len(pages))
        loads = {name: _wrk(path, share, options.duration) for name, path in pages.items()}
        editor.start()
        results = {name: _figures(process.communicate()[0]) for name, process in loads.items()}
        editor.stop.set()
        editor.join(timeout=30)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    checked = _verify(env, editor.saved)

    cores = os.cpu_count()
    print(
        f"{options.duration} s, {share * len(pages)} connections ({share} per page), gunicorn "
        f"from gunicorn.conf.py on {cores} cores, PostgreSQL, an editor saving every second"
    )
    print(
        f"{'page':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx/3xx':>13}"
        f"{'socket err':>12}"
    )
    for name, r in results.items():
        print(
            f"{name:<10}{r['requests']:>10.0f}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
            f"{r['non_2xx']:>13.0f}{r['socket']:>12.0f}"
        )
    seconds = sorted(editor.seconds) or [0.0]
    print(
        f"editor: {len(editor.saved)} saves, {len(editor.failures)} failed; a save took "
        f"{statistics.median(seconds) * 1000:.0f} ms median, {seconds[-1] * 1000:.0f} ms at most"
    )
    print(
        f"afterwards: {checked['in_body']} of {len(editor.saved)} saves in the posts' bodies, "
        f"{checked['revisions']} with a revision of their own"
    )
    for failure in editor.failures[:10]:
        print(f"  failed: {failure}")
    errors = sum(r["non_2xx"] + r["socket"] for r in results.values())
    lost = len(editor.saved) - min(checked["in_body"], checked["revisions"])
    return 1 if errors or editor.failures or lost or not editor.saved else 0


if __name__ == "__main__":
    sys.exit(main())
