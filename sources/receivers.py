"""How the register follows the articles: connected in :class:`sources.apps.SourcesConfig`."""

from django.db.models import Min
from django.http import HttpRequest
from django.urls import reverse

from posts import references
from posts.citing import reference_text
from posts.models import Post
from posts.validators import is_web_url
from sources.models import Source
from sources.services import citations_sync


def sync_citations_of_written_body(sender, *, post: Post, rendered, links, **kwargs) -> None:
    """``posts.signals.post_body_written``: the notes and author-date citations of the new
    body have become citations."""
    citations_sync(
        post=post, footnotes=rendered.footnotes, links=links, author_date=rendered.author_date
    )


def cited_source_names(post: Post) -> list[str]:
    """What search should find an article by: the registered sources it cites."""
    names = Source.objects.filter(citations__post=post).values_list("publisher", "title")
    return [f"{publisher} {title}" for publisher, title in set(names)]


def cited_sources(post: Post) -> list[Source]:
    """The registered sources the post cites, each once, in the order its notes first cite
    them: one query, one row per source (not one per note), made once per post object (the
    JSON-LD, the citation tags and the downloads of one page share it)."""
    if "_cited_sources" not in post.__dict__:
        post._cited_sources = list(
            Source.objects.filter(citations__post=post)
            .annotate(first_note=Min("citations__order"))
            .defer("reference_html", "key")
            .order_by("first_note")
        )
    return post._cited_sources


def citation_references(post: Post, request: HttpRequest) -> list[tuple[str, str]]:
    """A Highwire ``citation_reference`` tag for each registered source the article cites."""
    return [("citation_reference", reference_text(s.to_csl())) for s in cited_sources(post)]


def article_bibliography(post: Post, request: HttpRequest) -> dict:
    """The article page's "download the sources of this article" links, when it cites any."""
    if not cited_sources(post):
        return {}
    links = [
        (fmt.label, reverse("article-sources", args=[post.slug, extension]))
        for extension, fmt in references.FORMATS.items()
    ]
    return {"bibliography_downloads": links}


def jsonld_citations(post: Post, request: HttpRequest) -> dict:
    """The article's ``citation`` list for schema.org."""
    citations = []
    for source in cited_sources(post):
        item = {
            "@type": "CreativeWork",
            "name": source.title or source.publisher,
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if is_web_url(source.url):
            item["url"] = source.url
        citations.append(item)
    return {"citation": citations} if citations else {}
