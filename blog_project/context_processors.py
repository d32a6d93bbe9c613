from django.conf import settings
from django.http import HttpRequest

from posts.seo import canonical_url

# (URL namespace, URL name or None for any) -> the header's section it belongs to.
_SECTIONS = {
    ("posts", "tags"): "tags",
    ("posts", "tag"): "tags",
    ("posts", "archive"): "archive",
    ("posts", "archive-month"): "archive",
    ("posts", None): "articles",
    ("series", None): "series",
    ("sources", None): "sources",
}


def site(request: HttpRequest) -> dict:
    """The blog's name and description, its language, the page's canonical address and the
    header section it is in (marked with aria-current)."""
    return {
        "blog": settings.BLOG,
        "site_language": settings.LANGUAGE_CODE,
        "canonical_url": canonical_url(request),
        "section": _section(request),
    }


def _section(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    namespace = match.namespace
    return _SECTIONS.get((namespace, match.url_name)) or _SECTIONS.get((namespace, None), "")
