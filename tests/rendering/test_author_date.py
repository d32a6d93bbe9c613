"""Author-date citations: the grammar, the links around them, and the reference list."""

import re

import pytest

from posts.rendering import CitedSource, render
from posts.rendering.authordate import find_citations, parse_entry
from posts.rendering.parser import MARKDOWN
from posts.rendering.sanitize import html_to_text

_CITE = re.compile(r'<(a|span) class="cite" id="([^"]+)"(?: href="([^"]*)")?>(.*?)</\1>', re.S)


def cited(text: str) -> list[tuple[str, str, str]]:
    """(the linked words, the names as registered, the year) of each citation in ``text``."""
    return [(text[f.start : f.end], f.names.display, f.year) for f in find_citations(text)]


def links(html: str) -> list[tuple[str, str, str | None, str]]:
    """(tag, id, href, words) of each citation in rendered HTML."""
    return [(tag, anchor, href or None, words) for tag, anchor, href, words in _CITE.findall(html)]


def register(cited_source: CitedSource) -> str:
    """A stand-in register: every source has a page."""
    return f"/sources/{cited_source.title.lower().replace(' ', '-')}/"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zegt (Baarsma, 2025).", [("Baarsma, 2025", "Baarsma", "2025")]),
        ("(Afonso et al., 2024)", [("Afonso et al., 2024", "Afonso et al.", "2024")]),
        ("(Noy et al, 2024)", [("Noy et al, 2024", "Noy et al.", "2024")]),
        (
            "(Moons en Veldhuizen, 2023)",
            [("Moons en Veldhuizen, 2023", "Moons & Veldhuizen", "2023")],
        ),
        (
            "(Brynjolfsson and McAfee, 2014)",
            [("Brynjolfsson and McAfee, 2014", "Brynjolfsson & McAfee", "2014")],
        ),
        (
            "(Davenport & Mittal, 2023)",
            [("Davenport & Mittal, 2023", "Davenport & Mittal", "2023")],
        ),
        (
            "(BZK, 2024; Yap, 2008)",
            [("BZK, 2024", "BZK", "2024"), ("Yap, 2008", "Yap", "2008")],
        ),
        ("(CBS, 2025)", [("CBS, 2025", "CBS", "2025")]),
        ("(WRR, 2024a)", [("WRR, 2024a", "WRR", "2024a")]),
        ("(van der Berg, 2020)", [("van der Berg, 2020", "van der Berg", "2020")]),
        (
            "(Dell\u2019Acqua et al., 2025)",
            [("Dell\u2019Acqua et al., 2025", "Dell\u2019Acqua et al.", "2025")],
        ),
        ("(Baarsma, 2025, p. 12)", [("Baarsma, 2025, p. 12", "Baarsma", "2025")]),
        ("(Gartner, z.d.)", [("Gartner, z.d.", "Gartner", "z.d.")]),
        ("(zie ook CBS, 2025)", [("CBS, 2025", "CBS", "2025")]),
        (
            "(Gartner, 2024b, 2024c)",
            [("Gartner, 2024b", "Gartner", "2024b"), ("2024c", "Gartner", "2024c")],
        ),
        (
            "(Ministerie van Binnenlandse Zaken en Koninkrijksrelaties, 2025)",
            [
                (
                    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties, 2025",
                    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
                    "2025",
                )
            ],
        ),
        (
            "(Sem & Stenersen Prokom AS, 2025)",
            [("Sem & Stenersen Prokom AS, 2025", "Sem & Stenersen Prokom AS", "2025")],
        ),
        (
            "(Afonso, Jalles, & Ven\u00e2ncio, 2024)",
            [("Afonso, Jalles, & Ven\u00e2ncio, 2024", "Afonso et al.", "2024")],
        ),
        ("Baarsma (2025) stelt", [("Baarsma (2025)", "Baarsma", "2025")]),
        ("Li et al. (2023) laten", [("Li et al. (2023)", "Li et al.", "2023")]),
        ("Acemoglu\u2019s (2024) benadering", [("Acemoglu\u2019s (2024)", "Acemoglu", "2024")]),
        ("van het IMF (2025).", [("IMF (2025)", "IMF", "2025")]),
        ("Van der Berg (2020) zegt", [("Van der Berg (2020)", "Van der Berg", "2020")]),
    ],
)
def test_author_date_citations_are_recognised(text, expected):
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "(zie hieronder)",
        "(2025)",
        "in 2025 (2025)",
        "(AI)",
        "(p. 3)",
        "(Rijksoverheid)",
        "(12 maart 2024)",
        "(maart 2024)",
        "(Rijksoverheid, 12 maart 2024)",
        "(Acemoglu)",
        "Erasmus (1466-1536)",
        "(2015-2024)",
        "(vorig jaar 15,4 procent )",
        "(Q2, 2025)",
        "In (2024) niets",
        "(bijvoorbeeld voor publiekscommunicatie)",
        "(zie hieronder, 2025)",
        "(CBS, 20250)",
    ],
)
def test_text_in_parentheses_that_is_not_a_citation_stays_plain(text):
    assert cited(text) == []
    assert 'class="cite"' not in render(text).html


@pytest.mark.parametrize(
    "text",
    [
        "Productiviteit (Baarsma, 2025) en (BZK, 2024; Yap, 2008).",
        "Het beeld (Baarsma en D\u2019Orey\nNeves, 2024) over twee regels, en Gartner (2024b).",
        "*Nadruk* (CBS, 2025) met **vet** en `code (CBS, 2025)` en [link (CBS, 2025)](https://x.nl/).",
        "| kop |\n| --- |\n| cel (Yap, 2008) |\n",
        "> Een citaat (Baarsma, 2025).\n\n- een lijst (Baarsma, 2025)\n",
    ],
)
def test_the_words_a_reader_sees_do_not_change(text):
    before = html_to_text(MARKDOWN.render(text))
    plain, linked = render(text), render(text, source_url=register)
    assert html_to_text(plain.body_html) == before
    assert html_to_text(linked.body_html) == before
    assert linked.author_date
    assert linked.text == plain.text


def test_each_citation_links_to_its_source_page_with_an_anchor():
    html = render("A (Baarsma, 2025). B (BZK, 2024; Yap, 2008).", source_url=register).body_html
    assert links(html) == [
        ("a", "cite-1", "/sources/baarsma-(2025)/", "Baarsma, 2025"),
        ("a", "cite-2", "/sources/bzk-(2024)/", "BZK, 2024"),
        ("a", "cite-3", "/sources/yap-(2008)/", "Yap, 2008"),
    ]
    assert "(<a" in html and "</a>; <a" in html and "</a>)." in html


def test_without_the_register_a_citation_is_a_span_the_source_page_can_point_at():
    result = render("Tekst (Baarsma, 2025).")
    assert links(result.body_html) == [("span", "cite-1", None, "Baarsma, 2025")]
    (citation,) = result.author_date
    assert (citation.label, citation.anchor, citation.number) == ("cite-1", "cite-1", 1)
    assert citation.text == "Baarsma, 2025"
    assert citation.source == CitedSource("Baarsma", "Baarsma (2025)", "", (), "2025")
    assert result.cited_sources == (citation.source,)


def test_a_source_the_register_does_not_know_keeps_its_words_unlinked():
    result = render("A (Baarsma, 2025) en (CBS, 2025).", source_url=lambda c: None)
    assert [tag for tag, *_ in links(result.body_html)] == ["span", "span"]


def test_two_citations_of_one_work_name_one_source():
    result = render(
        "A (Moons en Veldhuizen, 2023). B (Moons & Veldhuizen, 2023). "
        "C Moons and Veldhuizen (2023). D (Moons en Veldhuizen, 2024)."
    )
    sources = [c.source for c in result.author_date]
    assert len(sources) == 4
    assert sources[0] == sources[1] == sources[2] != sources[3]
    assert sources[0].title == "Moons & Veldhuizen (2023)"
    assert sources[0].creators == ("Moons", "Veldhuizen")
    assert len(result.cited_sources) == 2


def test_the_letter_after_the_year_tells_two_works_apart():
    result = render("(Gartner, 2024b) en Gartner (2024b) en (Gartner, 2024c).")
    titles = [c.source.title for c in result.author_date]
    assert titles == ["Gartner (2024b)", "Gartner (2024b)", "Gartner (2024c)"]
    assert {c.source.issued for c in result.author_date} == {"2024"}


def test_a_page_number_is_kept_with_the_citation_not_the_source():
    result = render("A (Baarsma, 2025, p. 12) en B (Baarsma, 2025).")
    first, second = result.author_date
    assert (first.locator, second.locator) == ("p. 12", "")
    assert first.source == second.source


REFERENCES = """\
De productiviteit daalt (Baarsma, 2025). Volgens Acemoglu (2024) valt het mee, maar
Afonso et al. (2024) en (Moons en Veldhuizen, 2023) zien ruimte. Onbekend (2020) en
(CBS, 2025) staan niet in de lijst.

## Literatuur

- Acemoglu, D. (2024). The simple macroeconomics of AI. *Economic Policy*, 40(121), 13-58.
- Afonso, A., Jalles, J. T., & Ven\u00e2ncio, A. (2024). Public sector efficiency. Springer.
- Baarsma, B. (2025). [Productiviteit in de publieke sector](https://esb.nu/productiviteit). ESB.
- Moons, E. en Veldhuizen, S. (2023). Uitvoeringsorganisaties. CPB.
"""


def test_a_reference_list_gives_the_citations_their_works():
    result = render(REFERENCES)
    by_text = {c.text: c.source for c in result.author_date}
    assert by_text["Baarsma, 2025"] == CitedSource(
        "ESB",
        "Productiviteit in de publieke sector",
        "https://esb.nu/productiviteit",
        ("Baarsma, B.",),
        "2025",
    )
    assert by_text["Acemoglu (2024)"].title == "The simple macroeconomics of AI"
    assert by_text["Acemoglu (2024)"].publisher == "Economic Policy"
    assert by_text["Afonso et al. (2024)"].creators == (
        "Afonso, A.",
        "Jalles, J. T.",
        "Ven\u00e2ncio, A.",
    )
    assert by_text["Moons en Veldhuizen, 2023"].title == "Uitvoeringsorganisaties"
    assert by_text["CBS, 2025"].title == "CBS (2025)"


def test_with_a_reference_list_a_narrative_citation_must_name_an_entry():
    texts = [c.text for c in render(REFERENCES).author_date]
    assert "Acemoglu (2024)" in texts
    assert "Onbekend (2020)" not in texts


def test_citations_point_at_their_entry_until_the_register_knows_them():
    html = render(REFERENCES).body_html
    first = links(html)[0]
    assert first[2] == "#cite-ref-3"
    assert '<li id="cite-ref-3">Baarsma, B. (2025).' in html
    assert 'class="cite"' not in html[html.index('id="literatuur"') :]
    linked = render(REFERENCES, source_url=register).body_html
    assert links(linked)[0][2] == "/sources/productiviteit-in-de-publieke-sector/"


@pytest.mark.parametrize(
    ("entry", "families", "year", "title", "publisher"),
    [
        (
            "Baarsma, B., & D\u2019Orey Neves, S. (2024). Lage uitgaven. Rabobank.",
            ("Baarsma", "D\u2019Orey Neves"),
            "2024",
            "Lage uitgaven",
            "Rabobank",
        ),
        (
            "CBS. (2025). Productiviteit 2015-2024. CBS.",
            ("CBS",),
            "2025",
            "Productiviteit 2015-2024",
            "CBS",
        ),
        (
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (2025). Externe inhuur.",
            ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",),
            "2025",
            "Externe inhuur",
            "",
        ),
        (
            "Gartner (2024b). Hype cycle: AI. Gartner.",
            ("Gartner",),
            "2024b",
            "Hype cycle: AI",
            "Gartner",
        ),
    ],
)
def test_reference_entries_are_read(entry, families, year, title, publisher):
    parsed = parse_entry(entry)
    assert (parsed.families, parsed.year, parsed.title, parsed.publisher) == (
        families,
        year,
        title,
        publisher,
    )


@pytest.mark.parametrize("entry", ["Zomaar een zin.", "(2025). Geen namen.", "Baarsma (2025)."])
def test_lines_that_are_not_reference_entries_are_not(entry):
    assert parse_entry(entry) is None


def test_an_entry_without_publisher_is_published_by_its_authors():
    entry = "Afonso, A., Jalles, J., & Yap, K. (2024). Efficiency."
    result = render(f"(Afonso et al., 2024)\n\n## Bronnen\n\n- {entry}\n")
    assert result.author_date[0].source.publisher == "Afonso et al."


def test_citation_labels_never_take_a_footnote_label():
    result = render("Tekst (Baarsma, 2025)[^cite-1].\n\n[^cite-1]: Een noot.\n")
    assert result.footnotes[0].label == "cite-1"
    assert result.author_date[0].label == "cite-1-2"


def test_a_heading_never_takes_a_citation_anchor():
    result = render("## Cite 1\n\nTekst (Baarsma, 2025).")
    assert result.headings[0].id != "cite-1"
    assert result.body_html.count('id="cite-1"') == 1


def test_the_summary_shows_the_words_without_the_citation_markup():
    result = render("Eerste alinea (Baarsma, 2025).\n\nTweede.", source_url=register)
    assert result.summary_html == "<p>Eerste alinea (Baarsma, 2025).</p>"
    assert 'class="cite"' in result.body_html


def test_footnotes_and_author_date_citations_are_both_cited_sources():
    result = render("Tekst[^1] (Baarsma, 2025).\n\n[^1]: **CBS** - [Statline](https://cbs.nl/)\n")
    assert [s.publisher for s in result.cited_sources] == ["CBS", "Baarsma"]
