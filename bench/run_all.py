"""Runs every benchmark in bench/ one after another and prints their figures (``make bench``).

    .venv/bin/python bench/run_all.py            # the full runs quoted in the README
    .venv/bin/python bench/run_all.py --quick    # a few runs each: checks they all work

The full run also loads servers with wrk (bench_http.py: ours, the framework floor, nginx,
Wagtail + Puput) and measures every page at 100,000 posts on PostgreSQL (bench_scale.py,
which builds that database once: about five minutes), and loads home, an article, search and
RSS for 60 s while an editor saves through the admin every second (bench_load.py).

Each script measures in its own process, so one's caches and connections never help another.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# script, full arguments, quick arguments (None: left out of the quick run)
BENCHES = [
    ("bench_render.py", [], ["--runs", "2"]),
    ("bench_import.py", [], ["--runs", "1"]),
    ("bench_pages.py", [], ["--posts", "5", "10", "--runs", "2"]),
    ("bench_http.py", [], None),
    ("bench_scale.py", [], None),
    ("bench_load.py", [], None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few runs each")
    options = parser.parse_args()
    failed = []
    for script, full, quick in BENCHES:
        arguments = quick if options.quick else full
        if arguments is None:
            continue
        print(f"== {script} {' '.join(arguments)}".rstrip(), flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(HERE / script), *arguments], check=False)
        print(f"   ({time.monotonic() - started:.1f} s)\n", flush=True)
        if result.returncode:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
