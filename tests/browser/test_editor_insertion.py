"""The desk's text logic (static/js/editor-text.js), run in Chromium through page.evaluate:
numbering notes, reusing a source's note, the "Bronnen" list, blocks on their own line, front
matter. No server is needed: the file is loaded into a blank page."""

from pathlib import Path

import pytest

from posts.bodies import render_body

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "editor-text.js"
AP = {
    "publisher": "Autoriteit Persoonsgegevens",
    "title": "Rapportage algoritmerisico's",
    "url": "https://www.autoriteitpersoonsgegevens.nl/",
}
WAAG = {"publisher": "Waag", "title": "Publieke waarden", "url": "https://waag.org/"}


@pytest.fixture
def text(page):
    """Calls ``EditorText.<name>(*args)`` in the page and answers its result."""
    page.add_script_tag(path=str(SCRIPT))

    def call(name: str, *args):
        return page.evaluate("([name, args]) => EditorText[name](...args)", [name, list(args)])

    return call


def cite(text, body: str, cursor: int, source: dict) -> dict:
    return text("citeSource", body, cursor, cursor, source, "Bronnen")


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("", 1),
        ("Tekst.[^1] Meer.[^2]\n\n[^1]: a\n[^2]: b", 3),
        ("Alleen een definitie.\n\n[^7]: a", 8),
        ("Namen tellen niet.[^bron] Wel[^3].\n\n[^bron]: x\n[^3]: y", 4),
        ("Code telt niet: `[^9]`\n\n```\n[^12]: geen noot\n```\nTekst.[^2]", 3),
    ],
)
def test_the_next_free_number_is_one_more_than_the_highest(text, body, number):
    assert text("nextFreeNumber", body) == number


def test_citing_in_an_empty_text_creates_the_bronnen_list(text):
    result = cite(text, "Een bewering.", len("Een bewering."), AP)
    assert result["text"] == (
        "Een bewering.[^1]\n\n## Bronnen\n\n"
        "[^1]: **Autoriteit Persoonsgegevens** - [Rapportage algoritmerisico's]"
        "(https://www.autoriteitpersoonsgegevens.nl/)\n"
    )
    assert (result["label"], result["reused"]) == ("1", False)
    assert result["start"] == result["end"] == len("Een bewering.[^1]")


def test_the_definition_joins_an_existing_bronnen_list_in_its_own_style(text):
    body = (
        "Eerste.[^1]\n\nTweede alinea.\n\n## Bronnen\n\n"
        "- [^1]: **Waag** - [Publieke waarden](https://waag.org/)\n"
    )
    at = body.index("Tweede alinea.") + len("Tweede alinea.")
    result = cite(text, body, at, AP)
    assert result["text"] == (
        "Eerste.[^1]\n\nTweede alinea.[^2]\n\n## Bronnen\n\n"
        "- [^1]: **Waag** - [Publieke waarden](https://waag.org/)\n"
        "- [^2]: **Autoriteit Persoonsgegevens** - [Rapportage algoritmerisico's]"
        "(https://www.autoriteitpersoonsgegevens.nl/)\n"
    )
    assert result["start"] == at + len("[^2]")


def test_a_bronnen_heading_without_notes_gets_the_first(text):
    body = "Tekst.\n\n## Bronnen\n"
    result = cite(text, body, len("Tekst."), WAAG)
    assert result["text"] == (
        "Tekst.[^1]\n\n## Bronnen\n\n[^1]: **Waag** - [Publieke waarden](https://waag.org/)\n"
    )


def test_notes_that_end_the_text_without_a_heading_are_the_list(text):
    body = "Tekst.[^a]\n\n[^a]: Een uitleg, geen bron."
    result = cite(text, body, len("Tekst."), WAAG)
    assert result["text"] == (
        "Tekst.[^1][^a]\n\n[^a]: Een uitleg, geen bron.\n"
        "[^1]: **Waag** - [Publieke waarden](https://waag.org/)"
    )


def test_citing_a_source_again_reuses_its_note(text):
    first = cite(text, "Eén.", len("Eén."), AP)
    body = first["text"]
    at = body.index("\n")
    body = body[:at] + " Twee." + body[at:]
    again = cite(
        text, body, at + len(" Twee."), {**AP, "title": "RAPPORTAGE  algoritmerisico\u2019s"}
    )
    assert (again["label"], again["reused"]) == ("1", True)
    assert again["text"].count("[^1]:") == 1
    assert again["text"].startswith("Eén.[^1] Twee.[^1]\n")
    # The same address is the same source too, whatever the title.
    by_url = cite(text, again["text"], 0, {**AP, "title": "Another title"})
    assert (by_url["label"], by_url["reused"]) == ("1", True)


def test_a_written_note_in_our_format_is_recognised_and_reused(text):
    body = (
        "Tekst.[^5]\n\n## Bronnen\n\n[^5]: **Waag** \u2013 [Publieke waarden](https://waag.org/)\n"
    )
    result = cite(text, body, 0, {**WAAG, "url": ""})
    assert (result["label"], result["reused"]) == ("5", True)


def test_what_the_desk_writes_registers_the_source(text):
    """The pipeline reads the note the desk writes as the same source, markup escaped."""
    source = {
        "publisher": "CBS *statistiek*",
        "title": "Cijfers [2024]",
        "url": "https://cbs.nl/a b",
    }
    body = cite(text, "Tekst.", len("Tekst."), source)["text"]
    (note,) = render_body(body).footnotes
    assert note.source is not None
    assert (note.source.publisher, note.source.title) == ("CBS *statistiek*", "Cijfers [2024]")
    assert note.source.url == "https://cbs.nl/a%20b"
    assert render_body(body).problems == ()


@pytest.mark.parametrize(
    ("body", "cursor", "expected"),
    [
        ("Een zin die doorloopt.", 4, "Een zin die doorloopt.\n\nIMG\n"),
        ("# Kop\n\nTekst.", 3, "# Kop\n\nIMG\n\nTekst."),
        ("Eerste.\n\n\n\nTweede.", 9, "Eerste.\n\nIMG\n\nTweede."),
        ("", 0, "IMG\n"),
    ],
)
def test_a_block_never_lands_mid_line(text, body, cursor, expected):
    result = text("insertBlock", body, cursor, cursor, "IMG")
    assert result["text"] == expected
    assert result["text"][result["start"] - 3 : result["start"]] == "IMG"


def test_wrapping_and_prefixing_lines(text):
    assert text("wrap", "een woord", 4, 9, "**", "**", "x")["text"] == "een **woord**"
    assert text("wrap", "een **woord**", 6, 11, "**", "**", "x")["text"] == "een woord"
    assert text("prefixLines", "a\nb\nc", 0, 3, "> ")["text"] == "> a\n> b\nc"
    assert text("prefixLines", "> a\n> b", 0, 7, "> ")["text"] == "a\nb"
    assert text("indent", "- a\n- b", 0, 7)["text"] == "  - a\n  - b"
    assert text("outdent", "  - a\n- b", 0, 9)["text"] == "- a\n- b"


def test_front_matter_is_split_from_the_body(text):
    file = (
        "---\nslug: releases/2.2\ntitle: 'Waarom bronnen tellen'\nauthors: [anna, bram]\n"
        "tags:\n  - overheid\n  - ai\ndate: 2026-09-01T10:30:00Z\n"
        'description: "Over voetnoten: waarom ze tellen."\n---\n\nDe tekst.[^1]\n'
    )
    split = text("splitFrontMatter", file)
    assert split["body"] == "De tekst.[^1]\n"
    assert split["data"] == {
        "slug": "releases/2.2",
        "title": "Waarom bronnen tellen",
        "authors": ["anna", "bram"],
        "tags": ["overheid", "ai"],
        "date": "2026-09-01T10:30:00Z",
        "description": "Over voetnoten: waarom ze tellen.",
    }
    assert text("slugify", "releases/2.2") == "releases-2-2"
    assert text("splitFrontMatter", "Geen kop.\n---\n") is None
