"""The writer's desk in the admin: an essay written with sources from the register, live checks,
an image dropped in, text recovered after a closed tab, and the published article's notes
linked to the register."""

import base64
import io
import re

import pytest
from django.core.cache import cache
from PIL import Image
from playwright.sync_api import expect

from posts.models import Author, Post, Tag
from sources.models import Citation, Source
from tests.browser.conftest import new_context, screenshot
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADD = "/admin/posts/post/add/"
PREVIEW = re.compile(r"/markdownx/markdownify/$")
# A file dropped on the text as a browser does it: a drop event carrying a DataTransfer.
DROP_IMAGE = """data => {
    const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "grafiek.png", {type: "image/png"}));
    const text = document.querySelector("#id_body");
    const drop = {dataTransfer: transfer, bubbles: true, cancelable: true};
    text.dispatchEvent(new DragEvent("drop", drop));
}"""


def png_base64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 160)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def context(browser, live_server):
    """An English-speaking editor's browser: the desk's labels are checked by their msgids
    (the Dutch ones are in the catalogue)."""
    context = new_context(browser, live_server, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def registry(transactional_db) -> list[Source]:
    cache.clear()
    return [
        Source.objects.create(
            publisher="Autoriteit Persoonsgegevens",
            title="Rapportage algoritmerisico's Nederland",
            url="https://www.autoriteitpersoonsgegevens.nl/rapportage",
            creators="Jansen, Eva",
            issued="2024-07",
            slug="ap-rapportage",
        ),
        Source.objects.create(
            publisher="Rathenau Instituut",
            title="Opwaarderen: borgen van publieke waarden",
            url="https://www.rathenau.nl/opwaarderen",
            issued="2017",
            slug="rathenau-opwaarderen",
        ),
        Source.objects.create(
            publisher="Algemene Rekenkamer",
            title="Focus op AI bij de rijksoverheid",
            url="https://www.rekenkamer.nl/ai",
            issued="2024-10-16",
            slug="rekenkamer-ai",
        ),
    ]


def log_in(page, live_server, django_user_model) -> None:
    django_user_model.objects.create_superuser("redactie", "redactie@example.org", "geheim-pw")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("redactie")
    page.locator("#id_password").fill("geheim-pw")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def type_here(page, text: str) -> None:
    """Types where the cursor is (after a citation: right after its reference)."""
    page.locator("#id_body").focus()
    page.keyboard.insert_text(text)


def cite_from_registry(page, query: str, result: str) -> None:
    page.keyboard.press("Control+Shift+B")
    dialog = page.get_by_role("dialog", name="Cite a source")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Search the sources register").fill(query)
    dialog.get_by_role("button", name=re.compile(result)).click()
    expect(dialog).to_be_hidden()


def test_an_essay_with_three_sources_from_the_register_and_a_new_one(
    live_server, page, registry, media, requests_made, page_errors, django_user_model
):
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}{ADD}")
    page.locator("#id_title").fill("Schrijven aan het bureau")
    page.locator("#id_title").press("Tab")
    body = page.locator("#id_body")
    preview = page.locator(".desk-preview")

    # Side by side: on a wide screen the preview starts level with the text, beside it.
    screenshot(page, "desk-empty")
    text_box, preview_box = body.bounding_box(), preview.bounding_box()
    assert preview_box["x"] > text_box["x"] + text_box["width"] - 1
    assert abs(preview_box["y"] - text_box["y"]) < 250

    type_here(page, "Algoritmen bij de overheid vragen om toezicht.")
    cite_from_registry(page, "persoonsgegevens", "Autoriteit Persoonsgegevens")
    type_here(page, " De Rekenkamer keek mee.")
    cite_from_registry(page, "2024 rekenkamer", "Algemene Rekenkamer")
    type_here(page, " Publieke waarden staan voorop.")
    cite_from_registry(page, "rathenau", "Rathenau Instituut")
    type_here(page, " Nogmaals de toezichthouder.")
    cite_from_registry(page, "Jansen", "Autoriteit Persoonsgegevens")  # by its author: reused

    # A source the register does not have yet, filled in in the same dialog.
    type_here(page, " Een nieuwe bron.")
    page.get_by_role("button", name="Cite a source").click()
    dialog = page.get_by_role("dialog", name="Cite a source")
    dialog.get_by_label("Publisher").fill("Waag")
    dialog.get_by_label("Title", exact=True).fill("Publieke waarden in technologie")
    dialog.get_by_label("Address (URL)").fill("https://waag.org/publieke-waarden")
    dialog.get_by_role("button", name="Cite this new source").click()

    value = body.input_value()
    assert value.startswith(
        "Algoritmen bij de overheid vragen om toezicht.[^1] De Rekenkamer keek mee.[^2] "
        "Publieke waarden staan voorop.[^3] Nogmaals de toezichthouder.[^1] Een nieuwe bron.[^4]"
    )
    assert value.endswith(
        "## Bronnen\n\n"
        "[^1]: **Autoriteit Persoonsgegevens** - [Rapportage algoritmerisico's Nederland]"
        "(https://www.autoriteitpersoonsgegevens.nl/rapportage)\n"
        "[^2]: **Algemene Rekenkamer** - [Focus op AI bij de rijksoverheid]"
        "(https://www.rekenkamer.nl/ai)\n"
        "[^3]: **Rathenau Instituut** - [Opwaarderen: borgen van publieke waarden]"
        "(https://www.rathenau.nl/opwaarderen)\n"
        "[^4]: **Waag** - [Publieke waarden in technologie](https://waag.org/publieke-waarden)\n"
    )
    expect(preview.locator(".footnotes li")).to_have_count(4)
    expect(page.locator(".desk-summary")).to_have_text("No problems found.")
    screenshot(page, "desk-four-notes")

    # Live checks: a reference to a note that does not exist, shown with its line while
    # typing; a click on it puts the cursor on that line; fixed, it goes away.
    body.evaluate(
        "t => { const at = t.value.indexOf('\\n'); t.focus(); t.setSelectionRange(at, at); }"
    )
    page.keyboard.insert_text(" Een bewering zonder noot.[^9]")
    problem = page.locator(".desk-problems li", has_text="[^9]")
    expect(problem).to_contain_text("Line 1")
    expect(problem).to_contain_text("never defined")
    expect(page.locator(".desk-summary")).to_have_text("1 thing to look at.")
    page.keyboard.press("Control+End")
    problem.get_by_role("button").click()
    assert body.evaluate("t => [t.selectionStart, document.activeElement === t]") == [0, True]
    body.evaluate("t => { const at = t.value.indexOf('[^9]') + 4; t.setSelectionRange(at, at); }")
    for _ in "[^9]":
        page.keyboard.press("Backspace")
    expect(page.locator(".desk-summary")).to_have_text("No problems found.")
    expect(page.locator(".desk-words")).to_have_text(re.compile(r"^\d+ words$"))

    # An image dropped on the middle of a line goes below that line, described.
    body.evaluate("t => t.setSelectionRange(10, 10)")
    page.evaluate(DROP_IMAGE, png_base64())
    image_dialog = page.get_by_role("dialog", name="Describe the image")
    image_dialog.get_by_label("Description (alt text)").fill("Grafiek van het toezicht")
    image_dialog.get_by_role("button", name="Add the image").click()
    expect(page.locator(".desk-notice")).to_have_text(
        "The image is in the text, on a line of its own."
    )
    value = body.input_value()
    first_line, rest = value.split("\n", 1)
    assert first_line.endswith("Een bewering zonder noot.")
    assert re.match(
        r"\n!\[Grafiek van het toezicht\]\(/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.png\)\n\n", rest
    )
    expect(preview.get_by_role("img", name="Grafiek van het toezicht")).to_have_count(1)
    assert len(list(media.rglob("*.png"))) == 1

    # Leaving with unsaved text asks first; a closed tab keeps the text in the browser.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.wait_for_timeout(700)  # the text is kept half a second after the last key
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    assert page_errors == []
    page.close()
    written = value

    page = page.context.new_page()
    page.goto(f"{live_server.url}{ADD}")
    expect(page.locator(".desk-recover")).to_be_visible()
    page.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_body")).to_have_value(written)
    expect(page.locator("#id_title")).to_have_value("Schrijven aan het bureau")
    page.locator("#id_slug").fill("schrijven-aan-het-bureau")

    # Published, the article's notes link to the register, the new source included.
    page.locator("#id_status").select_option("published")
    page.locator("input[name='_save']").first.click()
    expect(page).to_have_url(re.compile(r"/admin/posts/post/$"))
    post = Post.objects.get(slug="schrijven-aan-het-bureau")
    assert post.is_published
    citations = Citation.objects.filter(post=post).select_related("source")
    assert sorted(c.label for c in citations) == ["1", "2", "3", "4"]
    assert {c.source.slug for c in citations if c.label != "4"} == {
        "ap-rapportage",
        "rekenkamer-ai",
        "rathenau-opwaarderen",
    }
    waag = Source.objects.get(publisher="Waag")
    assert waag.url == "https://waag.org/publieke-waarden"

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{post.get_absolute_url()}")
    notes = page.locator(".footnotes li")
    expect(notes).to_have_count(4)
    for index, source in enumerate([registry[0], registry[2], registry[1], waag]):
        expect(notes.nth(index).locator(f"a[href='{source.get_absolute_url()}']")).to_have_count(1)
    # Nothing left in the browser once it is saved.
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('bronpunt-desk:'))") == []
    )
    assert requests_made.foreign() == []


LONG_BODY = "\n\n".join(
    f"## Deel {n}\n\n" + " ".join(["Een zin over toezicht op algoritmen."] * 40)
    for n in range(1, 9)
)
DOCUSAURUS_FILE = """\
---
slug: blog/2026/bureau.test
title: 'Geplakt uit Docusaurus'
authors: [anna]
tags:
  - overheid
  - onbekend
date: 2026-09-01
description: Een artikel dat uit een ander blog komt.
---

Het artikel zelf.
"""
PASTE = """text => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", text);
    const options = {clipboardData: transfer, bubbles: true, cancelable: true};
    document.querySelector("#id_body").dispatchEvent(new ClipboardEvent("paste", options));
}"""


def test_the_desk_by_keyboard_full_screen_in_step_and_accessible(
    live_server, page, registry, page_errors, django_user_model
):
    Author.objects.create(name="Anna de Vries", key="anna")
    Tag.objects.create(name="overheid", slug="overheid")
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}{ADD}")
    body = page.locator("#id_body")

    # Tab leaves the text (nothing typed); Ctrl+] and Ctrl+[ indent and outdent instead.
    body.fill("- een punt")
    body.press("Tab")
    assert page.evaluate("document.activeElement.id") != "id_body"
    assert body.input_value() == "- een punt"
    body.press("Control+]")
    assert body.input_value() == "  - een punt"
    body.press("Control+[")
    assert body.input_value() == "- een punt"

    # The toolbar's buttons and their shortcuts write Markdown.
    body.fill("woord")
    body.evaluate("t => t.setSelectionRange(0, 5)")
    body.press("Control+b")
    assert body.input_value() == "**woord**"
    page.get_by_role("button", name="Warning").click()
    assert ":::warning\n" in body.input_value() and body.input_value().endswith(":::\n")
    page.get_by_role("button", name="Summary ends here").click()
    assert "\n\n<!--truncate-->\n" in body.input_value()
    body.press("Control+z")  # the browser's own undo still works
    assert "<!--truncate-->" not in body.input_value()

    # A pasted Docusaurus file: its front matter goes into the form, its text into the body.
    body.fill("")
    page.evaluate(PASTE, DOCUSAURUS_FILE)
    expect(page.locator(".desk-notice")).to_contain_text("front matter went into the form")
    expect(page.locator(".desk-notice")).to_contain_text("onbekend")
    assert body.input_value() == "Het artikel zelf.\n"
    expect(page.locator("#id_title")).to_have_value("Geplakt uit Docusaurus")
    expect(page.locator("#id_slug")).to_have_value("blog-2026-bureau-test")
    expect(page.locator("#id_description")).to_have_value(
        "Een artikel dat uit een ander blog komt."
    )
    expect(page.locator("#id_publish_at_0")).to_have_value("2026-09-01")
    expect(page.locator("#id_tags option:checked")).to_have_text(["overheid"])
    expect(page.locator("#id_authors option:checked")).to_have_text(["Anna de Vries"])

    # Scroll kept in step: the end of the text shows the end of the preview.
    body.fill(LONG_BODY)
    preview = page.locator(".desk-preview")
    expect(preview.locator("h2")).to_have_count(8)
    body.evaluate("t => { t.scrollTop = t.scrollHeight; t.dispatchEvent(new Event('scroll')); }")
    page.wait_for_timeout(200)
    at_end = preview.evaluate("p => p.scrollHeight - p.clientHeight - p.scrollTop")
    assert at_end < 5
    middle = "t => { t.scrollTop = (t.scrollHeight - t.clientHeight) / 2; }"
    page.wait_for_timeout(200)
    body.evaluate(middle)
    page.wait_for_timeout(200)
    ratio = preview.evaluate("p => p.scrollTop / (p.scrollHeight - p.clientHeight)")
    assert 0.3 < ratio < 0.7

    # Full screen, and Escape back.
    page.get_by_role("button", name="Full screen").click()
    box = page.locator(".desk").bounding_box()
    assert box["width"] == 1280 and box["height"] == 800
    expect(page.get_by_role("button", name="Full screen")).to_have_attribute("aria-pressed", "true")
    body.press("Escape")
    expect(page.get_by_role("button", name="Full screen")).to_have_attribute(
        "aria-pressed", "false"
    )

    # Zero axe violations: the desk, a problem list, and the citing dialog open.
    body.fill("Tekst.[^9] ![](/media/x.png)")
    expect(page.locator(".desk-problems li")).to_have_count(2)
    count, report = axe_violations(page)
    assert count == 0, report
    page.get_by_role("button", name="Cite a source").click()
    expect(page.locator(".desk-cite-results li")).to_have_count(3)
    count, report = axe_violations(page)
    assert count == 0, report
    screenshot(page, "desk-cite-dialog", full_page=False)
    page.keyboard.press("Escape")
    assert [error for error in page_errors if "/media/x.png" not in error] == []
