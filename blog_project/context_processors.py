from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from posts.seo import canonical_url


@dataclass(frozen=True)
class NavSection:
    """One link of the header's main navigation: a section and the page it opens."""

    key: str
    label: Promise
    view_name: str


NAV_SECTIONS = (
    NavSection("articles", _("Articles"), "posts:list"),
    NavSection("series", _("Series"), "series:list"),
    NavSection("tags", _("Tags"), "posts:tags"),
    NavSection("sources", _("Sources"), "sources:list"),
    NavSection("archive", _("Archive"), "posts:archive"),
)

# (URL namespace, URL name or None for any) -> the header's section it belongs to.
_SECTIONS = {
    ("posts", "tags"): "tags",
    ("posts", "tag"): "tags",
    ("posts", "archive"): "archive",
    ("posts", "archive-month"): "archive",
    ("posts", None): "articles",
    ("", "search"): "articles",
    ("series", None): "series",
    ("sources", None): "sources",
}


@dataclass(frozen=True)
class NavLink:
    url: str
    label: Promise
    current: str  # the aria-current value: "page", "true" or "" when not current


def site(request: HttpRequest) -> dict:
    """The blog's name and description, its language, the page's canonical address, the
    header section the page is in and the header's links (the current one marked)."""
    section = _section(request)
    return {
        "blog": settings.BLOG,
        "site_language": settings.LANGUAGE_CODE,
        "canonical_url": canonical_url(request),
        "section": section,
        "main_nav": [
            NavLink(reverse(item.view_name), item.label, _current(request, item, section))
            for item in NAV_SECTIONS
        ],
    }


def _section(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    namespace = match.namespace
    return _SECTIONS.get((namespace, match.url_name)) or _SECTIONS.get((namespace, None), "")


def _current(request: HttpRequest, item: NavSection, section: str) -> str:
    """``page`` on the very page the link opens (its first page), ``true`` anywhere else in
    its section: an article, a tag, page 2 of the list."""
    if item.key != section:
        return ""
    match = request.resolver_match
    if match.view_name == item.view_name and request.GET.get("page", "1") == "1":
        return "page"
    return "true"
