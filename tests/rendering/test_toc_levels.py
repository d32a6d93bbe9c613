"""The table of contents lists the heading levels a post asks for, nested by level."""

from posts.rendering import Heading, toc_html


def headings(*levels: int) -> list[Heading]:
    return [Heading(level, f"h{i}", f"Kop {i}") for i, level in enumerate(levels)]


def test_the_default_lists_h2_and_h3_nested():
    assert toc_html(headings(2, 3, 4, 2)) == (
        '<ol><li><a href="#h0">Kop 0</a><ol><li><a href="#h1">Kop 1</a></li></ol></li>'
        '<li><a href="#h3">Kop 3</a></li></ol>'
    )


def test_deeper_levels_nest_and_close_in_order():
    html = toc_html(headings(2, 3, 4, 3, 2), (2, 4))
    assert html == (
        '<ol><li><a href="#h0">Kop 0</a><ol><li><a href="#h1">Kop 1</a>'
        '<ol><li><a href="#h2">Kop 2</a></li></ol></li><li><a href="#h3">Kop 3</a></li></ol>'
        '</li><li><a href="#h4">Kop 4</a></li></ol>'
    )
    assert html.count("<ol>") == html.count("</ol>") and html.count("<li>") == html.count("</li>")


def test_a_single_level_and_a_leading_subheading_stay_flat():
    assert toc_html(headings(2, 3, 2), (2, 2)).count("<ol>") == 1
    assert toc_html(headings(3, 2)).count("<ol>") == 1
    assert toc_html(headings(2)) == ""
