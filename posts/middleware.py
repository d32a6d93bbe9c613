"""Addresses of the site the articles came from, answered where Django found nothing."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from posts.models import FormerAddress


class FormerAddressMiddleware:
    """Turns a 404 for a recorded former address into a permanent redirect.

    Like django.contrib.redirects' fallback, it only looks when nothing else answered, so a
    page of ours always wins and a normal request costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = FormerAddress.objects.target_of(request.path)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
