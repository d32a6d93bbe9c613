from django.conf import settings
from django.http import HttpRequest

from posts.seo import canonical_url


def site(request: HttpRequest) -> dict:
    """The blog's name and description, its language and the page's canonical address."""
    return {
        "blog": settings.BLOG,
        "site_language": settings.LANGUAGE_CODE,
        "canonical_url": canonical_url(request),
    }
