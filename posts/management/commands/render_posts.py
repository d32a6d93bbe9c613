"""``manage.py render_posts``: every article's body rendered again with today's pipeline.

Bodies are rendered once, on save; after an upgrade that changes what the pipeline makes of
them (new markup for notes, citations in the text), this brings the stored HTML, the notes'
links to the register and the citations up to date. Articles are saved one at a time, each
in its own transaction; readers see no new update date.
"""

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from posts.models import Post
from posts.services import post_refresh


class Command(BaseCommand):
    help = "Renders every article's body again (after an upgrade of the Markdown pipeline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="Only these articles (default: all).")

    def handle(self, *args, **options) -> None:
        posts = Post.objects.order_by("pk")
        if options["slugs"]:
            posts = posts.filter(slug__in=options["slugs"])
        done = 0
        for pk in posts.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                post_refresh(post=Post.objects.select_for_update().get(pk=pk))
            done += 1
        self.stdout.write(f"{done} rendered")
