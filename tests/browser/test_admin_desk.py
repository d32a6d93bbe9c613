"""The writer's desk in Chromium: the admin home, the publishing preview and the bulk action
confirmation pass axe, in both colour schemes, with no script error and nothing fetched from
another site; the language switch in the header works."""

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import expect

from posts.models import Post
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe(page, selector: str = "html") -> tuple[int, str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    found = page.evaluate(
        "([selector, options]) => axe.run(selector, options)", [selector, AXE_OPTIONS]
    )
    results = AxeResults(found)
    return results.violations_count, results.generate_report()


def _log_in(page, live_server, django_user_model) -> None:
    django_user_model.objects.create_superuser("redactie", "redactie@example.org", "geheim-pw")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("redactie")
    page.locator("#id_password").fill("geheim-pw")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_desk_pages_pass_axe(
    site, page, live_server, django_user_model, requests_made, page_errors, scheme
):
    page.emulate_media(color_scheme=scheme)
    Post.objects.filter(pk=site.third.pk).update(status=Post.Status.DRAFT)
    _log_in(page, live_server, django_user_model)

    expect(page.locator(".home-new-link")).to_be_visible()
    count, report = _axe(page)
    assert count == 0, report

    page.goto(f"{live_server.url}/admin/posts/post/{site.first.pk}/change/")
    expect(page.locator("#before-publishing .search-result")).to_be_visible()
    count, report = _axe(page, "#before-publishing")
    assert count == 0, report

    page.goto(f"{live_server.url}/admin/posts/post/")
    page.locator(f"input[name=_selected_action][value='{site.third.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.locator("div.status-confirmation")).to_contain_text(site.third.title)
    count, report = _axe(page)
    assert count == 0, report
    page.locator("div.status-confirmation input[type=submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Post.objects.get(pk=site.third.pk).is_published

    assert not requests_made.foreign()
    assert not page_errors


def test_the_language_switch_in_the_header_turns_the_admin_english_and_back(
    transactional_db, page, live_server, django_user_model
):
    _log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/posts/post/")
    switch = page.get_by_role("navigation", name="Taal")
    switch.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/admin/posts/post/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Select article to change")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Selecteer artikel om te wijzigen")
