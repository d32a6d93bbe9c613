"""A reader's path through the site, footnote popovers, and pages without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IN_VIEW = """el => {
  const box = el.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}"""


def in_view(locator) -> bool:
    return locator.evaluate(IN_VIEW)


def test_a_visitor_reads_follows_notes_and_browses(site, page, requests_made, page_errors):
    page.goto(site.at("/"))
    expect(page).to_have_url(re.compile(r"/blog/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Artikelen")

    page.get_by_role("link", name=site.first.title, exact=True).click()
    expect(page).to_have_url(site.at(site.first.get_absolute_url()))
    expect(page.get_by_role("heading", level=1)).to_have_text(site.first.title)
    expect(page.locator(".series-box")).to_contain_text("Deel 1 van 3")

    # Footnote 1: to the note, which is scrolled into view and focused, and back again.
    reference = page.locator("#fnref-1")
    note = page.locator("#fn-1")
    assert not in_view(note)
    reference.click()
    expect(page).to_have_url(re.compile(r"#fn-1$"))
    expect(note).to_be_in_viewport()
    expect(note).to_be_focused()
    expect(page.locator(":target")).to_have_attribute("id", "fn-1")

    note.locator(".footnote-backref").first.click()
    expect(page).to_have_url(re.compile(r"#fnref-1$"))
    expect(reference).to_be_in_viewport()
    expect(reference).to_be_focused()

    # On to the next part of the series.
    page.get_by_role("navigation", name="Vorig en volgend deel").get_by_role("link").click()
    expect(page).to_have_url(site.at(site.second.get_absolute_url()))
    expect(page.locator(".series-box")).to_contain_text("Deel 2 van 3")

    # A tag, from the article's tag list.
    page.get_by_role("list", name="Labels").get_by_role("link", name="Open source").click()
    expect(page).to_have_url(site.at("/blog/tags/open-source/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open source")
    expect(page.get_by_role("link", name=site.second.title, exact=True)).to_be_visible()

    # Search from the header.
    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("voetnoot")
    search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=voetnoot$"))
    expect(page.get_by_role("status")).to_contain_text("1 artikel")
    page.locator(".search-results").get_by_role("link", name=site.first.title).click()
    expect(page).to_have_url(site.at(site.first.get_absolute_url()))

    # A source page, from the registry.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bronnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bronnen")
    page.get_by_role("link", name=site.source.title).click()
    expect(page).to_have_url(site.at(site.source.get_absolute_url()))
    expect(page.get_by_role("heading", level=1)).to_have_text(site.source.title)
    cited = page.locator(".citing-articles")
    expect(cited.get_by_role("link", name=site.first.title)).to_be_visible()
    cited.get_by_role("link", name="1", exact=True).click()
    expect(page).to_have_url(re.compile(r"#fn-1$"))
    expect(page.locator("#fn-1")).to_be_in_viewport()

    assert requests_made.urls, "no requests were recorded"
    assert requests_made.foreign() == []
    assert page_errors == []


def test_a_footnote_shows_its_note_on_hover_and_on_focus(site, page, page_errors):
    page.goto(site.at(site.first.get_absolute_url()))
    url = page.url
    link = page.locator("#fnref-1")
    tooltip = page.get_by_role("tooltip")

    link.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Opwaarderen: borgen van publieke waarden")
    expect(tooltip).not_to_contain_text("↩")
    expect(link).to_have_attribute("aria-describedby", "footnote-popover")
    # WCAG 1.4.13: the pointer may move onto the popover without it disappearing.
    tooltip.hover()
    page.wait_for_timeout(400)
    expect(tooltip).to_be_visible()
    screenshot(page, "article-popover-hover", full_page=False)
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))

    # Keyboard: focus shows the note, Tab moves on (past a heading's link, if one is in
    # between) to the next reference and its note, Escape dismisses it while focus stays put.
    page.mouse.move(0, 0)
    link.focus()
    expect(tooltip).to_contain_text("Opwaarderen: borgen van publieke waarden")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "fnref-waag":
            break
        assert page.evaluate("document.activeElement.className") == "heading-anchor"
    expect(page.locator("#fnref-waag")).to_be_focused()
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_contain_text("Publieke waarden in technologie")
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)
    expect(page.locator("#fnref-waag")).to_be_focused()
    assert page.url == url
    assert page_errors == []


def test_without_javascript_notes_are_still_linked_both_ways(site, browser, live_server):
    context = new_context(browser, live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.at(site.first.get_absolute_url()))
        page.locator("#fnref-1").click()
        expect(page).to_have_url(re.compile(r"#fn-1$"))
        expect(page.locator("#fn-1")).to_be_in_viewport()
        expect(page.locator(":target")).to_have_attribute("id", "fn-1")
        expect(page.get_by_role("tooltip")).to_have_count(0)
        page.locator("#fn-1 .footnote-backref").first.click()
        expect(page).to_have_url(re.compile(r"#fnref-1$"))
        expect(page.locator("#fnref-1")).to_be_in_viewport()
        # Search is a plain form: it works without scripts too.
        page.get_by_role("search").first.get_by_role("searchbox").fill("rapport")
        page.keyboard.press("Enter")
        expect(page.locator(".search-results")).to_contain_text(site.first.title)
    finally:
        context.close()


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(site, page):
    page.goto(site.at(site.first.get_absolute_url()))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_text("Naar de inhoud")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("which", ["home", "article"])
def test_no_horizontal_scrolling_at_320_pixels(site, browser, live_server, which):
    context = new_context(browser, live_server, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        path = "/blog/" if which == "home" else site.first.get_absolute_url()
        page.goto(site.at(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > 320.5)
                .filter(el => !el.closest('pre, table, .highlight'))
                .map(el => el.tagName.toLowerCase() + '.' + el.className).slice(0, 10)"""
        )
        assert width <= 320, f"document is {width}px wide; too wide: {wide}"
        screenshot(page, f"{which}-320")
    finally:
        context.close()
