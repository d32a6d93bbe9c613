"""Benchmark: importing the five seed files into an empty database, then again (a no-op).

Run from the repository root: ``.venv/bin/python bench/bench_import.py [--runs N] [--files N]``;
it uses a throwaway SQLite database. ``--files 1000`` also imports a folder of that many
Docusaurus posts (the seed article under new slugs and dates) in one run.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=0, help="also import a folder of N posts")
    options = parser.parse_args()
    runs = options.runs
    if not SEEDS.is_dir():
        print(f"seed content not found at {SEEDS}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog_project.settings_test")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        status = _measure(runs)
        if options.files:
            status = status or _measure_folder(options.files, Path(folder) / "blog")
        return status


def _measure(runs: int) -> int:
    from blog_project.importing import import_paths
    from posts.models import Author, Post, Tag
    from series.models import Series
    from sources.models import Source

    first, repeat = [], []
    for _ in range(runs):
        for model in (Post, Author, Tag, Series, Source):
            model.objects.all().delete()
        started = time.perf_counter()
        report = import_paths([SEEDS])
        first.append(time.perf_counter() - started)
        assert report.created == 5, report.summary()
        started = time.perf_counter()
        report = import_paths([SEEDS])
        repeat.append(time.perf_counter() - started)
        assert report.unchanged == 5, report.summary()
    print(f"import of the 5 seeds, empty database: {_figures(first)}")
    print(f"repeat import (no-op):                 {_figures(repeat)}")
    return 0


def _measure_folder(count: int, folder: Path) -> int:
    """Imports ``count`` Docusaurus files of the seed article's size in one run."""
    from blog_project.importing import import_paths

    seed = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    front, body = seed.split("---\n", 2)[1:]
    slug = next(line for line in front.splitlines() if line.startswith("slug:"))
    folder.mkdir()
    for n in range(count):
        day = f"2020-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        text = front.replace(slug, f"slug: artikel-{n}")
        (folder / f"{day}-artikel-{n}.md").write_text(f"---\n{text}---\n{body}", encoding="utf-8")
    started = time.perf_counter()
    report = import_paths([folder])
    seconds = time.perf_counter() - started
    assert report.created == count, report.summary()
    print(f"import of {count} Docusaurus files in one run: {seconds:.1f} s")
    return 0


def _figures(seconds: list[float]) -> str:
    best, median = min(seconds), sorted(seconds)[len(seconds) // 2]
    return f"best {best * 1000:.0f} ms, median {median * 1000:.0f} ms over {len(seconds)} runs"


if __name__ == "__main__":
    sys.exit(main())
