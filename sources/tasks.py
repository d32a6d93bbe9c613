"""The sources app's background tasks (Django's tasks framework), and how they are enqueued.

The worker (``manage.py db_worker``) runs them; a request or a command only enqueues.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from itertools import chain, zip_longest
from urllib.parse import urlsplit

from django.tasks import task
from django.utils import timezone

from sources import linkhealth
from sources.models import Source


@task()
def check_source_link(source_id: int, requested_at: str) -> str:
    """Checks one source's address (see :func:`sources.linkhealth.check_source`)."""
    return linkhealth.check_source(source_id, requested_at=datetime.fromisoformat(requested_at))


@task()
def refresh_source_citations(source_id: int) -> int:
    """Renders the articles citing a source again, after an editor changed its address or
    archived copy."""
    source = Source.objects.filter(pk=source_id).first()
    return linkhealth.refresh_citing_posts(source) if source else 0


def _hosts_in_turn(sources: Iterable[Source]) -> list[Source]:
    """The sources ordered one host after another (a, b, c, a, b, a...), so that the worker
    seldom waits out one host's rate limit while others are queued."""
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        by_host[(urlsplit(source.url).hostname or "").lower()].append(source)
    return [s for s in chain.from_iterable(zip_longest(*by_host.values())) if s is not None]


def enqueue_link_checks(sources: Iterable[Source]) -> int:
    """Enqueues a check of each source with an address; returns how many."""
    requested_at = timezone.now().isoformat()
    count = 0
    for source in _hosts_in_turn(s for s in sources if s.url):
        check_source_link.enqueue(source.pk, requested_at)
        count += 1
    return count
