"""Addresses and structured data (schema.org JSON-LD) for pages: one helper for each."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from posts import cards
from posts.extensions import extensions
from posts.validators import is_web_url

# Open Graph wants a territory: the site's languages and the one it is most read in.
_OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def canonical_url(request: HttpRequest) -> str:
    """The page's own address: its path on the canonical host, with ``?page=N`` kept for the
    pages of a list and every other parameter dropped."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def absolute_media_url(request: HttpRequest, file: FieldFile) -> str:
    """An uploaded file's absolute address: storages that serve elsewhere (S3) already give
    one; our own media are made absolute against the request."""
    url = file.url
    return url if urlsplit(url).scheme else request.build_absolute_uri(url)


def og_locale(language: str) -> str:
    return _OG_LOCALES.get(language, language.replace("-", "_"))


def blog_posting(post, request: HttpRequest) -> dict:
    """A BlogPosting with its authors and keywords, plus what the extending apps add
    (the ``citation`` list of registered sources)."""
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.meta_description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": post.language,
        "datePublished": post.publish_at.isoformat(),
        "dateModified": post.modified_at.isoformat(),
        "wordCount": post.word_count,
        "timeRequired": f"PT{post.reading_minutes}M",
        "author": [_person(author, request) for author in post.bylines],
        "keywords": [tag.name for tag in post.tags.all()],
        "publisher": {"@type": "Organization", "name": settings.BLOG["TITLE"]},
    }
    for contribute in extensions.jsonld:
        data.update(contribute(post, request))
    if post.cover_image:
        data["image"] = absolute_media_url(request, post.cover_image)
    elif post.is_published:
        data["image"] = cards.card_url(post, request)
    return data


def _person(author, request: HttpRequest) -> dict:
    person = {"@type": "Person", "name": author.name}
    if is_web_url(author.url):
        person["url"] = author.url
    if author.image:
        person["image"] = absolute_media_url(request, author.image)
    return person


def blog(request: HttpRequest) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Blog",
        "name": settings.BLOG["TITLE"],
        "description": settings.BLOG["DESCRIPTION"],
        "url": request.build_absolute_uri("/"),
        "inLanguage": settings.LANGUAGE_CODE,
    }
