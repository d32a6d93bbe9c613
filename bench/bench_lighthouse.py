"""Lighthouse on every kind of public page, mobile and desktop presets, against gunicorn.

The demo content is loaded into a fresh SQLite database; Lighthouse (npm's ``lighthouse``,
installed into ``bench/out/lighthouse`` on first use) drives Debian's Chromium. Prints one
line per page and preset with the four category scores and the first and largest
contentful paint. Lighthouse's throttling is simulated, so the figures are comparable
between runs on a busy machine; the scores are what the issue asks for.

    .venv/bin/python bench/bench_lighthouse.py [--pages /blog/ /sources/]
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_http import OUT, ROOT, _gunicorn, _our_env, _server

TOOL = ROOT / "bench" / "out" / "lighthouse"
PORT = 8791
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def _lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if shutil.which("npm") is None:
            sys.exit("npm not found: install Node.js to run Lighthouse")
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(TOOL), "lighthouse@12"], check=True
        )
    return binary


def _prepare() -> list[str]:
    """A fresh database with the demo content; the paths of one page of each kind."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    env = _our_env()
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate"], ["collectstatic", "--no-input"], ["load_demo"]):
        subprocess.run([*manage, *command, "-v", "0"], env=env, cwd=ROOT, check=True)
    script = (
        "from posts.models import Post, Tag, Author; from series.models import Series;"
        "from sources.models import Source;"
        "p = Post.objects.listed().first(); t = Tag.objects.first(); a = Author.objects.first();"
        "s = Series.objects.first(); r = Source.objects.filter(listed_articles__gt=0).first();"
        "print(' '.join(o.get_absolute_url() for o in (p, t, s, r) if o));"
        "print(f'/blog/authors/{a.key}/' if a else '')"
    )
    found = subprocess.run(
        [*manage, "shell", "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [
        "/blog/",
        "/blog/archive/",
        "/blog/tags/",
        "/series/",
        "/sources/",
        "/search/?q=bron",
        *found,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", help="paths to measure (default: one of each kind)")
    args = parser.parse_args()
    lighthouse = _lighthouse()
    pages = args.pages or _prepare()
    env = _our_env()
    base = f"http://127.0.0.1:{PORT}"
    with _server(_gunicorn("blog_project.wsgi", PORT), env, f"{base}/blog/", OUT / "gunicorn.log"):
        for preset in ("mobile", "desktop"):
            for path in pages:
                report = OUT / f"lighthouse-{preset}-{len(path)}-{abs(hash(path))}.json"
                command = [str(lighthouse), base + path, "--quiet", "--output=json"]
                command += [f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"]
                if preset == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(
                    command,
                    check=False,
                    capture_output=True,
                    env={"CHROME_PATH": "/usr/bin/chromium", **_our_env()},
                )
                data = json.loads(report.read_text())
                scores = {k: round((v["score"] or 0) * 100) for k, v in data["categories"].items()}
                audits = data["audits"]
                paints = [
                    audits[k].get("displayValue", "-")
                    for k in ("first-contentful-paint", "largest-contentful-paint")
                ]
                print(f"{preset:8} {path:40} {scores}  FCP {paints[0]}  LCP {paints[1]}")


if __name__ == "__main__":
    main()
