"""Raw HTML and links are sanitised; nothing executable survives."""

import re

import pytest

from posts.rendering import render

UNSAFE_URL = re.compile(r"""(?:href|src)=["']?\s*(?:java\s*script|vbscript|data):""", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](vbscript:msgbox(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<a href="java\tscript:alert(1)">klik</a>',
        "<javascript:alert(1)>",
    ],
)
def test_script_links_never_survive(text):
    html = render(text).html
    assert not UNSAFE_URL.search(html)


@pytest.mark.parametrize(
    "text",
    [
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](data:image/png;base64,iVBORw0KGgo=)",
        '<a href="data:text/html,hi">x</a>',
        '<a href="d\nata:text/html,hi">x</a>',
        '<img src="data:text/html,hi">',
    ],
)
def test_data_urls_are_dropped_outside_images(text):
    assert not UNSAFE_URL.search(render(text).html)


def test_data_image_urls_are_kept_for_images():
    html = render("![punt](data:image/png;base64,iVBORw0KGgo=)").html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html


def test_raw_script_and_style_are_removed_with_their_content():
    html = render("Tekst\n\n<script>alert(1)</script>\n\n<style>p{}</style>\n").html
    assert "<script" not in html and "alert" not in html and "p{}" not in html


def test_event_handler_attributes_are_removed():
    html = render('<img src="x.png" onerror="alert(1)">\n\n<p onclick="x()">a</p>').html
    assert "onerror" not in html and "onclick" not in html
    assert '<img src="x.png">' in html


def test_allowed_raw_html_keeps_its_safe_attributes():
    text = (
        '<details open><summary>Meer</summary><div class="x" aria-hidden="true">y</div></details>'
    )
    html = render(text).html
    assert '<details open=""><summary>Meer</summary>' in html
    assert '<div class="x" aria-hidden="true">y</div>' in html


def test_disallowed_tags_are_stripped_but_their_text_stays():
    html = render(
        "<h1>Tweede titel</h1>\n\n<iframe src='https://x'></iframe><font>tekst</font>"
    ).html
    assert "<h1" not in html and "<iframe" not in html and "<font" not in html
    assert "Tweede titel" in html and "tekst" in html


def test_styles_other_than_text_alignment_are_dropped():
    html = render(
        '| a |\n|--:|\n| b |\n\n<table><tr><td style="color:red">c</td></tr></table>'
    ).html
    assert 'style="text-align:right"' in html
    assert "color" not in html


def test_external_markdown_links_get_noopener_and_internal_ones_do_not():
    html = render("[extern](https://example.com/) en [intern](/blog/x/)").html
    assert '<a href="https://example.com/" rel="noopener noreferrer">extern</a>' in html
    assert '<a href="/blog/x/">intern</a>' in html


def test_bare_urls_become_links():
    html = render("Zie https://example.com/pad.").html
    assert '<a href="https://example.com/pad" rel="noopener noreferrer">' in html


def test_html_comments_are_removed():
    assert "geheim" not in render("Tekst <!-- geheim --> hier.").html


def test_strikethrough_and_tables_render():
    html = render("~~weg~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n").html
    assert "<s>weg</s>" in html
    assert "<table>" in html and "<td>2</td>" in html


@pytest.mark.parametrize(
    "text",
    [
        "A <svg><foreignObject> B.[^1] En verder.\n\n[^1]: Noot.",
        "A <style> B.[^1] En verder.\n\n[^1]: Noot.",
        "<math>\n\nA[^1] En verder.\n\n[^1]: Noot.",
    ],
)
def test_an_unclosed_swallowing_element_takes_nothing_after_it(text):
    result = render(text)
    assert "En verder." in result.html and 'id="fnref-1"' in result.html
    assert 'href="#fnref-1"' in result.notes_html
    assert "<svg" not in result.html and "<style" not in result.html and "<math" not in result.html


def test_an_html_comment_never_closed_is_a_warning_at_its_line():
    result = render("Eerste alinea.\n\n<!-- werk in uitvoering\n\nDe rest.")
    assert "De rest." not in result.html
    assert [(p.code, p.line, p.is_error) for p in result.problems] == [
        ("unclosed-comment", 3, False)
    ]
