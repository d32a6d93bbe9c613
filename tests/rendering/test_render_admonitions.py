"""Docusaurus admonitions: kinds, titles, nesting and what stays text."""

import re

import pytest
from django.utils.translation import gettext

from posts.rendering import render


def test_a_warning_renders_as_a_labelled_aside():
    html = render(":::warning\nPas op.\n:::\n").html
    label = gettext("Warning")
    assert f'<aside class="admonition admonition-warning" role="note" aria-label="{label}">' in html
    assert f'<p class="admonition-title"><span class="admonition-label">{label}</span></p>' in html
    assert "<p>Pas op.</p>" in html


@pytest.mark.parametrize("opening", [":::warning Status: Concept", ":::warning[Status: Concept]"])
def test_a_title_follows_the_translated_kind(opening):
    html = render(f"{opening}\nTekst.\n:::\n").html
    label = gettext("Warning")
    assert f'aria-label="{label}: Status: Concept"' in html
    assert (
        f'<p class="admonition-title"><span class="admonition-label">{label}</span>: '
        "Status: Concept</p>"
    ) in html


def test_a_title_may_contain_inline_markdown():
    html = render(":::tip[Gebruik **vet**]\nTekst.\n:::\n").html
    assert ": Gebruik <strong>vet</strong></p>" in html
    assert 'aria-label="' + gettext("Tip") + ': Gebruik vet"' in html


@pytest.mark.parametrize(
    ("kind", "css"),
    [
        ("note", "note"),
        ("tip", "tip"),
        ("info", "info"),
        ("danger", "danger"),
        ("caution", "caution"),
        ("important", "important"),
        ("secondary", "note"),
        ("success", "tip"),
        ("WARNING", "warning"),
    ],
)
def test_every_known_kind_and_alias_is_an_admonition(kind, css):
    assert f'class="admonition admonition-{css}"' in render(f":::{kind}\nx\n:::\n").html


def test_an_unknown_kind_stays_plain_text():
    html = render(":::foo\nTekst.\n:::\n").html
    assert "<aside" not in html
    assert ":::foo" in html


def test_admonitions_hold_block_markdown():
    text = ":::info\n- een\n- [link](https://example.com/)\n\n```python\nx = 1\n```\n:::\n"
    html = render(text).html
    aside = html[html.index("<aside") : html.index("</aside>")]
    assert "<ul>" in aside and 'href="https://example.com/"' in aside
    assert '<div class="highlight">' in aside


def test_an_admonition_nests_inside_one_with_more_colons():
    text = "::::note Buiten\nA\n\n:::tip Binnen\nB\n:::\n\nC\n::::\n"
    html = render(text).html
    assert re.search(
        r'admonition-note".*admonition-tip".*<p>B</p>\s*</aside>\s*<p>C</p>\s*</aside>',
        html,
        re.DOTALL,
    )


def test_an_admonition_inside_a_list_item_works():
    html = render("- punt\n\n  :::tip\n  Binnen de lijst.\n  :::\n- volgende\n").html
    assert re.search(r"<li>\s*<p>punt</p>\s*<aside class=\"admonition admonition-tip\"", html)
    assert "Binnen de lijst." in html and ":::" not in html


def test_colons_inside_a_fenced_code_block_stay_text():
    html = render("```\n:::warning\nniet\n:::\n```\n").html
    assert "<aside" not in html
    assert ":::warning" in html


def test_an_unclosed_admonition_ends_with_the_document():
    html = render(":::note\nOpen einde.\n").html
    assert html.rstrip().endswith("</aside>")


def test_a_footnote_reference_in_an_admonition_works():
    result = render(":::note\nZie[^1].\n:::\n\n[^1]: Noot.\n")
    assert result.html.count('<sup class="footnote-ref">') == 1
    assert result.problems == ()
