"""Pages of a list outside a ListView, with the same rules: ``?page=N``, a 404 beyond the end."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest


def page_of(request: HttpRequest, items, per_page: int, *, count: int | None = None) -> Page:
    """The requested page of ``items``; ``count``, when the caller knows it, saves a query."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: the known total instead of a COUNT
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404 from None


class DeferredJoinPaginator(Paginator):
    """Pages of a long list of posts: the page's ids come first from a narrow query the
    database answers from an index, then only those rows are read. A deep page (the last of
    100,000 posts) then skips index entries, not whole rows."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)
