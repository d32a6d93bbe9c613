import time

from django.core.management.base import BaseCommand, CommandParser

from blog_project.caching import content_changed
from blog_project.synthetic import Generator
from posts import counts


class Command(BaseCommand):
    help = (
        "Adds N realistic synthetic articles (Dutch text, 5-40 footnotes citing a pool of "
        "sources, tags, authors, series) for benchmarks; never on a real blog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="how many articles to add")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (repeatable)")
        parser.add_argument(
            "--bodies", type=int, default=300, help="distinct bodies rendered by the pipeline"
        )

    def handle(self, *args, count: int, seed: int, bodies: int, **options) -> None:
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        Generator(
            count,
            seed=seed,
            bodies=bodies,
            report=lambda line: verbose and self.stdout.write(f"  {line}"),
        ).run()
        counts.recount_all()  # rows were written in bulk, without the signals that count
        content_changed()
        self.stdout.write(f"Added {count} articles in {time.monotonic() - started:.1f} s.")
