"""axe-core (bundled with axe-playwright-python, injected from disk) on every kind of page."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

PAGES = {
    "home": lambda site: "/blog/",
    "article": lambda site: site.first.get_absolute_url(),
    "article-last-part": lambda site: site.third.get_absolute_url(),
    "tag": lambda site: f"/blog/tags/{site.tag.slug}/",
    "tags": lambda site: "/blog/tags/",
    "series": lambda site: site.series.get_absolute_url(),
    "series-index": lambda site: "/series/",
    "sources": lambda site: "/sources/",
    "source": lambda site: site.source.get_absolute_url(),
    "search-results": lambda site: "/search/?q=bronnen",
    "search-nothing": lambda site: "/search/?q=xyzzyplugh",
    "search-empty": lambda site: "/search/",
    "archive": lambda site: "/blog/archive/",
    "author": lambda site: "/blog/authors/anna/",
    "404": lambda site: "/blog/dit-artikel-bestaat-niet/",
}
# The system's scheme, and the reader's choice in the header's toggle overriding it.
SCHEMES = [("light", "system"), ("dark", "system"), ("dark", "light"), ("light", "dark")]


def axe_violations(page) -> tuple[int, str]:
    """Runs axe in the page (injecting it once per document) and reports what it found."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_violations_in_light_and_dark(site, page, requests_made, name):
    response = page.goto(site.at(PAGES[name](site)))
    assert response.status == (404 if name == "404" else 200)
    loaded = len(requests_made.urls)
    reports = []
    for scheme, choice in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
        page.locator(f"label[for='scheme-{choice}']").click()
        assert page.evaluate("document.documentElement.dataset.theme || 'system'") == choice
        count, report = axe_violations(page)
        shown = scheme if choice == "system" else f"{choice}-on-{scheme}"
        if count:
            reports.append(f"{name} ({shown}): {report}")
        screenshot(page, f"{name}-{shown}")

    assert not reports, "\n".join(reports)
    # axe comes from the installed package and is run in the page: it fetches nothing (the
    # browser may still be asking for the favicon, lazily, after the load event).
    assert [url for url in requests_made.urls[loaded:] if not url.endswith("/favicon.svg")] == []
    assert requests_made.foreign() == []


def test_axe_finds_no_violations_with_a_footnote_popover_open(site, page):
    page.goto(site.at(site.first.get_absolute_url()))
    page.locator("#fnref-waag").focus()
    page.get_by_role("tooltip").wait_for()
    reports = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        count, report = axe_violations(page)
        if count:
            reports.append(f"article with popover ({scheme}): {report}")
        screenshot(page, f"article-popover-{scheme}", full_page=False)

    assert not reports, "\n".join(reports)
