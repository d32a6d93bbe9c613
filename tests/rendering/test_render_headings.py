"""Heading anchors, the heading list and the table of contents."""

import re

import pytest

from posts.rendering import Heading, render


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Risico's", "risicos"),
        ("Risico\u2019s", "risicos"),
        ("Reëel", "reeel"),
        ("Één", "een"),
        ("Scenario's 2030: Twee Toekomsten", "scenarios-2030-twee-toekomsten"),
        ("Kloof \u2013 groter!", "kloof-groter"),
        ("`code` en *nadruk*", "code-en-nadruk"),
        ("???", "section"),
    ],
)
def test_heading_ids_are_readable_ascii(heading, anchor):
    assert render(f"## {heading}\n").headings[0].id == anchor


def test_duplicate_headings_get_numbered_ids():
    result = render("## Kop\n\n## Kop\n\n## Kop\n\n## Kop 2\n")
    assert [h.id for h in result.headings] == ["kop", "kop-2", "kop-3", "kop-2-2"]


def test_heading_ids_never_take_a_footnote_id():
    result = render("## fn 1\n\n## Fnref 1\n\n## Footnotes heading\n\nA[^1]\n\n[^1]: Noot.\n")
    heading_ids = [h.id for h in result.headings]
    assert heading_ids == ["section-fn-1", "section-fnref-1", "section-footnotes-heading"]
    ids = re.findall(r'id="([^"]+)"', result.html)
    assert len(ids) == len(set(ids))


def test_a_level_one_heading_is_rendered_as_level_two():
    result = render("# Titel\n\nTekst.\n")
    assert '<h2 id="titel">Titel</h2>' in result.html
    assert "<h1" not in result.html
    assert result.headings == (Heading(2, "titel", "Titel"),)


def test_headings_keep_their_level_and_plain_text():
    result = render("## Een *mooie* kop[^1]\n\n### Sub `x`\n\n#### Diep\n\n[^1]: Noot.\n")
    assert [(h.level, h.text) for h in result.headings] == [
        (2, "Een mooie kop"),
        (3, "Sub x"),
        (4, "Diep"),
    ]


def test_very_long_headings_get_shortened_ids():
    anchor = render("## " + "woord " * 40 + "\n").headings[0].id
    assert len(anchor) <= 80
    assert not anchor.endswith("-")


def test_the_toc_nests_level_three_under_level_two():
    result = render("## A\n\n### A1\n\n### A2\n\n## B\n\n#### Diep\n\n### B1\n")
    assert result.toc_html == (
        '<ol><li><a href="#a">A</a><ol><li><a href="#a1">A1</a></li>'
        '<li><a href="#a2">A2</a></li></ol></li>'
        '<li><a href="#b">B</a><ol><li><a href="#b1">B1</a></li></ol></li></ol>'
    )


def test_a_level_three_heading_before_any_level_two_is_a_top_entry():
    toc = render("### Eerst\n\n## Dan\n").toc_html
    assert toc == '<ol><li><a href="#eerst">Eerst</a></li><li><a href="#dan">Dan</a></li></ol>'


def test_the_toc_is_empty_with_fewer_than_two_headings():
    assert render("## Alleen\n\nTekst.\n").toc_html == ""
    assert render("Geen koppen.\n").toc_html == ""


def test_toc_text_is_escaped():
    toc = render("## A &lt;b&gt;\n\n## B\n").toc_html
    assert "&lt;b&gt;" in toc and "<b>" not in toc


def test_an_explicit_docusaurus_id_sets_the_anchor_and_leaves_text_and_toc():
    result = render(
        "## Custom heading {#my-anchor}\n\nZie [daar](#my-anchor).\n\n## *Nadruk* {#nadruk}\n"
    )
    assert '<h2 id="my-anchor">Custom heading</h2>' in result.html
    assert '<h2 id="nadruk"><em>Nadruk</em></h2>' in result.html
    assert "{#" not in result.html and "{#" not in result.toc_html
    assert [(h.id, h.text) for h in result.headings] == [
        ("my-anchor", "Custom heading"),
        ("nadruk", "Nadruk"),
    ]


def test_an_explicit_id_cannot_take_a_notes_id_or_be_used_twice():
    result = render("## Een {#fn-1}\n\n## Twee {#dubbel}\n\n## Drie {#dubbel}\n")
    assert [h.id for h in result.headings] == ["section-fn-1", "dubbel", "dubbel-2"]
