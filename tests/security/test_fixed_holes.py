"""What the corpus found, pinned down: style values and control characters in feed texts."""

import xml.etree.ElementTree as ET

import pytest

from posts.rendering import render


@pytest.mark.parametrize(
    ("style", "cell"),
    [
        ("text-align: expression(alert(1))", "<td>x</td>"),
        ("text-align: \\65 xpression(alert(1))", "<td>x</td>"),
        (
            "text-align:left;background:url(javascript:alert(1))",
            '<td style="text-align:left">x</td>',
        ),
        ("color: red", "<td>x</td>"),
    ],
)
def test_a_style_keeps_nothing_but_a_text_alignment_keyword(style, cell):
    html = render(f'<table><tr><td style="{style}">x</td></tr></table>').html
    assert cell in html
    assert "expression" not in html and "url(" not in html


def test_table_alignment_from_markdown_and_raw_html_is_kept():
    html = render(
        '| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n<table><tr><td style="TEXT-ALIGN: Justify">x</td>'
        "</tr></table>"
    ).html
    assert '<th style="text-align:center">a</th>' in html
    assert '<td style="text-align:right">2</td>' in html
    assert '<td style="text-align:justify">x</td>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/blog/rss.xml", "/blog/atom.xml", "/blog/tags/t/rss.xml"])
def test_control_characters_in_titles_no_longer_take_a_feed_down(client, make_post, make_tag, url):
    tag = make_tag(slug="t", name="Label\x01")
    make_post(title="Titel\x01 met\x08 stuur\x1b[31m", tags=[tag])
    response = client.get(url)
    assert response.status_code == 200
    titles = [el.text for el in ET.fromstring(response.content).iter() if el.tag.endswith("title")]
    assert "Titel met stuur[31m" in titles
