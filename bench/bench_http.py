"""Requests per second for one article, ours against the framework floor and the peers.

    .venv/bin/python bench/bench_http.py [--duration 10] [--connections 32] [--skip-peer]

Starts each server in turn on 127.0.0.1 (gunicorn with 2 sync workers for every Python
server), loads it with ``wrk -t2 -cN -dS --latency`` and prints requests/s, p50, p99 and the
ratios the performance issue asks for, all measured in this one run:

- ours, default set-up (SQLite, the page cache in a folder all workers share), warm;
- ours with ``REDIS_URL`` (the page cache in Redis), warm;
- ours with the page cache off: every request renders (cold);
- the framework floor: a Django view returning the same bytes, default middleware;
- plain Django views reading the same post through the ORM: one renders our article template
  with nothing loaded ahead, one a bare template with the stored body (bench/peers/plain_urls.py);
- nginx serving the same bytes as a static file (the limit);
- Wagtail 6.3 + Puput 2.2 showing the same article (installed in its own virtualenv with
  Django 5.2 on first use; if that is impossible here the row says why and the run goes on).

The article is the seed article (../shared/seeds/000...), else the longest demo article.
``wrk`` and ``nginx`` come from Debian's packages (``apt-get install wrk nginx``).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "http"
SEED = ROOT.parent / "shared" / "seeds" / "000_6075f65c31087083.txt"
PEER_VENV = ROOT / "bench" / "out" / "peer-venv"
PEER_PACKAGES = ["Django>=5.2,<5.3", "wagtail>=6.3,<6.4", "puput>=2.2,<2.3", "gunicorn"]
VENV_BIN = Path(sys.executable).parent
WORKERS = "2"


def _article_source() -> Path:
    if SEED.is_file():
        return SEED
    return max((ROOT / "demo").glob("*.md"), key=lambda p: p.stat().st_size)


def _our_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="blog_project.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{OUT / 'db.sqlite3'}",
        DJANGO_CACHE_DIR=str(OUT / "cache"),
        DJANGO_AXES_ENABLED="false",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra or {})
    return env


def _prepare() -> str:
    """A fresh SQLite database holding the article; returns its path on the site."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    env = _our_env()
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command, "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*manage, "import_posts", str(_article_source())],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    slug = subprocess.run(
        [*manage, "shell", "-c", "from posts.models import Post; print(Post.objects.get().slug)"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from posts.models import Post; Post.objects.update(status='published')",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return f"/blog/{slug}/"


def _wait(url: str, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def _server(command: list[str], env: dict[str, str], url: str, log: Path):
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            body = _wait(url)
            for _ in range(20):  # warm: fill the page cache, load the code in both workers
                _wait(url)
            yield body
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _gunicorn(app: str, port: int, python_bin: Path = VENV_BIN) -> list[str]:
    return [
        str(python_bin / "gunicorn"),
        "--config",
        "/dev/null",  # not the project's gunicorn.conf.py: the same plain set-up for every server
        "--threads",
        "1",
        "--workers",
        WORKERS,
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
        app,
    ]


def _wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    text = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", text)[1]),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", text)[1]),
        "errors": float(errors[1]) if errors else 0.0,
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _nginx(body: bytes, port: int) -> tuple[list[str], str]:
    root = OUT / "nginx"
    (root / "html").mkdir(parents=True, exist_ok=True)
    (root / "html" / "article.html").write_bytes(body)
    (root / "nginx.conf").write_text(
        f"""worker_processes {WORKERS};
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ text/html html; }}
  client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
  server {{ listen 127.0.0.1:{port}; root {root}/html; }}
}}
"""
    )
    return ["nginx", "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"], (
        f"http://127.0.0.1:{port}/article.html"
    )


def _peer() -> tuple[Path | None, str]:
    """The peer's virtualenv, made on first use, or None and why not."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        finder = subprocess.run(
            [str(ROOT / "scripts" / "find-python")], capture_output=True, text=True
        )
        if finder.returncode:
            return None, finder.stderr.strip()
        made = subprocess.run(
            [finder.stdout.strip(), "-m", "venv", str(PEER_VENV)], capture_output=True
        )
        if made.returncode:
            return None, "could not make a virtualenv for the peer"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES],
        capture_output=True,
        text=True,
    )
    if installed.returncode:
        last = (installed.stderr.strip().splitlines() or ["pip failed"])[-1]
        return None, f"could not install Wagtail and Puput: {last}"
    return PEER_VENV / "bin", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-peer", action="store_true", help="leave out Wagtail + Puput")
    options = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(f"{tool} is missing: apt-get install -y wrk nginx", file=sys.stderr)
            return 2
    article = _prepare()
    source = _article_source()
    rows: dict[str, dict[str, float] | str] = {}

    def measure(name: str, command: list[str], env: dict[str, str], url: str) -> bytes:
        with _server(
            command, env, url, OUT / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}.log"
        ) as body:
            rows[name] = _wrk(url, options.duration, options.connections)
        print(f"  measured {name}", file=sys.stderr, flush=True)
        return body

    wsgi = "blog_project.wsgi:application"
    body = measure(
        "ours, default (warm)", _gunicorn(wsgi, 8101), _our_env(), f"http://127.0.0.1:8101{article}"
    )
    redis_env = _our_env(
        {"REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")}
    )
    measure(
        "ours, Redis (warm)", _gunicorn(wsgi, 8102), redis_env, f"http://127.0.0.1:8102{article}"
    )
    cold_env = _our_env({"BLOG_PAGE_CACHE_SECONDS": "0"})
    measure(
        "ours, no page cache (cold)",
        _gunicorn(wsgi, 8103),
        cold_env,
        f"http://127.0.0.1:8103{article}",
    )
    floor_body = OUT / "article.html"
    floor_body.write_bytes(body)
    measure(
        "floor: constant bytes",
        _gunicorn("bench.peers.floor:application", 8104),
        {**_our_env(), "FLOOR_BODY": str(floor_body)},
        f"http://127.0.0.1:8104{article}",
    )
    plain_env = _our_env(
        {"DJANGO_SETTINGS_MODULE": "bench.peers.plain_settings", "BLOG_PAGE_CACHE_SECONDS": "0"}
    )
    # Django's own application, without our page-cache layer.
    plain_wsgi = "blog_project.wsgi:django_application"
    measure(
        "plain ORM view, our template",
        _gunicorn(plain_wsgi, 8105),
        plain_env,
        f"http://127.0.0.1:8105{article}",
    )
    measure(
        "plain ORM view, bare template",
        _gunicorn(plain_wsgi, 8108),
        plain_env,
        f"http://127.0.0.1:8108/bare{article}",
    )
    command, url = _nginx(body, 8106)
    measure("nginx, static file", command, os.environ.copy(), url)
    if options.skip_peer:
        rows["Wagtail 6.3 + Puput 2.2"] = "left out (--skip-peer)"
    else:
        peer_bin, why = _peer()
        if peer_bin is None:
            rows["Wagtail 6.3 + Puput 2.2"] = why
        else:
            peer_dir = OUT / "puput"
            peer_dir.mkdir(exist_ok=True)
            markdown = re.sub(
                r"\A---\n.*?\n---\n", "", source.read_text(encoding="utf-8"), flags=re.S
            )
            (peer_dir / "article.md").write_text(markdown, encoding="utf-8")
            peer_env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
                "PUPUT_DIR": str(peer_dir),
                "PUPUT_MARKDOWN": str(peer_dir / "article.md"),
                "PYTHONPATH": str(ROOT),
            }
            setup = subprocess.run(
                [
                    str(peer_bin / "python"),
                    str(ROOT / "bench" / "peers" / "puput_site.py"),
                    "setup",
                ],
                env=peer_env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if setup.returncode:
                rows["Wagtail 6.3 + Puput 2.2"] = "setup failed: " + setup.stderr.strip()[-200:]
            else:
                path = setup.stdout.split()[-1]
                command = _gunicorn("bench.peers.puput_site:application", 8107, peer_bin)
                measure(
                    "Wagtail 6.3 + Puput 2.2", command, peer_env, f"http://127.0.0.1:8107{path}"
                )

    print(
        f"\nOne article ({len(body) / 1024:.0f} KB), wrk -t2 -c{options.connections} "
        f"-d{options.duration}s, gunicorn {WORKERS} sync workers for every Python server\n"
    )
    print(f"{'server':32} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, row in rows.items():
        if isinstance(row, str):
            print(f"{name:32} {row}")
            continue
        figures = f"{row['rps']:11.0f} {row['p50']:8.2f} {row['p99']:8.2f} {row['errors']:7.0f}"
        print(f"{name:32} {figures}")

    def ratio(a: str, b: str) -> str:
        ra, rb = rows.get(a), rows.get(b)
        if not isinstance(ra, dict) or not isinstance(rb, dict):
            return "n/a"
        return f"{ra['rps'] / rb['rps']:.2f} x"

    warm, redis, cold = "ours, default (warm)", "ours, Redis (warm)", "ours, no page cache (cold)"
    floor, peer = "floor: constant bytes", "Wagtail 6.3 + Puput 2.2"
    print("\nratios (targets in brackets)")
    for label, a, b, target in (
        ("warm default / floor", warm, floor, "[>= 1.0]"),
        ("warm Redis / floor", redis, floor, "[>= 1.0]"),
        ("cold / plain ORM view, our template", cold, "plain ORM view, our template", "[>= 1.0]"),
        ("cold / plain ORM view, bare template", cold, "plain ORM view, bare template", ""),
        ("warm default / Wagtail+Puput", warm, peer, "[>= 40]"),
        ("cold / Wagtail+Puput", cold, peer, ""),
        ("nginx / warm default", "nginx, static file", warm, "(the limit)"),
    ):
        print(f"  {label:38} {ratio(a, b):>9}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
