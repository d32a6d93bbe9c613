"""Writes that keep the register and the articles' citations in step."""

from collections.abc import Iterable, Sequence

from django.db import transaction

from posts import counts
from posts.models import Post
from posts.rendering import AuthorDateCitation, Footnote
from posts.rendering.locators import find_locator
from posts.services import post_refresh
from sources.models import Citation, Source, SourceAlias
from sources.registry import RegistryLinks, find_sources


@transaction.atomic
def citations_sync(
    *,
    post: Post,
    footnotes: Sequence[Footnote],
    links: RegistryLinks | None = None,
    author_date: Sequence[AuthorDateCitation] = (),
) -> None:
    """Replaces the post's citations with one per footnote and one per author-date citation
    in the text (numbered after the notes), each linked to its source.

    ``links`` is the register's answer for these citations when the caller has it (a save);
    otherwise the sources are looked up.
    """
    if links is None:
        cited = [*(fn.source for fn in footnotes if fn.source), *(c.source for c in author_date)]
        links = RegistryLinks(find_sources(cited))
    former = set(
        Citation.objects.filter(post=post, source__isnull=False).values_list("source_id", flat=True)
    )
    Citation.objects.filter(post=post).delete()
    notes = [
        Citation(
            post=post,
            label=fn.label,
            anchor=fn.anchor,
            order=fn.number,
            text=fn.text,
            source=links.source_for(fn.source),
            locator_label=fn.locator_label,
            locator=fn.locator,
        )
        for fn in footnotes
    ]
    in_text = [
        Citation(
            post=post,
            label=citation.label,
            anchor=citation.anchor,
            order=len(footnotes) + citation.number,
            text=citation.text,
            source=links.source_for(citation.source),
            **_author_date_locator(citation.locator),
        )
        for citation in author_date
    ]
    Citation.objects.bulk_create([*notes, *in_text])
    cited = {source.pk for source in links.sources.values()}
    counts.recount_rows({counts.counter_for(Source): former | cited})


def _author_date_locator(written: str) -> dict:
    """'p. 12' of "(Baarsma, 2025, p. 12)" as a CSL label and value."""
    label, value, _written = find_locator(written) if written else ("", "", "")
    return {"locator_label": label, "locator": value}


@transaction.atomic
def sources_merge(*, target: Source, others: Iterable[Source]) -> int:
    """Folds ``others`` into ``target``: citations move, identities become aliases.

    Returns the number of citations moved. The citing articles are rendered again, so their
    notes link to the surviving source's page.
    """
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
    affected = list(Post.objects.filter(citations__source=target).distinct())
    Source.objects.filter(pk__in=[s.pk for s in others]).delete()
    for post in affected:
        post_refresh(post=post)
    counts.recount_rows({counts.counter_for(Source): {target.pk}})
    return moved
