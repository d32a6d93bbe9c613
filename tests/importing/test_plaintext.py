"""Plain text to Markdown, without the database."""

from blog_project.importing.plaintext import to_markdown
from tests.importing.helpers import FIXTURES, words


def test_the_first_line_is_the_title_and_stays_out_of_the_body():
    result = to_markdown("Een titel\n\nDe eerste alinea.\n")
    assert result.title == "Een titel"
    assert result.body == "De eerste alinea."


def test_a_title_wrapped_over_two_lines_is_joined():
    result = to_markdown(
        "Van ambitie naar uitvoering. Een routekaart  \nvoor de overheid.\n\nTekst."
    )
    assert result.title == "Van ambitie naar uitvoering. Een routekaart voor de overheid."


def test_hard_wrapped_lines_of_a_paragraph_are_joined():
    text = "Titel\n\nDit is een zin die door\nhet programma is afgebroken en\nweer doorloopt.\n"
    assert (
        to_markdown(text).body
        == "Dit is een zin die door het programma is afgebroken en weer doorloopt."
    )


def test_a_word_hyphenated_at_the_line_end_is_joined_without_a_space():
    text = "Titel\n\nDe middelange-\ntermijn is lang, zegt de minister van\nFinanciën.\n"
    assert "middelange-termijn is lang" in to_markdown(text).body


def test_blank_line_paragraphs_stay_paragraphs():
    text = "Titel\n\nEerste alinea, een hele zin.\n\nTweede alinea, nog een zin.\n"
    assert to_markdown(text).body == "Eerste alinea, een hele zin.\n\nTweede alinea, nog een zin."


def test_lines_that_are_paragraphs_on_their_own_are_not_joined():
    long = (
        "Een lange alinea die op één regel staat en veel meer dan honderdtwintig tekens telt, " * 2
    )
    text = f"Titel\n{long.strip()}\n{long.strip()}\n"
    assert to_markdown(text).body.count("\n\n") == 1


def test_bullets_become_a_list_and_stray_replacement_characters_vanish():
    text = "Titel\n\nInleiding van de lijst:\n\n•  \ufffdeen\n•  \ufffdtwee\n"
    assert to_markdown(text).body == "Inleiding van de lijst:\n\n- een\n- twee"


def test_a_short_title_like_line_before_a_paragraph_becomes_a_heading():
    text = "Titel\n\nWaarom dit telt\n\nOmdat het telt. Daarom.\n\nNog een gewone zin.\n"
    assert to_markdown(text).body.startswith("## Waarom dit telt\n\nOmdat het telt.")


def test_a_line_with_closing_punctuation_does_not_become_a_heading():
    text = "Titel\n\nDit is een zin.\n\nOmdat het telt.\n"
    assert "##" not in to_markdown(text).body


def test_markdown_characters_in_plain_text_are_escaped():
    text = "Titel\n\n# geen kop, *geen nadruk* en <b>geen html</b>\n\n1. geen lijst\n"
    body = to_markdown(text).body
    assert body.startswith("\\# geen kop, \\*geen nadruk\\* en \\<b>geen html\\</b>")
    assert "1\\. geen lijst" in body


def test_web_addresses_are_left_unescaped():
    text = "Titel\n\nZie https://example.org/a_b?c=d_e voor meer.\n"
    assert "https://example.org/a_b?c=d_e" in to_markdown(text).body


def test_every_word_of_the_fixture_survives_in_order():
    text = (FIXTURES / "plain" / "artikel.txt").read_text()
    result = to_markdown(text)
    assert words(f"{result.title}\n{result.body}") == words(text)
