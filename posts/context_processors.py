from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The blog's name and description, for every template."""
    return {"blog": settings.BLOG}
