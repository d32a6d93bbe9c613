"""Typography and targets as a reader meets them in Chromium: our own text face (static/fonts/),
a measure of 60-75 characters, notes in one face and size, and targets a finger can hit.

The article is the writers' real seed 000 (as in test_wide_layout.py): 39 notes, nine sections.
"""

import statistics
from urllib.parse import urlsplit

import pytest
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from sources.models import Source
from tests.browser.conftest import new_context
from tests.browser.test_wide_layout import MEDIUM, NARROW, WIDE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


TEXT_FACE = "Bronpunt Text"

# Characters on each full line of the article's body paragraphs (a paragraph's last, short
# line left out): a new line starts where a character stands left of the one before it.
CHARACTERS_PER_LINE = """() => {
  const lines = [];
  const range = document.createRange();
  for (const paragraph of document.querySelectorAll('.post-body > p')) {
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const counts = [];
    let count = 0, right = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.footnote-ref')) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (!rects.length || rects[0].width === 0) continue;
        if (right !== null && rects[0].left < right - 40) { counts.push(count); count = 0; }
        count += 1;
        right = rects[rects.length - 1].right;
      }
    }
    lines.push(...counts);
  }
  return lines;
}"""

# Every target on the page that WCAG 2.5.8 asks 24x24 px of, with its box. Inline links in
# running text are exempt (the inline exception), except the kinds listed in CHECKED_ALWAYS:
# tags, note numbers and their way back, the register link, pagination, the header and footer,
# the contents, back-links (kickers) and a source page's note numbers.
TARGETS = """([checkedAlways, primary]) => {
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    + 'label[for]';
  const blockOf = element => {
    let block = element.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    return block;
  };
  const inRunningText = element => {
    if (getComputedStyle(element).display !== 'inline') return false;
    if (element.matches(checkedAlways)) return false;
    const own = element.textContent.replace(/\\s+/g, ' ').trim().length;
    const all = blockOf(element).textContent.replace(/\\s+/g, ' ').trim().length;
    return all - own >= 10;
  };
  const describe = element => {
    const text = (element.textContent || element.getAttribute('aria-label') || element.name || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 30);
    const classes = element.className ? '.' + element.className : '';
    return `${element.tagName.toLowerCase()}${classes} "${text}"`;
  };
  return [...document.querySelectorAll(selector)]
    .filter(element => !element.closest('.visually-hidden'))
    .filter(element => element.getClientRects().length)
    .filter(element => getComputedStyle(element).visibility !== 'hidden')
    .filter(element => !inRunningText(element))
    .map(element => {
      const box = element.getBoundingClientRect();
      return {name: describe(element), width: box.width, height: box.height,
              primary: element.matches(primary)};
    });
}"""
CHECKED_ALWAYS = ", ".join(
    (
        ".site-header a",
        ".site-footer a",
        ".tags a",
        ".footnote-ref a",
        ".footnote-backref",
        ".footnote-source",
        ".pagination a",
        ".kicker a",
        ".toc a",
        ".series-parts a",
        ".citing-articles a",
    )
)

# The controls a phone's thumb needs 44 px of.
PRIMARY = ", ".join(
    (
        ".site-header nav a",
        ".site-search input",
        ".site-search button",
        ".pagination a",
        ".scheme-toggle label",
    )
)


@pytest.fixture
def pages(site, seed, settings):
    """The pages of the audit: home, an article, a tag, the sources and a source; two per list."""
    settings.BLOG = {**settings.BLOG, "POSTS_PER_PAGE": 2}
    most_cited = Source.objects.annotate(notes=Count("citations")).order_by("-notes").first()
    return {
        "home": "/blog/",
        "article": seed.get_absolute_url(),
        "tag": reverse("posts:tag", args=[site.tag.slug]),
        "sources": "/sources/",
        "source": most_cited.get_absolute_url(),
    }


def wait_for_fonts(page) -> None:
    page.evaluate("document.fonts.ready.then(() => true)")


def test_the_text_face_comes_from_our_own_static_files(seed, open_at, requests_made):
    page = open_at(seed.get_absolute_url(), WIDE)
    wait_for_fonts(page)
    origin = urlsplit(page.url).netloc
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => [f.family, f.style, f.weight])"
    )
    assert [TEXT_FACE, "normal", "400"] in [[family.strip('"'), *rest] for family, *rest in loaded]
    assert page.evaluate(f"document.fonts.check('18px \"{TEXT_FACE}\"')")
    family = page.locator(".post-body > p").first.evaluate("p => getComputedStyle(p).fontFamily")
    assert family.startswith(f'"{TEXT_FACE}"')

    fonts = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.woff2$/.test(n))"
    )
    assert any("/static/fonts/bronpunt-text-regular" in url for url in fonts), fonts
    assert all(urlsplit(url).netloc == origin for url in fonts), fonts
    assert len(fonts) == len(set(fonts)), "a face was fetched twice (the preload missed)"
    preload = page.locator('link[rel="preload"][as="font"]')
    expect(preload).to_have_attribute("type", "font/woff2")
    assert preload.evaluate("link => link.href") in fonts
    assert requests_made.foreign() == []


def test_until_the_text_face_loads_a_local_serif_takes_its_room(seed, browser, live_server):
    """The fallback faces' size-adjust and overrides: the column barely moves on the swap."""
    measured = {}
    for blocked in (False, True):
        context = new_context(browser, live_server, viewport=MEDIUM)
        page = context.new_page()
        if blocked:
            page.route("**/*.woff2", lambda route: route.abort())
        page.goto(seed.get_absolute_url())
        wait_for_fonts(page)
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        height = page.locator(".post-body").bounding_box()["height"]
        measured[blocked] = (loaded, height, statistics.mean(page.evaluate(CHARACTERS_PER_LINE)))
        context.close()
    (faces, height, _), (fallbacks, fallback_height, characters) = measured[False], measured[True]
    assert TEXT_FACE in faces and TEXT_FACE not in fallbacks
    assert any(face.startswith(f"{TEXT_FACE} Fallback") for face in fallbacks), fallbacks
    assert abs(fallback_height - height) / height < 0.02, (height, fallback_height)
    assert 60 <= characters <= 75, characters


@pytest.mark.parametrize("viewport", [WIDE, MEDIUM], ids=["1440", "1024"])
def test_body_paragraphs_measure_60_to_75_characters_a_line(seed, open_at, viewport):
    page = open_at(seed.get_absolute_url(), viewport)
    wait_for_fonts(page)
    lines = page.evaluate(CHARACTERS_PER_LINE)
    assert len(lines) > 30
    assert 60 <= statistics.mean(lines) <= 75, statistics.mean(lines)
    assert 60 <= statistics.median(lines) <= 75, statistics.median(lines)


def fonts_within(page, selector: str) -> set[tuple[str, str]]:
    """The font family and size of every element in the notes (the number beside a line too).

    A source card inside a note is a card, with its own smaller lines: it is checked apart
    (:func:`card_families`), for its face only."""
    return {
        tuple(font)
        for font in page.locator(selector).evaluate_all(
            """elements => elements.flatMap(e => [e, ...e.querySelectorAll('*')])
                 .filter(e => !e.matches('sup, sup *, code, code *, .source-card, .source-card *'))
                 .map(e => getComputedStyle(e)).map(s => [s.fontFamily, s.fontSize])"""
        )
    }


def card_families(page, selector: str) -> set[str]:
    return set(
        page.locator(f"{selector} .source-card").evaluate_all(
            """cards => cards.flatMap(c => [c, ...c.querySelectorAll('*')])
                 .map(e => getComputedStyle(e).fontFamily)"""
        )
    )


def test_notes_read_in_one_face_and_size_as_list_popover_and_sidenote(seed, open_at):
    page = open_at(seed.get_absolute_url(), MEDIUM)
    wait_for_fonts(page)
    listed = fonts_within(page, ".footnotes li")
    assert len(listed) == 1, listed
    ((family, size),) = listed
    assert family.startswith(f'"{TEXT_FACE}"')
    marker = page.locator(".footnotes li").first.evaluate(
        "li => getComputedStyle(li, '::marker').fontFamily"
    )
    assert marker == family

    page.locator("#fnref-4").hover()
    expect(page.get_by_role("tooltip")).to_be_visible()
    assert fonts_within(page, ".footnote-popover") == {(family, size)}
    assert card_families(page, ".footnote-popover") <= {family}, "a card in another face"

    wide = open_at(seed.get_absolute_url(), WIDE)
    wait_for_fonts(wide)
    expect(wide.locator("article.post.has-sidenotes")).to_have_count(1)
    assert fonts_within(wide, ".footnotes li") == {(family, size)}


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["390", "1440"])
def test_every_target_is_at_least_24_px_and_primary_ones_44_on_a_phone(pages, open_at, viewport):
    small = []
    for name, path in pages.items():
        page = open_at(path, viewport, has_touch=viewport is NARROW, is_mobile=viewport is NARROW)
        wait_for_fonts(page)
        if name in ("home", "tag"):
            expect(page.locator(".pagination a")).not_to_have_count(0)
        targets = page.evaluate(TARGETS, [CHECKED_ALWAYS, PRIMARY])
        assert len(targets) > 10, name
        for target in targets:
            need = 44 if target["primary"] and viewport is NARROW else 24
            if target["width"] < 24 or target["height"] < need:
                small.append(
                    f"{name}: {target['name']} {target['width']:.0f}x{target['height']:.0f}"
                )
    assert not small, "\n".join(small)
