"""``make bench`` runs: its target names a script that exists and every benchmark works."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_make_target_calls_a_script_that_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    scripts = re.findall(r"bench/[\w/]+\.py", recipe)
    assert scripts, recipe
    assert all((ROOT / script).is_file() for script in scripts), scripts


def test_every_benchmark_runs_and_prints_its_figures():
    result = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"seed .* render .* median .* ms", result.stdout)
    assert "import of the 5 seeds" in result.stdout
    assert re.search(r"^article\s+\d+ /", result.stdout, re.MULTILINE)
