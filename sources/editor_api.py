"""The editor's search over the register: what "Cite a source" offers while the writer types.

Staff only (an account that may write articles or see the register), read-only, one query per
request, a handful of results: the most cited sources first.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sources.models import Source, parse_creators

LIMIT = 12
MAX_WORDS = 6
FIELDS = ("id", "slug", "publisher", "title", "url", "creators", "issued")


def may_cite(user) -> bool:
    """Whether ``user`` may search the register from the editor."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (
            user.has_perm("posts.change_post")
            or user.has_perm("posts.add_post")
            or user.has_perm("sources.view_source")
        )
    )


def matching(query: str) -> QuerySet:
    """Sources whose publisher, title, address, authors or year hold every word of ``query``."""
    sources = Source.objects.all()
    for word in query.split()[:MAX_WORDS]:
        sources = sources.filter(
            Q(publisher__icontains=word)
            | Q(title__icontains=word)
            | Q(url__icontains=word)
            | Q(creators__icontains=word)
            | Q(issued__startswith=word)
        )
    return sources.order_by("-listed_articles", "publisher", "title")


def _authors(creators: str) -> str:
    names = parse_creators(creators)
    return "; ".join(name.get("literal") or f"{name['family']}, {name['given']}" for name in names)


@never_cache
@require_GET
def search(request: HttpRequest) -> JsonResponse:
    """``?q=words``: up to ``LIMIT`` sources as JSON, each with what a note needs."""
    if not may_cite(request.user):
        return JsonResponse({"error": _("Log in as an editor to search the sources.")}, status=403)
    query = request.GET.get("q", "").strip()[:200]
    rows = matching(query).values(*FIELDS)[:LIMIT]
    results = [
        {
            "id": row["id"],
            "publisher": row["publisher"],
            "title": row["title"],
            "url": row["url"],
            "authors": _authors(row["creators"]),
            "year": row["issued"][:4],
            "page": reverse("sources:detail", kwargs={"slug": row["slug"]}),
        }
        for row in rows
    ]
    return JsonResponse({"results": results})
