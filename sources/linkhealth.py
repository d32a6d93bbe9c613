"""What the link checks mean for the register.

Each source keeps what its last check found (:func:`record_check`): the answer, the redirects,
when it last worked, how many checks failed in a row, and so its :class:`LinkState`; and an
archived copy, a Wayback Machine address for the date it was first cited (computed, never
fetched), that an editor can confirm or replace. When what readers see of a source changes (it
broke, it recovered, it got an archived copy), the articles citing it are rendered again, so
their notes say so. All of it runs in the worker (``sources.tasks``).
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from posts.models import Post
from posts.services import post_refresh
from sources.linkcheck import CheckResult, LinkChecker
from sources.models import LinkState, Source

WAYBACK = "https://web.archive.org/web/"
# What a check writes; saved together, and alone (not the source's reference fields).
LINK_FIELDS = [
    "link_state",
    "link_status",
    "link_checked_at",
    "link_final_url",
    "link_redirects",
    "link_working_at",
    "link_failures",
    "archive_url",
]


def archive_address(url: str, day: date) -> str:
    """The Wayback Machine's copy of ``url`` nearest to ``day`` (it redirects to the closest)."""
    return f"{WAYBACK}{day:%Y%m%d}/{url}"


def first_cited(source: Source) -> date:
    """The date the source was cited from: when the citing author accessed it, if an editor
    noted that, else the date of the first article that cites it, else today."""
    if source.accessed:
        return source.accessed
    first = Post.objects.filter(citations__source=source).aggregate(first=Min("publish_at"))
    return timezone.localdate(first["first"]) if first["first"] else timezone.localdate()


def sources_due(now: datetime | None = None) -> QuerySet[Source]:
    """Sources with an address that were never checked, not for ``EVERY_DAYS``, or (failing
    but not yet broken) not for ``RETRY_HOURS``."""
    config = settings.BLOG["LINK_CHECK"]
    now = now or timezone.now()
    stale = now - timedelta(days=config["EVERY_DAYS"])
    retry = now - timedelta(hours=config["RETRY_HOURS"])
    return Source.objects.exclude(url="").filter(
        Q(link_checked_at__isnull=True)
        | Q(link_checked_at__lt=stale)
        | (Q(link_failures__gt=0, link_checked_at__lt=retry) & ~Q(link_state=LinkState.BROKEN))
    )


def _shown(source: Source) -> tuple[bool, str]:
    """What readers see of the link: whether it is broken, and its archived copy."""
    return source.link_broken, source.archive_url


def apply_result(source: Source, result: CheckResult, now: datetime) -> None:
    """Writes ``result`` onto ``source`` (unsaved).

    A working answer (after redirects or not) is ok or redirected at once; an error answer
    that means "not here" (404, 410, 500...) is broken at once; no answer at all, or "try
    later" (429, 503), breaks the link only after ``FAILURES_BEFORE_BROKEN`` in a row, and
    until then leaves the state as it was.
    """
    source.link_checked_at = now
    source.link_status = result.status
    source.link_final_url = result.final_url
    source.link_redirects = [{"status": hop.status, "url": hop.url} for hop in result.hops]
    if result.works:
        source.link_failures = 0
        source.link_working_at = now
        source.link_state = LinkState.REDIRECTED if result.hops else LinkState.OK
    else:
        source.link_failures += 1
        limit = settings.BLOG["LINK_CHECK"]["FAILURES_BEFORE_BROKEN"]
        if result.gone or source.link_failures >= limit:
            source.link_state = LinkState.BROKEN
    if not source.archive_url:
        source.archive_url = archive_address(source.url, first_cited(source))


def record_check(source_id: int, url: str, result: CheckResult) -> Source | None:
    """Stores what checking ``url`` found on the source, if that is still its address, and
    renders its citing articles again when readers' view of it changed."""
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.url != url:
            return None  # deleted, or given another address while we were asking
        before = _shown(source)
        apply_result(source, result, timezone.now())
        changed = _shown(source) != before
        if changed:
            # A full save: the page cache learns that the source's page changed.
            source.save(update_fields=LINK_FIELDS)
        else:
            Source.objects.filter(pk=source.pk).update(
                **{name: getattr(source, name) for name in LINK_FIELDS}
            )
    if changed:
        refresh_citing_posts(source)
    return source


def refresh_citing_posts(source: Source) -> int:
    """Renders every article citing ``source`` again (their notes show its link state);
    returns how many."""
    posts = Post.objects.filter(pk__in=source.citations.values("post_id").distinct()).order_by("pk")
    count = 0
    for post in posts:
        post_refresh(post=post)
        count += 1
    return count


def check_source(source_id: int, *, requested_at: datetime | None = None) -> str:
    """Checks one source's address now and records it; returns its link state.

    A check asked for at ``requested_at`` is skipped when the source was checked since (two
    requests for one check, from the schedule and an editor, cost one).
    """
    source = Source.objects.filter(pk=source_id).only("url", "link_checked_at").first()
    if source is None or not source.url:
        return LinkState.UNCHECKED
    if requested_at and source.link_checked_at and source.link_checked_at >= requested_at:
        return Source.objects.values_list("link_state", flat=True).get(pk=source_id)
    result = LinkChecker.from_settings().check(source.url)
    recorded = record_check(source_id, source.url, result)
    return recorded.link_state if recorded else LinkState.UNCHECKED
