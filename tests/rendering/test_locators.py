"""Where in a source a note points, as writers write it."""

import pytest
from django.utils import translation

from posts.rendering import render
from posts.rendering.locators import find_locator


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        (", p. 12", "page", "12"),
        (", pp. 12\u201314.", "page", "12-14"),
        (", blz. 4", "page", "4"),
        (", § 3.2", "section", "3.2"),
        (", hoofdstuk 4", "chapter", "4"),
        (", art. 5a", "article-locator", "5a"),
        (", 00:14:05", "timestamp", "00:14:05"),
        (" (par. 3)", "paragraph", "3"),
        (", geraadpleegd 2024", "", ""),
        (", zie ook de bijlage", "", ""),
    ],
)
def test_find_locator(text, label, value):
    assert find_locator(text)[:2] == (label, value)


def test_only_words_after_the_linked_title_count():
    rendered = render(
        "A.[^1] B.[^2]\n\n[^1]: **Rijk** - [Artikel 5 Woo](https://x.nl)\n"
        "[^2]: **Rijk** - [Artikel 5 Woo](https://x.nl), artikel 7\n"
    )
    first, second = rendered.footnotes
    assert (first.locator_label, first.locator) == ("", "")
    assert (second.locator_label, second.locator) == ("article-locator", "7")
    assert first.source == second.source  # one source, two places in it


def test_a_note_citing_an_earlier_notes_source_says_so():
    with translation.override("en"):
        rendered = render(
            "A.[^1] B.[^2] C.[^3]\n\n[^1]: **CBS** - [Titel](https://x.nl), p. 12\n"
            "[^2]: Los.\n[^3]: **cbs** - [Titel](https://x.nl), p. 14\n"
        )
    third = rendered.html.split('<li id="fn-3">')[1].split("</li>")[0]
    assert '<span class="same-source">(same source as <a href="#fn-1">note 1</a>)</span>' in third
    assert "same-source" not in rendered.html.split('<li id="fn-3">')[0]
