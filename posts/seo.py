"""Structured data (schema.org JSON-LD) for article pages and lists."""

from django.conf import settings
from django.http import HttpRequest

from posts.validators import is_web_url


def blog_posting(post, request: HttpRequest) -> dict:
    """A BlogPosting with its authors, keywords and a ``citation`` list of registered sources.

    Expects ``post.citations`` prefetched with their sources.
    """
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.meta_description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": settings.LANGUAGE_CODE,
        "datePublished": post.publish_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "wordCount": post.word_count,
        "timeRequired": f"PT{post.reading_minutes}M",
        "author": [
            {"@type": "Person", "name": a.name, **({"url": a.url} if is_web_url(a.url) else {})}
            for a in post.authors.all()
        ],
        "keywords": [tag.name for tag in post.tags.all()],
        "publisher": {"@type": "Organization", "name": settings.BLOG["TITLE"]},
    }
    seen: set[int] = set()
    citations = []
    for citation in post.citations.all():
        source = citation.source
        if source is None or source.pk in seen:
            continue
        seen.add(source.pk)
        item = {"@type": "CreativeWork", "name": source.title or source.publisher}
        item["publisher"] = {"@type": "Organization", "name": source.publisher}
        if is_web_url(source.url):
            item["url"] = source.url
        citations.append(item)
    if citations:
        data["citation"] = citations
    if post.cover_image:
        data["image"] = request.build_absolute_uri(post.cover_image.url)
    return data


def blog(request: HttpRequest) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Blog",
        "name": settings.BLOG["TITLE"],
        "description": settings.BLOG["DESCRIPTION"],
        "url": request.build_absolute_uri("/"),
        "inLanguage": settings.LANGUAGE_CODE,
    }
