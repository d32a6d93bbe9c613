from django.core.management.base import BaseCommand

from sources.linkhealth import sources_due
from sources.models import Source
from sources.tasks import enqueue_link_checks


class Command(BaseCommand):
    help = (
        "Enqueues a check of every source address that is due (never checked, or not for "
        "BLOG_LINK_CHECK_DAYS; a failing one after BLOG_LINK_CHECK_RETRY_HOURS); the worker "
        "(manage.py db_worker) runs them. Safe to run as often as you like: run it daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="every source with an address, due or not"
        )

    def handle(self, *args, **options) -> None:
        sources = Source.objects.exclude(url="") if options["all"] else sources_due()
        count = enqueue_link_checks(sources.only("pk", "url").order_by("pk"))
        self.stdout.write(f"Enqueued {count} link check(s).")
