"""The article at three widths: sidenotes and a side contents panel on wide screens, popovers
that open on tap on medium and narrow ones (static/js/sidenotes.js, toc.js, footnotes.js).

The article is the writers' real seed 000: 39 notes citing six sources, nine sections.
"""

import gzip
import re
import struct
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from posts.models import Post
from posts.services import post_write
from tests.browser.conftest import SHOTS_DIR
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1440, "height": 900}
MEDIUM = {"width": 1024, "height": 768}
NARROW = {"width": 390, "height": 844}
GAP = 6  # px between two sidenotes, as in sidenotes.js
STATIC_JS = Path(__file__).resolve().parents[2] / "static" / "js"

# Each note's box, its first reference's and the text column's, in page order.
NOTE_BOXES = """() => {
  const body = document.querySelector('.post-body').getBoundingClientRect();
  return [...document.querySelectorAll('.footnotes > ol > li')].map(li => {
    const back = li.querySelector('.footnote-backref');
    const ref = document.getElementById(decodeURIComponent(back.hash.slice(1)));
    const box = li.getBoundingClientRect();
    return {id: li.id, top: box.top, bottom: box.bottom, left: box.left, right: box.right,
            ref: ref.getBoundingClientRect().top, text_right: body.right};
  });
}"""
# The bottom of the text's last paragraph and the top of the notes section, in the page.
TEXT_END_AND_NOTES = """() => {
  const paragraphs = [...document.querySelectorAll('.post-body > p')];
  const last = paragraphs[paragraphs.length - 1].getBoundingClientRect();
  return [last.bottom, document.querySelector('.footnotes').getBoundingClientRect().top];
}"""


def keep_screenshot(page, name: str, tmp_path: Path) -> Path:
    """A whole-page screenshot, kept in BROWSER_SHOTS when set, else in the test's tmp_path."""
    folder = Path(SHOTS_DIR) if SHOTS_DIR else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_at_1440_the_first_paragraph_is_above_the_fold_beside_the_contents(seed, open_at):
    page = open_at(seed.get_absolute_url(), WIDE)
    first = page.locator(".post-body > p").first
    expect(first).to_contain_text("We praten veel over de risico's van AI")
    assert first.bounding_box()["y"] + 3 * 29 < WIDE["height"], "not even three lines in view"
    toc = page.get_by_role("navigation", name="Inhoud")
    assert toc.bounding_box()["x"] + toc.bounding_box()["width"] < first.bounding_box()["x"]


def test_sidenotes_stand_beside_their_references_without_overlapping(seed, open_at, page_errors):
    page = open_at(seed.get_absolute_url(), WIDE)
    expect(page.locator("article.post")).to_have_class(re.compile(r"\bhas-sidenotes\b"))
    notes = page.evaluate(NOTE_BOXES)
    assert len(notes) == 39
    beside = 0
    for previous, note in zip([None, *notes], notes, strict=False):
        assert note["left"] >= note["text_right"] + 16, f"{note['id']} is not in the margin"
        assert note["right"] <= WIDE["width"], f"{note['id']} leaves the screen"
        assert note["top"] >= note["ref"] - 1, f"{note['id']} stands above its reference"
        if previous:
            assert note["top"] >= previous["bottom"], f"{note['id']} overlaps {previous['id']}"
        if note["top"] - note["ref"] <= 2:
            beside += 1
        else:  # pushed down: right under the note above, no further
            assert note["top"] - previous["bottom"] <= GAP + 1, f"{note['id']} drifted"
    assert beside >= 10
    assert page.get_by_role("tooltip").count() == 0
    # The note beside a reference gets no popover; pointing at it marks the note instead.
    page.locator("#fnref-4").hover()
    expect(page.locator("#fn-4")).to_have_class(re.compile(r"\bis-active\b"))
    expect(page.get_by_role("tooltip")).to_have_count(0)

    # Paper gets the notes list at the end, as without the script.
    page.emulate_media(media="print")
    text_end, notes_top = page.evaluate(TEXT_END_AND_NOTES)
    assert notes_top > text_end
    expect(page.locator(".toc ol").first).to_be_visible()
    assert page_errors == []


def test_following_a_reference_to_its_sidenote_and_back_keeps_the_page_still(seed, open_at):
    page = open_at(seed.get_absolute_url(), WIDE)
    reference = page.locator("#fnref-5")
    page.evaluate("() => document.getElementById('fnref-5').scrollIntoView({block: 'center'})")
    scrolled = page.evaluate("scrollY")
    reference.click()
    expect(page.locator("#fn-5")).to_be_focused()
    page.locator("#fn-5 .footnote-backref").click()
    expect(reference).to_be_focused()
    assert page.evaluate("scrollY") == scrolled
    expect(page.locator("#fn-5")).to_be_in_viewport()


def test_the_contents_panel_marks_the_section_being_read(seed, open_at):
    page = open_at(seed.get_absolute_url(), WIDE)
    toc = page.get_by_role("navigation", name="Inhoud")
    expect(toc.locator("details")).to_have_attribute("open", "")
    links = toc.get_by_role("link")
    third = links.nth(2)
    assert third.inner_text().startswith("Risico 3")
    expect(toc.locator("[aria-current]")).to_have_count(0)

    page.evaluate(
        "id => document.getElementById(id).scrollIntoView()", third.get_attribute("href")[1:]
    )
    expect(third).to_have_attribute("aria-current", "true")
    expect(toc.locator("[aria-current]")).to_have_count(1)
    expect(toc).to_be_in_viewport()  # sticky

    # At the very end the last section stays current: the notes' heading, in the margin at
    # the top of the text, does not count.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(links.filter(has_text="Conclusie")).to_have_attribute("aria-current", "true")
    expect(toc.locator("[aria-current]")).to_have_count(1)
    expect(toc).to_be_in_viewport()


@pytest.mark.parametrize("viewport", [MEDIUM, NARROW], ids=["1024", "390"])
def test_below_wide_screens_a_tap_opens_the_popover(seed, open_at, viewport, page_errors):
    page = open_at(seed.get_absolute_url(), viewport, has_touch=True, is_mobile=viewport is NARROW)
    url = page.url
    expect(page.locator("article.post")).not_to_have_class(re.compile(r"\bhas-sidenotes\b"))
    text_end, notes_top = page.evaluate(TEXT_END_AND_NOTES)
    assert notes_top > text_end, "the notes belong at the end of the text"
    expect(page.locator(".toc details")).not_to_have_attribute("open", re.compile(".*"))
    sizes = page.locator(".footnote-ref a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect()).map(box => [box.width, box.height])"
    )
    assert min(min(size) for size in sizes) >= 24

    reference = page.locator("#fnref-4")
    tooltip = page.get_by_role("tooltip")
    reference.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Voorbeelden internationale AI-overheid")
    assert page.url == url
    ref_box, tip_box = reference.bounding_box(), tooltip.bounding_box()
    assert 0 <= tip_box["y"] - (ref_box["y"] + ref_box["height"]) <= 12
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= viewport["width"]
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)

    reference.tap()
    expect(tooltip).to_be_visible()
    page.locator("h1").tap()
    expect(tooltip).to_have_count(0)

    # A second tap on an open note's number follows the link to the note.
    reference.tap()
    expect(tooltip).to_be_visible()
    reference.tap()
    expect(page).to_have_url(re.compile(r"#fn-4$"))
    expect(page.locator("#fn-4")).to_be_in_viewport()
    assert page_errors == []


@pytest.mark.parametrize(("name", "viewport"), [("1440", WIDE), ("1024", MEDIUM), ("390", NARROW)])
def test_screenshots_of_the_article_at_three_widths(seed, open_at, tmp_path, name, viewport):
    page = open_at(seed.get_absolute_url(), viewport)
    page.evaluate("document.fonts.ready.then(() => true)")
    path = keep_screenshot(page, f"wide-layout-article-{name}", tmp_path)
    width, height = png_size(path)
    assert width == viewport["width"], "the page scrolls sideways"
    assert height > 3 * viewport["height"]


def test_axe_finds_no_violations_on_the_article_at_1440(seed, open_at):
    page = open_at(seed.get_absolute_url(), WIDE)
    expect(page.locator("article.post")).to_have_class(re.compile(r"\bhas-sidenotes\b"))
    reports = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        count, report = axe_violations(page)
        if count:
            reports.append(f"article at 1440 ({scheme}): {report}")
    assert not reports, "\n".join(reports)


def test_a_long_sidenote_folds_and_a_second_reference_keeps_its_popover(site, open_at):
    sentence = "Een lange toelichting bij de bron, met [een link](https://example.org/) erin. "
    body = (
        "Een zin met een lange noot.[^lang] En een korte erna.[^kort]\n\n"
        "Verderop nog eens dezelfde korte noot.[^kort]\n\n"
        f"[^lang]: {sentence * 10}\n[^kort]: Kort.\n"
    )
    post = post_write(
        post=Post(
            title="Een lange noot",
            slug="een-lange-noot",
            body=body,
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now(),
        )
    )
    page = open_at(post.get_absolute_url(), WIDE)
    long_note, short_note = page.locator("#fn-lang"), page.locator("#fn-kort")
    button = long_note.get_by_role("button")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(short_note.get_by_role("button")).to_have_count(0)
    folded, below = long_note.bounding_box(), short_note.bounding_box()
    assert folded["height"] < 200
    assert below["y"] >= folded["y"] + folded["height"]

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(long_note).to_have_class(re.compile(r"\bis-open\b"))
    opened = long_note.bounding_box()
    assert opened["height"] > folded["height"] + 100
    pushed = short_note.bounding_box()
    assert opened["y"] + opened["height"] <= pushed["y"] <= opened["y"] + opened["height"] + GAP + 1
    count, report = axe_violations(page)
    assert count == 0, report

    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    long_note.get_by_role("link").last.focus()
    expect(button).to_have_attribute("aria-expanded", "true")

    # The note stands beside its first reference only; the second one still shows it.
    tooltip = page.get_by_role("tooltip")
    page.locator("#fnref-kort").hover()
    expect(tooltip).to_have_count(0)
    page.locator("#fnref-kort-2").hover()
    expect(tooltip).to_have_text("Kort.")


def test_without_javascript_the_notes_stay_at_the_end_on_wide_screens(seed, open_at):
    page = open_at(seed.get_absolute_url(), WIDE, java_script_enabled=False)
    text_end, notes_top = page.evaluate(TEXT_END_AND_NOTES)
    assert notes_top > text_end
    expect(page.locator(".footnotes li")).to_have_count(39)
    toc = page.get_by_role("navigation", name="Inhoud")
    assert (
        toc.bounding_box()["x"] + toc.bounding_box()["width"]
        < page.locator(".post-body").bounding_box()["x"]
    )


def test_all_javascript_stays_under_15_kilobytes_compressed():
    """Every script a public page loads (the admin's editor has its own, larger budget)."""
    templates = STATIC_JS.parent.parent / "templates"
    public = [t for t in templates.rglob("*.html") if "admin" not in t.relative_to(templates).parts]
    names = {
        name
        for template in public
        for name in re.findall(r"""static ['"]js/([\w.-]+\.js)['"]""", template.read_text())
    }
    assert {"footnotes.js", "sidenotes.js", "scheme.js"} <= names
    scripts = b"".join((STATIC_JS / name).read_bytes() for name in sorted(names))
    assert len(gzip.compress(scripts, 9)) < 15 * 1024
