"""Recognising the cited source in a note, and linking notes to the source register."""

import pytest

from posts.rendering import CitedSource, render


def source_of(definition: str) -> CitedSource | None:
    return render(f"Tekst[^1].\n\n[^1]: {definition}\n").footnotes[0].source


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        (
            "**iBestuur** - [Risico's achterblijven AI overheid](https://ibestuur.nl/)",
            CitedSource("iBestuur", "Risico's achterblijven AI overheid", "https://ibestuur.nl/"),
        ),
        (
            "VNG - [Voorbeelden](https://vng.nl/)",
            CitedSource("VNG", "Voorbeelden", "https://vng.nl/"),
        ),
        (
            "**Rathenau Instituut** - Rapporten AI-adoptie en maatschappelijke risico's",
            CitedSource(
                "Rathenau Instituut", "Rapporten AI-adoptie en maatschappelijke risico's", ""
            ),
        ),
        (
            "**Waag** \u2013 [Kloof](https://waag.org/)",
            CitedSource("Waag", "Kloof", "https://waag.org/"),
        ),
        ("**Waag** \u2014 Kloof.", CitedSource("Waag", "Kloof", "")),
        (
            "**Waag**: [Kloof](https://waag.org/).",
            CitedSource("Waag", "Kloof", "https://waag.org/"),
        ),
        ("**Waag:** Kloof", CitedSource("Waag", "Kloof", "")),
        ("Rijksoverheid: Visie op AI;", CitedSource("Rijksoverheid", "Visie op AI", "")),
        ("Noord-Holland - Plan", CitedSource("Noord-Holland", "Plan", "")),
        ("**CBS** - \u201cStatistiek\u201d", CitedSource("CBS", "Statistiek", "")),
    ],
)
def test_the_source_patterns_are_recognised(definition, expected):
    assert source_of(definition) == expected


@pytest.mark.parametrize(
    "definition",
    [
        "Dit is gewoon een toelichting zonder bron.",
        "[Alleen een link](https://example.com/)",
        "**Vet** zonder scheiding",
        "`code` - iets",
    ],
)
def test_notes_without_a_source_pattern_have_no_source(definition):
    assert source_of(definition) is None


def test_a_note_whose_first_block_is_not_a_paragraph_has_no_source():
    text = "Tekst[^1].\n\n[^1]:\n    ```\n    code\n    ```\n"
    assert render(text).footnotes[0].source is None


def test_source_url_adds_a_register_link_beside_the_external_link():
    text = "Tekst[^1].\n\n[^1]: **iBestuur** - [Risico's](https://ibestuur.nl/)\n"
    result = render(text, source_url=lambda source: "/sources/ibestuur-risicos/")
    item = result.html.split('<li id="fn-1">')[1]
    assert 'href="https://ibestuur.nl/"' in item
    assert '<a class="footnote-source" href="/sources/ibestuur-risicos/">' in item
    assert item.index("footnote-source") < item.index("footnote-backref")


def test_source_url_returning_none_adds_no_register_link():
    text = "Tekst[^1].\n\n[^1]: **iBestuur** - Titel\n"
    assert "footnote-source" not in render(text, source_url=lambda source: None).html


def test_source_url_is_asked_once_per_distinct_source():
    asked: list[CitedSource] = []
    text = "A[^1] B[^2] C[^3]\n\n[^1]: **X** - Een\n[^2]: **X** - Een\n[^3]: **Y** - Twee\n"
    render(text, source_url=lambda source: asked.append(source) or "/s/")
    assert asked == [CitedSource("X", "Een", ""), CitedSource("Y", "Twee", "")]


def test_source_url_is_not_asked_for_notes_without_a_source():
    asked: list[CitedSource] = []
    render("A[^1]\n\n[^1]: Gewoon tekst.\n", source_url=lambda source: asked.append(source))
    assert asked == []


def test_an_unsafe_register_url_is_dropped():
    text = "A[^1]\n\n[^1]: **X** - Een\n"
    html = render(text, source_url=lambda source: "javascript:alert(1)").html
    assert "javascript:" not in html


def test_the_register_link_is_not_part_of_the_text():
    text = "A[^1]\n\n[^1]: **X** - Een\n"
    result = render(text, source_url=lambda source: "/s/x/")
    assert "footnote-source" in result.notes_html
    assert result.text.endswith("X - Een")
