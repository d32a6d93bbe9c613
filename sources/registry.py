"""Finding and creating sources for footnotes, and syncing an article's citations."""

import unicodedata
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.text import slugify

from posts.rendering import CitedSource, Footnote
from posts.validators import is_web_url
from sources.models import Citation, Source, SourceAlias

URL_MAX = Source._meta.get_field("url").max_length
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" .,;:")


def source_key(publisher: str, title: str) -> str:
    """What identifies a source: publisher and title, ignoring case, spacing and quote style."""
    return f"{_normalise(publisher)}|{_normalise(title)}"


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(base) or "bron")[:180].strip("-")
    slug, n = base, 2
    while slug in taken or Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def find_sources(cited: Iterable[CitedSource]) -> dict[str, Source]:
    """The registered sources for these notes, by key, merged sources resolved; creates nothing."""
    keys = {source_key(c.publisher, c.title) for c in cited}
    if not keys:
        return {}
    found = {s.key: s for s in Source.objects.filter(key__in=keys)}
    for alias in SourceAlias.objects.filter(key__in=keys - found.keys()).select_related("source"):
        found[alias.key] = alias.source
    return found


def ensure_sources(cited: Sequence[CitedSource]) -> dict[str, Source]:
    """Like :func:`find_sources`, creating the sources that are not registered yet."""
    found = find_sources(cited)
    taken: set[str] = set()
    for item in cited:
        key = source_key(item.publisher, item.title)
        source = found.get(key)
        # Only a web address becomes the source's address (no mailto:, ftp: or relative links).
        url = item.url if len(item.url) <= URL_MAX and is_web_url(item.url) else ""
        if source is None:
            source = Source(
                publisher=item.publisher.strip(),
                title=item.title.strip(),
                url=url,
                slug=_unique_slug(f"{item.publisher} {item.title}", taken),
            )
            source.save()
            found[key] = source
        elif url and not source.url:
            source.url = url
            source.save(update_fields=["url"])
    return found


def sync_citations(post, footnotes: Sequence[Footnote], sources: dict[str, Source]) -> None:
    """Replaces the post's citations with one per footnote, linked to ``sources``.

    ``sources`` maps source keys to registry entries, as :func:`ensure_sources` returns them.
    """
    with transaction.atomic():
        Citation.objects.filter(post=post).delete()
        Citation.objects.bulk_create(
            Citation(
                post=post,
                label=fn.label,
                order=fn.number,
                text=fn.text,
                source=sources.get(source_key(fn.source.publisher, fn.source.title))
                if fn.source
                else None,
            )
            for fn in footnotes
        )


@transaction.atomic
def merge_sources(target: Source, others: Iterable[Source]) -> int:
    """Folds ``others`` into ``target``: citations move, identities become aliases.

    Returns the number of citations moved. The articles' stored HTML is re-rendered so
    their notes link to the surviving source page.
    """
    from posts.models import Post

    others = [s for s in others if s.pk != target.pk]
    if not others:
        return 0
    moved = Citation.objects.filter(source__in=others).update(source=target)
    SourceAlias.objects.filter(source__in=others).update(source=target)
    SourceAlias.objects.bulk_create(
        SourceAlias(key=s.key, slug=s.slug, source=target) for s in others
    )
    if not target.url:
        target.url = next((s.url for s in others if s.url), "")
        target.save(update_fields=["url"])
    affected = Post.objects.filter(citations__source=target).distinct()
    Source.objects.filter(pk__in=[s.pk for s in others]).delete()
    for post in affected:
        post.save()
    return moved
