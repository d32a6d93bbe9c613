"""The colour scheme toggle in the header (static/js/scheme.js): light, dark or the system's."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIGHT_BG = "rgb(253, 252, 248)"  # --bg in site.css
DARK_BG = "rgb(22, 24, 27)"
# The system's scheme, and the reader's choice overriding it or not.
SCHEMES = [("light", "system"), ("dark", "system"), ("dark", "light"), ("light", "dark")]
# What a page looks like in one scheme: the palette and code colours, where they are used.
LOOK = """() => {
  const root = getComputedStyle(document.documentElement);
  const style = selector => getComputedStyle(document.querySelector(selector));
  const palette = Object.fromEntries([...root].filter(name => name.startsWith('--'))
    .map(name => [name, root.getPropertyValue(name).trim()]));
  return {
    palette,
    colorScheme: root.colorScheme,
    body: [style('body').backgroundColor, style('body').color],
    link: style('main a').color,
    code: [style('.highlight').backgroundColor, style('.highlight span[class]').color],
  };
}"""
# Runs before the page's own scripts; its frame callback runs before the first paint (no frame
# is drawn while the head's stylesheets and scripts block rendering): what the reader sees first.
FIRST_FRAME = """requestAnimationFrame(() => {
  const root = getComputedStyle(document.documentElement);
  window.firstFrame = {
    theme: document.documentElement.getAttribute('data-theme'),
    bg: root.getPropertyValue('--bg').trim(),
    colorScheme: root.colorScheme,
  };
});"""


def body_background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def choose(page, scheme: str) -> None:
    page.locator(f"label[for='scheme-{scheme}']").click()


def test_the_toggle_switches_the_scheme_and_remembers_it_without_a_cookie(site, page, page_errors):
    page.goto(site.at("/blog/"))
    toggle = page.locator("#scheme-toggle")
    expect(toggle).to_be_visible()
    expect(toggle.get_by_role("radio")).to_have_count(3)
    expect(page.locator("#scheme-system")).to_be_checked()
    assert body_background(page) == LIGHT_BG
    cookies = page.context.cookies()

    choose(page, "dark")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert body_background(page) == DARK_BG
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    assert page.evaluate("localStorage.getItem('scheme')") == "dark"
    screenshot(page, "home-dark-chosen", full_page=False)

    page.reload()
    expect(page.locator("#scheme-dark")).to_be_checked()
    assert body_background(page) == DARK_BG
    page.get_by_role("link", name=site.first.title).first.click()
    expect(page).to_have_url(site.at(site.first.get_absolute_url()))
    expect(page.locator("#scheme-dark")).to_be_checked()
    assert body_background(page) == DARK_BG

    choose(page, "light")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert body_background(page) == LIGHT_BG
    page.emulate_media(color_scheme="dark")
    assert body_background(page) == LIGHT_BG  # the reader's choice beats the system's

    choose(page, "system")
    expect(page.locator("html")).not_to_have_attribute("data-theme", re.compile(".*"))
    assert page.evaluate("localStorage.getItem('scheme')") is None
    assert body_background(page) == DARK_BG
    assert page.context.cookies() == cookies
    assert page.evaluate("document.cookie") == ""
    assert page_errors == []  # the script is not refused by the Content-Security-Policy


def test_the_toggle_is_a_radio_group_used_by_keyboard_with_visible_focus(site, page):
    page.goto(site.at("/blog/"))
    group = page.locator("#scheme-toggle")
    expect(group).to_have_role("group")
    expect(group).to_have_accessible_name(re.compile(r"\w"))  # its legend
    expect(group.get_by_role("radio")).to_have_count(3)
    page.locator("#site-search-q").focus()
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # into the group, on the checked choice
    expect(page.locator("#scheme-system")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#scheme-dark")).to_be_checked()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    label = page.locator("label[for='scheme-dark']")
    assert label.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    screenshot(page, "scheme-toggle-focus", full_page=False)


@pytest.mark.parametrize(("width", "least"), [(1280, 24), (390, 44)])
def test_the_toggle_choices_are_big_enough_to_tap(site, browser, live_server, width, least):
    context = new_context(browser, live_server, viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(site.at("/blog/"))
        labels = page.locator(".scheme-toggle label")
        expect(labels).to_have_count(3)
        for box in (label.bounding_box() for label in labels.all()):
            assert box["width"] >= least and box["height"] >= least, box
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"home-{width}-toggle", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize(("system", "background"), [("light", LIGHT_BG), ("dark", DARK_BG)])
def test_without_javascript_the_system_scheme_holds_and_no_toggle_shows(
    site, browser, live_server, system, background
):
    context = new_context(browser, live_server, java_script_enabled=False, color_scheme=system)
    try:
        page = context.new_page()
        page.goto(site.at(site.first.get_absolute_url()))
        expect(page.locator("#scheme-toggle")).to_be_hidden()
        assert body_background(page) == background
    finally:
        context.close()


@pytest.mark.parametrize(
    ("system", "choice", "theme", "bg", "color_scheme"),
    [
        ("dark", "light", "light", "#fdfcf8", "light"),
        ("light", "dark", "dark", "#16181b", "dark"),
        ("dark", "system", None, "#16181b", "dark"),
    ],
)
def test_a_stored_choice_holds_from_the_first_paint(
    site, browser, live_server, system, choice, theme, bg, color_scheme
):
    context = new_context(browser, live_server, color_scheme=system)
    try:
        page = context.new_page()
        page.goto(site.at("/blog/"))
        choose(page, choice)
        context.add_init_script(FIRST_FRAME)
        page = context.new_page()
        page.goto(site.at(site.first.get_absolute_url()), wait_until="commit")
        # Polled from here: wait_for_function evaluates its predicate with eval, which the
        # page's Content-Security-Policy refuses when the first check does not pass yet.
        for _ in range(200):
            if page.evaluate("window.firstFrame !== undefined"):
                break
            page.wait_for_timeout(25)
        first = page.evaluate("window.firstFrame")
        assert first == {"theme": theme, "bg": bg, "colorScheme": color_scheme}
    finally:
        context.close()


def test_the_dark_palette_is_the_same_chosen_or_from_the_system(site, browser, live_server):
    """site.css and pygments.css write the dark colours twice: for a dark system and for a
    reader who chose dark. Both, and both light ones, must look the same."""
    looks = {}
    for system, choice in SCHEMES:
        context = new_context(browser, live_server, color_scheme=system)
        try:
            page = context.new_page()
            page.goto(site.at(site.first.get_absolute_url()))
            choose(page, choice)
            looks[system, choice] = page.evaluate(LOOK)
        finally:
            context.close()

    light, dark = looks["light", "system"], looks["dark", "system"]
    assert light["body"][0] == LIGHT_BG and dark["body"][0] == DARK_BG
    assert len(dark["palette"]) > 10 and dark["palette"] != light["palette"]
    assert dark["code"] != light["code"]
    assert looks["dark", "light"] == {**light, "colorScheme": "light"}
    assert looks["light", "dark"] == dark


@pytest.mark.parametrize("width", [1280, 390])
def test_showing_the_toggle_shifts_no_layout(site, browser, live_server, width):
    context = new_context(browser, live_server, viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(site.at("/blog/"))
        expect(page.locator("#scheme-toggle")).to_be_visible()
        shifts = page.evaluate(
            """() => new Promise(resolve => {
                new PerformanceObserver(list => resolve(list.getEntries().map(e => e.value)))
                    .observe({type: 'layout-shift', buffered: true});
                setTimeout(() => resolve([]), 500);  // no shift: the observer never calls
            })"""
        )
        assert shifts == []
    finally:
        context.close()


def test_print_shows_no_toggle_and_the_light_palette_whatever_was_chosen(
    site, browser, live_server
):
    context = new_context(browser, live_server, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site.at(site.first.get_absolute_url()))
        choose(page, "dark")
        page.emulate_media(media="print")
        expect(page.locator("#scheme-toggle")).to_be_hidden()
        look = page.evaluate(LOOK)
        assert look["palette"]["--bg"] == "#fdfcf8"
        assert look["code"][0] == "rgb(248, 248, 248)"  # Pygments' default background
    finally:
        context.close()
