"""Times ``posts.rendering.render`` on the seed article and on a synthetic ~200 KB body.

Run from the repository root: ``.venv/bin/python bench/bench_render.py [--runs N]``.
"""

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_6075f65c31087083.txt"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
SYNTHETIC_BYTES = 200_000


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)
    django.setup()


def seed_body() -> str | None:
    """The seed article without its YAML front matter, or None when the seeds are absent."""
    if not SEED.is_file():
        return None
    return FRONT_MATTER.sub("", SEED.read_text(encoding="utf-8"), count=1)


def synthetic_body(size: int = SYNTHETIC_BYTES) -> str:
    """A citation-heavy body of at least ``size`` bytes using every feature of the pipeline."""
    sections: list[str] = []
    definitions: list[str] = []
    n = 0
    while sum(len(section.encode()) for section in sections) < size:
        n += 1
        sections.append(
            f"## Deel {n}: Risico's en Reëel beleid\n\n"
            f"Een alinea met *nadruk*, **vet**, `code` en een [link](https://example.com/{n}).[^n{n}]"
            " Verder een tweede zin die de alinea wat langer maakt, zoals in echte stukken."
            f" En nog een verwijzing.[^n{n}]\n\n"
            f":::warning Status {n}\nEen waarschuwing met een [link](/blog/{n}/).\n:::\n\n"
            f"```python\ndef deel_{n}(x):\n    return x * {n}\n```\n\n"
            f"| Jaar | Bedrag |\n|---|--:|\n| 2030 | {n}[^n{n}] |\n\n"
            f"### Onderdeel {n}\n\n- punt een\n- punt twee met ~~oud~~ nieuw\n\n"
        )
        definitions.append(
            f"- [^n{n}]: **Uitgever {n % 9}** - [Titel {n % 13}](https://example.org/{n})"
        )
    return "".join(sections) + "## Bronnen\n\n" + "\n".join(definitions) + "\n"


def time_render(text: str, runs: int, render: Callable[..., object]) -> tuple[float, float]:
    """Median and best milliseconds per render over ``runs`` renders (after one warm-up)."""
    render(text)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render(text)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), min(timings)


def main() -> None:
    """Prints milliseconds per render for each body, with and without ``source_url``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="renders per body (default 20)")
    args = parser.parse_args()
    _setup_django()
    from posts.rendering import render

    bodies = {"synthetic": synthetic_body()}
    seed = seed_body()
    if seed is None:
        print(f"seed file {SEED} not found; timing the synthetic body only")
    else:
        bodies = {"seed": seed, **bodies}

    def with_register(text: str) -> object:
        return render(text, source_url=lambda source: f"/sources/{len(source.title)}/")

    for name, text in bodies.items():
        for variant, function in (("render", render), ("render+source_url", with_register)):
            median, best = time_render(text, args.runs, function)
            size = len(text.encode()) / 1000
            print(
                f"{name:>9} {size:7.1f} KB  {variant:<18} "
                f"median {median:7.1f} ms  best {best:7.1f} ms  ({args.runs} runs)"
            )


if __name__ == "__main__":
    main()
