"""Source cards on the seed article: in the popover at 390 px, in the sidenote at 1440 px, and,
without scripts, in the list after the notes (templates/sources/_source_cards.html,
static/js/footnotes.js, static/js/sidenotes.js)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from posts.models import Post
from posts.services import post_write
from sources.models import Source
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_wide_layout import NARROW, WIDE, keep_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VNG_TITLE = "Voorbeelden internationale AI-overheid"  # the source of note 4


@pytest.fixture
def vng(seed) -> Source:
    """The source of the seed's note 4, cited by a second listed article too."""
    post_write(
        post=Post(
            title="Een tweede artikel",
            slug="een-tweede-artikel",
            body=f"Zie de VNG.[^1]\n\n[^1]: **VNG** - [{VNG_TITLE}](https://vng.nl/)\n",
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now(),
        )
    )
    return Source.objects.get(title=VNG_TITLE)


def test_at_390_the_popover_shows_the_card_and_leads_to_the_source_page(
    seed, vng, open_at, tmp_path, page_errors
):
    page = open_at(seed.get_absolute_url(), NARROW, has_touch=True, is_mobile=True)
    page.locator("#fnref-4").tap()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_visible()
    card = tooltip.locator(".source-card")
    expect(card).to_have_count(1)
    expect(card.locator(".source-card-facts")).to_have_text("geciteerd door 2 artikelen")
    # The card stands in for the note's own link to the register: one link there, not two.
    expect(tooltip.get_by_role("link", name="Bron in het register")).to_have_count(0)
    link = card.get_by_role("link", name=f"VNG: {VNG_TITLE}")
    expect(link).to_have_attribute("href", vng.get_absolute_url())
    box = tooltip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    keep_screenshot(page, "source-card-popover-390", tmp_path)

    link.tap()
    expect(page).to_have_url(re.compile(re.escape(vng.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(VNG_TITLE)
    assert page_errors == []


def test_at_1440_the_sidenote_shows_the_card_while_pointed_at_or_focused(
    seed, vng, open_at, tmp_path, page_errors
):
    page = open_at(seed.get_absolute_url(), WIDE)
    expect(page.locator("article.post")).to_have_class(re.compile(r"\bhas-sidenotes\b"))
    # Every note of the seed cites a registered source: each gets its card, out of sight
    # until the reader turns to that note, so the notes stay beside their references.
    expect(page.locator(".footnotes li > .source-card")).to_have_count(39)
    expect(page.locator(".footnotes .source-card:visible")).to_have_count(0)
    note = page.locator("#fn-4")
    card = note.locator(".source-card")
    expect(note.locator(".footnote-source")).to_be_visible()

    note.hover()
    expect(card).to_be_visible()
    expect(card.locator(".source-card-facts")).to_have_text("geciteerd door 2 artikelen")
    note_box, card_box = note.bounding_box(), card.bounding_box()
    assert abs(card_box["y"] - (note_box["y"] + note_box["height"])) <= 1, "not below its note"
    assert card_box["x"] + card_box["width"] <= WIDE["width"]
    keep_screenshot(page, "source-card-sidenote-1440", tmp_path)
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.mouse.move(0, 0)

    # Following the reference focuses the note, and its card shows; it can be followed.
    page.locator("#fnref-4").click()
    expect(note).to_be_focused()
    expect(card).to_be_visible()
    card.locator("a.source-card-link").click()
    expect(page).to_have_url(re.compile(re.escape(vng.get_absolute_url()) + "$"))
    assert page_errors == []


def test_without_javascript_the_list_after_the_notes_shows_each_source_once(seed, vng, open_at):
    page = open_at(seed.get_absolute_url(), NARROW, java_script_enabled=False)
    listing = page.locator("section.source-cards")
    expect(listing).to_be_visible()
    items = listing.get_by_role("listitem")
    expect(items).to_have_count(6)
    expect(items.nth(1)).to_have_text(f"VNG: {VNG_TITLE} · geciteerd door 2 artikelen")
    expect(items.first).to_contain_text("geciteerd door 1 artikel")
    link = listing.get_by_role("link", name=f"VNG: {VNG_TITLE}")
    expect(link).to_have_attribute("href", vng.get_absolute_url())
    # The notes keep their own link to the register; no card is copied into them.
    expect(page.locator("#fn-4 .footnote-source")).to_be_visible()
    expect(page.locator(".footnotes .source-card")).to_have_count(0)
    notes_bottom = page.locator(".footnotes").bounding_box()
    assert listing.bounding_box()["y"] >= notes_bottom["y"] + notes_bottom["height"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_the_cards_shown(seed, vng, open_at, scheme):
    reports = []
    narrow = open_at(seed.get_absolute_url(), NARROW, color_scheme=scheme, has_touch=True)
    narrow.locator("#fnref-4").tap()
    expect(narrow.get_by_role("tooltip").locator(".source-card")).to_be_visible()
    count, report = axe_violations(narrow)
    if count:
        reports.append(f"popover at 390 ({scheme}): {report}")
    wide = open_at(seed.get_absolute_url(), WIDE, color_scheme=scheme)
    wide.locator("#fn-4").hover()
    expect(wide.locator("#fn-4 .source-card")).to_be_visible()
    count, report = axe_violations(wide)
    if count:
        reports.append(f"sidenotes at 1440 ({scheme}): {report}")
    assert not reports, "\n".join(reports)
