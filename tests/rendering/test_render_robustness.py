"""Odd input, size, determinism, plain text and reading time."""

import time

import pytest

from posts.rendering import Rendered, render


@pytest.mark.parametrize("text", ["", "   \n\t\n  "])
def test_an_empty_or_blank_body_renders_to_nothing(text):
    result = render(text)
    assert result.html == result.summary_html == result.text == result.toc_html == ""
    assert (result.word_count, result.reading_minutes) == (0, 0)
    assert result.problems == () and not result.has_errors


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "\ud800 lone surrogate",
        "[^",
        "[^]: leeg",
        "[^1]:",
        "[^1]: [^1]\n\nA[^1]",
        ":::",
        ":::note",
        "::::::::::warning[",
        "> " * 200 + "diep",
        "- " * 200 + "diep",
        "[" * 500 + "]" * 500,
        "*" * 1000,
        "<" * 300,
        "```" * 50,
        "| a |\n|---|\n" + "| [^x] |\n" * 20,
        "# \n## \n###",
        "\r\nWindows\r\nregels[^1]\r\n\r\n[^1]: noot\r\n",
        "<!--truncate-->",
        "{/* truncate */}",
        "<div>\n<!--truncate-->\n</div>",
        "Zie[^a]\n\n- [^a]: **X** -\n- [^b]: ** ** - y",
        "\ufeff\u200b\u202e tekst",
    ],
)
def test_odd_input_never_raises(text):
    assert isinstance(render(text), Rendered)


def test_windows_line_endings_give_the_right_problem_lines():
    result = render("A\r\nB[^x]\r\n")
    assert result.problems[0].line == 2


def test_rendering_is_deterministic():
    text = (
        "## Kop\n\nA[^b] en B[^a].\n\n:::tip Let op\nx\n:::\n\n[^a]: **X** - Y\n[^b]: Z\n[^c]: W\n"
    )
    first, second = render(text), render(text)
    assert first == second


def test_a_200_kb_body_renders_well_under_a_second():
    paragraph = "Een zin met *nadruk*, een [link](https://example.com/) en een noot.[^n] " * 8
    text = "\n\n".join(f"## Deel {i}\n\n{paragraph}" for i in range(340)) + "\n\n[^n]: **X** - Y\n"
    assert len(text.encode()) >= 200_000
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        result = render(text)
        timings.append(time.perf_counter() - started)
    assert result.html.count('<sup class="footnote-ref">') == 340 * 8
    assert min(timings) < 1.0


def test_the_text_has_no_markup_decoded_entities_and_single_spaces():
    result = render(
        "## Kop\n\nEen *mooie*   &amp; <b>vette</b>\nregel.[^1]\n\n[^1]: Bron &lt;x&gt;.\n"
    )
    assert result.text == "Kop Een mooie & vette regel. " + result.text.split("regel. ", 1)[1]
    assert result.text.endswith("Bron <x>.")
    assert "<" not in result.text.replace("<x>", "")


def test_the_text_leaves_out_reference_numbers_and_backlinks():
    result = render("Woord[^1] hier.\n\n[^1]: Bron.\n")
    assert "Woord hier." in result.text
    assert "\u21a9" not in result.text


def test_word_count_counts_the_body_words_but_not_the_notes():
    result = render("Een twee drie AI-assistenten risico's.[^1]\n\n[^1]: vier vijf zes.\n")
    assert result.word_count == 5
    assert "vier vijf zes" in result.text


@pytest.mark.parametrize(("words", "minutes"), [(1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_minutes_round_up_per_200_words(words, minutes):
    result = render(" ".join(["woord"] * words))
    assert (result.word_count, result.reading_minutes) == (words, minutes)


def test_a_body_without_words_still_takes_a_minute():
    assert render("---\n").reading_minutes == 1


def test_linking_the_notes_later_gives_the_same_html_as_linking_them_while_rendering():
    text = "Tekst[^1].\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/)\n"
    plain = render(text)
    linked = plain.with_source_links(lambda source: "/sources/cbs-cijfers/")
    assert linked.html == render(text, source_url=lambda source: "/sources/cbs-cijfers/").html
    assert linked.body_html == plain.body_html
    assert 'href="/sources/cbs-cijfers/"' in linked.notes_html
    assert "/sources/" not in plain.html
