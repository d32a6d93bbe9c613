"""An editor writes, previews and publishes an article in the admin."""

import re

import pytest
from playwright.sync_api import expect

from posts.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = """\
Een artikel dat in de beheeromgeving is geschreven, met een bron.[^1]

:::warning Nog niet af
Deze waarschuwing moet in de voorvertoning als kader verschijnen.
:::

[^1]: **Autoriteit Persoonsgegevens** - [Rapportage algoritmerisico's](https://www.autoriteitpersoonsgegevens.nl/)
"""


def test_an_editor_writes_previews_and_publishes_a_post(
    transactional_db, live_server, page, requests_made, page_errors, django_user_model
):
    django_user_model.objects.create_superuser("redactie", "redactie@example.org", "geheim-pw")

    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill("redactie")
    page.locator("#id_password").fill("geheim-pw")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.locator("#id_title").fill("Geschreven in de beheeromgeving")
    page.locator("#id_title").press("Tab")  # the admin fills in the slug on change
    expect(page.locator("#id_slug")).to_have_value("geschreven-in-de-beheeromgeving")

    preview = page.locator(".markdownx-preview")
    with page.expect_response(re.compile(r"/markdownx/markdownify/$")) as answer:
        page.locator("#id_body").fill(BODY)
    assert answer.value.ok
    # The preview is the public page's HTML: a linked footnote and a labelled admonition.
    expect(preview.locator("sup.footnote-ref a[href='#fn-1']")).to_have_text("1")
    expect(preview.locator(".footnotes li#fn-1")).to_contain_text("Rapportage algoritmerisico's")
    expect(preview.locator("aside.admonition-warning")).to_contain_text("Nog niet af")
    expect(preview.get_by_role("note")).to_contain_text("als kader verschijnen")

    page.locator("#id_status").select_option("published")
    page.locator("input[name='_save']").first.click()
    expect(page).to_have_url(re.compile(r"/admin/posts/post/$"))
    expect(page.locator(".messagelist")).to_contain_text("Geschreven in de beheeromgeving")
    assert Post.objects.get(slug="geschreven-in-de-beheeromgeving").is_published

    # Readers find it: on the home page (in a fresh, anonymous context) and in full.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/blog/")
    page.get_by_role("link", name="Geschreven in de beheeromgeving", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geschreven in de beheeromgeving")
    expect(page.get_by_role("note")).to_contain_text("Nog niet af")
    page.locator("#fnref-1").click()
    expect(page.locator("#fn-1")).to_be_in_viewport()
    assert requests_made.foreign() == []
    assert page_errors == []
