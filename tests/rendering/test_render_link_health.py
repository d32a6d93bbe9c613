"""The pipeline's side of link health: a SourceLink from the register makes the note say its
link no longer answers, and gives the cited link Robust Links markup (its dated copy)."""

import pytest
from django.utils import translation

from posts.rendering import SourceLink, render
from posts.rendering.sanitize import html_to_text, sanitize

URL = "https://ibestuur.nl/risicos"
ARCHIVE = f"https://web.archive.org/web/20240501/{URL}"
TEXT = f"Tekst[^1] en [elders]({URL}).\n\n[^1]: **iBestuur** - [Risico's]({URL}), p. 3\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _note(html: str) -> str:
    return html.split('<li id="fn-1">')[1]


def test_a_known_archived_copy_marks_the_cited_link_with_robust_links():
    link = SourceLink("/sources/x/", archive_url=ARCHIVE, archive_date="2024-05-01")
    note = _note(render(TEXT, source_url=lambda cited: link).html)
    assert (
        f'<a href="{URL}" rel="noopener noreferrer" data-versionurl="{ARCHIVE}" '
        'data-versiondate="2024-05-01">Risico\'s</a>'
    ) in note
    assert "footnote-archive" not in note


def test_only_the_notes_cited_link_is_marked_not_the_same_address_in_the_body():
    link = SourceLink("/sources/x/", archive_url=ARCHIVE, archive_date="2024-05-01")
    result = render(TEXT, source_url=lambda cited: link)
    assert "data-versionurl" not in result.body_html


def test_an_unreachable_link_says_so_and_points_to_the_archived_copy():
    link = SourceLink("/sources/x/", unreachable=True, archive_url=ARCHIVE)
    note = _note(render(TEXT, source_url=lambda cited: link).html)
    notice = (
        f'<a class="footnote-archive" href="{ARCHIVE}">link no longer reachable; archived copy</a>'
    )
    assert notice in note
    assert note.index("footnote-archive") < note.index("footnote-source")
    assert "data-versiondate" not in note  # no date known, no date claimed


def test_an_unreachable_link_without_a_copy_still_says_so():
    link = SourceLink("/sources/x/", unreachable=True)
    note = _note(render(TEXT, source_url=lambda cited: link).html)
    assert '<span class="footnote-archive">link no longer reachable</span>' in note
    assert "data-versionurl" not in note


def test_a_plain_address_from_the_register_still_means_just_its_page():
    note = _note(render(TEXT, source_url=lambda cited: "/sources/x/").html)
    assert '<a class="footnote-source" href="/sources/x/">' in note
    assert "footnote-archive" not in note and "data-versionurl" not in note


def test_linking_again_starts_from_the_parsed_notes_unmarked():
    plain = render(TEXT)
    marked = plain.with_source_links(
        lambda cited: SourceLink("/s/", unreachable=True, archive_url=ARCHIVE)
    )
    again = plain.with_source_links(lambda cited: "/s/")
    assert "data-versionurl" in marked.notes_html
    assert "data-versionurl" not in again.notes_html and "footnote-archive" not in again.html


def test_the_notice_is_not_part_of_the_text():
    result = render(TEXT, source_url=lambda cited: SourceLink("/s/", True, ARCHIVE))
    assert "reachable" not in result.text
    assert "reachable" not in html_to_text(result.notes_html)


@pytest.mark.parametrize(
    "attributes",
    [
        'data-versionurl="javascript:alert(1)"',
        'data-versionurl="data:text/html,x"',
        'data-versiondate="tomorrow"',
    ],
)
def test_robust_links_attributes_written_by_hand_must_be_a_web_address_and_a_date(attributes):
    html = sanitize(f'<a href="https://example.org/" {attributes}>x</a>')
    assert html == '<a href="https://example.org/">x</a>'


def test_robust_links_attributes_written_by_hand_survive_when_well_formed():
    kept = f'<a href="{URL}" data-versionurl="{ARCHIVE}" data-versiondate="2024-05-01">x</a>'
    assert sanitize(kept) == kept
