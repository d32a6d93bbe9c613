"""Citing an article: its reference (APA, BibTeX, RIS, CSL-JSON) and the Highwire Press
``citation_*`` tags that reference managers and scholarly indexes read."""

import json
import re
from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from posts import references
from posts.extensions import extensions
from posts.models import Post

# Name parts that belong to the family name in Dutch ("Jan de Vries" is "Vries, J. de"
# in some styles, but "de Vries, J." is how Dutch writers cite each other).
_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "von", "da"}


def person(name: str) -> dict:
    """A CSL name from an author's display name: the last word (with the particles before it)
    is the family name. A single word stays a name as written."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name.strip()}
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def article_csl(post: Post, request: HttpRequest) -> dict:
    """The article as a CSL-JSON item (a blog post in this blog)."""
    published = timezone.localtime(post.publish_at)
    item = {
        "id": post.slug,
        "type": "post-weblog",
        "title": post.title,
        "container-title": settings.BLOG["TITLE"],
        "URL": request.build_absolute_uri(post.get_absolute_url()),
        "issued": {"date-parts": [[published.year, published.month, published.day]]},
        "language": post.language,
    }
    if authors := [person(author.name) for author in post.bylines]:
        item["author"] = authors
    else:
        item["author"] = [{"literal": settings.BLOG["TITLE"]}]
    if post.meta_description:
        item["abstract"] = post.meta_description
    return item


def article_reference(post: Post, request: HttpRequest) -> str:
    """The article's reference in APA, as HTML; formatted once per version of the article in
    each process (no cache server needed: a page must render when it is down)."""
    item = article_csl(post, request)
    return _formatted(json.dumps(item, sort_keys=True), post.language)


@lru_cache(maxsize=2048)
def _formatted(item: str, language: str) -> str:
    return references.formatted([json.loads(item)], language=language)[0]


def citation_meta(post: Post, request: HttpRequest) -> list[tuple[str, str]]:
    """Highwire Press tags: title, authors, dates, language, and a ``citation_reference``
    for each cited source (the apps that know the sources add those)."""
    item = article_csl(post, request)
    day = timezone.localtime(post.publish_at).strftime("%Y/%m/%d")
    tags = [("citation_title", post.title)]
    tags += [("citation_author", _display(name)) for name in item["author"]]
    tags += [
        ("citation_publication_date", day),
        ("citation_online_date", day),
        ("citation_journal_title", settings.BLOG["TITLE"]),
        ("citation_language", post.language),
        ("citation_public_url", item["URL"]),
    ]
    for contribute in extensions.citation_meta:
        tags += contribute(post, request)
    return tags


def _display(name: dict) -> str:
    return f"{name['family']}, {name['given']}" if "family" in name else name["literal"]


def reference_text(item: dict) -> str:
    """A cited work as Highwire's ``citation_reference`` content: key=value parts."""
    parts = [("citation_title", item.get("title", ""))]
    parts += [("citation_author", _display(name)) for name in item.get("author", [])]
    if issued := item.get("issued", {}).get("date-parts", [[]])[0]:
        parts.append(("citation_publication_date", str(issued[0])))
    for key, field in (("publisher", "citation_publisher"), ("DOI", "citation_doi")):
        if item.get(key):
            parts.append((field, item[key]))
    if item.get("URL"):
        parts.append(
            ("citation_pdf_url" if item["URL"].endswith(".pdf") else "citation_url", item["URL"])
        )
    return "; ".join(f"{name}={re.sub(r'[;\n]', ' ', value)}" for name, value in parts if value)


def download(filename: str, content: str, extension: str) -> HttpResponse:
    """A reference file, named for saving."""
    response = HttpResponse(content, content_type=references.FORMATS[extension].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@require_safe
def cite_article(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """``/blog/<slug>/cite.<bib|ris|json>``: the article's own reference, to save."""
    if extension not in references.FORMATS:
        raise Http404
    post = get_object_or_404(Post.objects.published().prefetch_related("authors"), slug=slug)
    return download(
        post.slug, references.export([article_csl(post, request)], extension), extension
    )
