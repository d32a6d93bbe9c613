"""The summary: text before the truncate marker, or the first paragraph."""

import pytest

from posts.rendering import render


@pytest.mark.parametrize(
    "marker", ["<!--truncate-->", "<!-- truncate -->", "{/* truncate */}", "{/*truncate*/}"]
)
def test_the_summary_is_everything_before_the_marker(marker):
    result = render(f"Eerste.\n\nTweede.\n\n{marker}\n\nDerde.\n")
    assert result.summary_html == "<p>Eerste.</p>\n<p>Tweede.</p>"
    assert result.summary_text == "Eerste. Tweede."


@pytest.mark.parametrize("marker", ["<!--truncate-->", "{/* truncate */}"])
def test_the_marker_never_reaches_the_page(marker):
    result = render(f"Eerste.\n\n{marker}\n\nDerde.\n")
    assert "truncate" not in result.html
    assert "truncate" not in result.text
    assert "<p>Derde.</p>" in result.html


def test_an_mdx_marker_inside_a_paragraph_is_removed_without_splitting():
    result = render("Eerste {/* truncate */} zin.\n\nTweede.\n")
    assert "truncate" not in result.html
    assert result.summary_html == "<p>Eerste  zin.</p>"


def test_without_a_marker_the_summary_is_the_first_paragraph():
    result = render("## Kop\n\n- lijst\n\nEerste alinea.\n\nTweede alinea.\n")
    assert result.summary_html == "<p>Eerste alinea.</p>"


def test_a_marker_at_the_very_start_falls_back_to_the_first_paragraph():
    assert render("<!--truncate-->\n\nAlinea.\n").summary_html == "<p>Alinea.</p>"


def test_the_summary_has_no_footnote_references():
    result = render("Bewering[^1] hier.\n\n<!--truncate-->\n\nMeer.\n\n[^1]: Bron.\n")
    assert result.summary_html == "<p>Bewering hier.</p>"
    assert "footnote-ref" in result.html


def test_the_first_paragraph_summary_has_no_footnote_references_either():
    result = render("Bewering[^1].\n\n[^1]: Bron.\n")
    assert result.summary_html == "<p>Bewering.</p>"


def test_headings_in_the_summary_carry_no_ids():
    result = render("## Inleiding\n\nTekst.\n\n<!--truncate-->\n\nRest.\n")
    assert result.summary_html.startswith("<h2>Inleiding</h2>")
    assert 'id="inleiding"' in result.html


def test_a_marker_inside_a_code_block_is_text_and_does_not_split():
    result = render("Intro.\n\n```\n<!--truncate-->\n```\n\nSlot.\n")
    assert "&lt;!--truncate--&gt;" in result.html
    assert result.summary_html == "<p>Intro.</p>"


def test_a_body_without_paragraphs_has_an_empty_summary():
    result = render("## Kop\n\n- punt\n")
    assert result.summary_html == ""
    assert result.summary_text == ""
