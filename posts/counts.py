"""How many articles each tag, author, series and source shows, kept on its own row.

Counting at request time costs a scan that grows with the blog (the tags index of a blog with
100,000 posts counted 250,000 rows). Instead each counted model has a column with the number of
its posts that are published and not unlisted (scheduled ones included), recounted after every
change that can alter it; a page subtracts the few scheduled posts that are not visible yet
(:func:`visible`), so the figure is exact at every moment without any job at publication time.

``posts`` counts tags and authors; ``series`` and ``sources`` register their own
:class:`Counter` in their ``AppConfig.ready()``.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Func, IntegerField, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from posts.models import Post, PostStatus


@dataclass(frozen=True)
class Counter:
    """``model.field`` counts the posts that reach it by ``lookup`` (a path from Post);
    ``reverse`` is the path back from ``model`` to Post."""

    model: type[Model]
    field: str
    lookup: str
    reverse: str


COUNTERS: list[Counter] = []


def register(counter: Counter) -> None:
    if counter not in COUNTERS:
        COUNTERS.append(counter)


def counter_for(model: type[Model]) -> Counter:
    return next(counter for counter in COUNTERS if counter.model is model)


def _counted_posts():
    """What a stored count counts: published, not unlisted, whatever the publish date."""
    return Post.objects.filter(status=PostStatus.PUBLISHED, unlisted=False)


def recount(counter: Counter, ids: Iterable[int]) -> None:
    """Counts again, in one statement, the rows ``ids`` of ``counter.model``."""
    ids = sorted(set(ids))
    if not ids:
        return
    posts = _counted_posts().filter(**{counter.lookup: OuterRef("pk")}).order_by()
    count = Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
    number = Coalesce(Subquery(posts.annotate(n=count).values("n"), output_field=IntegerField()), 0)
    counter.model.objects.filter(pk__in=ids).update(**{counter.field: number})


def related(post_ids: Sequence[int]) -> dict[Counter, set[int]]:
    """The counted rows these posts reach now, per counter."""
    found = {}
    for counter in COUNTERS:
        rows = counter.model.objects.filter(**{f"{counter.reverse}__in": post_ids})
        found[counter] = set(rows.values_list("pk", flat=True))
    return found


class _PendingRecount:
    """The rows to count once more when the current transaction commits, gathered so that an
    import of a thousand posts counts each tag once more, not a thousand times."""

    def __init__(self) -> None:
        self.rows: dict[Counter, set[int]] = {}
        self.done = False

    def __call__(self) -> None:
        self.done = True
        with transaction.atomic():
            for counter, ids in self.rows.items():
                recount(counter, ids)


def _pending() -> _PendingRecount | None:
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _PendingRecount) and not callback.done:
            return callback
    return None


_batches: list[dict[Counter, set[int]]] = []


@contextmanager
def batched() -> Iterator[None]:
    """Gathers the recounts of a bulk write (an import) and does them once, at the end:
    a thousand posts with the same tag count that tag once, not a thousand times."""
    _batches.append({})
    try:
        yield
    finally:
        rows = _batches.pop()
    recount_rows(rows)


def recount_rows(rows: dict[Counter, set[int]]) -> None:
    """Counts these rows again now, so the transaction itself reads true counts, and once more
    after it commits: a concurrent transaction's posts, invisible to this one, are counted then.
    Inside :func:`batched` they are counted when the batch ends.
    """
    rows = {counter: ids for counter, ids in rows.items() if ids}
    if _batches:
        for counter, ids in rows.items():
            _batches[-1].setdefault(counter, set()).update(ids)
        return
    for counter, ids in rows.items():
        recount(counter, ids)
    if not rows or not connection.in_atomic_block:
        return
    pending = _pending()
    if pending is None:
        pending = _PendingRecount()
        transaction.on_commit(pending)
    for counter, ids in rows.items():
        pending.rows.setdefault(counter, set()).update(ids)


def recount_for_posts(post_ids: Sequence[int]) -> None:
    recount_rows(related(post_ids))


def recount_all() -> None:
    """Every count from scratch (after a bulk load or a restore)."""
    for counter in COUNTERS:
        recount(counter, counter.model.objects.values_list("pk", flat=True))


def scheduled(counter: Counter) -> dict[int, int]:
    """How many of each row's counted posts are scheduled: published, but not visible yet."""
    posts = _counted_posts().filter(publish_at__gt=timezone.now())
    rows = (
        posts.exclude(**{f"{counter.lookup}__isnull": True})
        .order_by()
        .values_list(counter.lookup)
        .annotate(n=Count("pk", distinct=True))
    )
    return dict(rows)


def visible(rows: Iterable[Model], counter: Counter, attribute: str = "count") -> list[Model]:
    """``rows`` with ``attribute`` set to the number of their posts visitors see now (one
    query over the scheduled posts), leaving out rows whose posts are all still scheduled."""
    not_yet = scheduled(counter)
    shown = []
    for row in rows:
        setattr(row, attribute, getattr(row, counter.field) - not_yet.get(row.pk, 0))
        if getattr(row, attribute) > 0:
            shown.append(row)
    return shown
