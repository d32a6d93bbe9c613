"""Heading links and code copy buttons, added by static/js/reading.js."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_headings_get_a_link_and_code_a_copy_button_that_copies(site, browser, live_server):
    context = new_context(browser, live_server)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site.at(site.first.get_absolute_url()))
    headings = page.locator(".post-body h2[id]")
    anchors = page.locator(".post-body h2[id] > a.heading-anchor")
    expect(anchors).to_have_count(headings.count())
    first_id = headings.first.get_attribute("id")
    assert anchors.first.get_attribute("href") == f"#{first_id}"
    label = anchors.first.get_attribute("aria-label")
    assert label.startswith("Link naar deze sectie: ")

    button = page.get_by_role("button", name="Kopiëren")
    expect(button).to_have_count(1)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Gekopieerd")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(".post-body pre > code").first.inner_text()
    context.close()
