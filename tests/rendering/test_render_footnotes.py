"""Footnote references, the notes section and the problems footnotes can have."""

import re

from posts.rendering import render


def refs(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<sup class="footnote-ref"><a href="#([^"]+)" id="([^"]+)"[^>]*>(\d+)</a></sup>', html
    )


def test_a_reference_links_to_its_note_by_number():
    result = render("Tekst.[^1]\n\n[^1]: De noot.")
    assert refs(result.html) == [("fn-1", "fnref-1", "1")]
    assert '<li id="fn-1">' in result.html


def test_a_reference_has_an_accessible_name_with_the_number():
    html = render("Tekst.[^1]\n\n[^1]: De noot.").html
    assert re.search(r'<a href="#fn-1" id="fnref-1" aria-label="[^"]*1">1</a>', html)


def test_notes_are_numbered_in_order_of_first_reference():
    result = render("Eerst[^b] dan[^a] en weer[^b].\n\n[^a]: Noot a.\n[^b]: Noot b.")
    assert [(note.label, note.number) for note in result.footnotes] == [("b", 1), ("a", 2)]
    assert [number for _, _, number in refs(result.html)] == ["1", "2", "1"]


def test_repeated_references_get_distinct_ids_and_each_gets_a_backlink():
    result = render("Een[^1], twee[^1], drie[^1].\n\n[^1]: Noot.")
    assert [ref_id for _, ref_id, _ in refs(result.html)] == ["fnref-1", "fnref-1-2", "fnref-1-3"]
    backlinks = re.findall(r'href="#(fnref-[^"]+)" class="footnote-backref"', result.html)
    assert backlinks == ["fnref-1", "fnref-1-2", "fnref-1-3"]
    assert result.html.count('<sup class="footnote-ref">') == 3


def test_backlinks_have_accessible_names():
    html = render("Een[^1].\n\n[^1]: Noot.").html
    assert re.search(r'class="footnote-backref" aria-label="[^"]+1">', html)


def test_word_labels_become_safe_ids():
    result = render("Zie[^bron-a] en[^Ünïcode.Label].\n\n[^bron-a]: A.\n[^Ünïcode.Label]: B.")
    ids = [note_id for note_id, _, _ in refs(result.html)]
    assert ids == ["fn-bron-a", "fn-unicode-label"]
    assert result.footnotes[1].label == "Ünïcode.Label"


def test_labels_that_would_share_an_id_get_different_ids():
    result = render("A[^x.y] B[^x-y]\n\n[^x.y]: Een.\n[^x-y]: Twee.")
    note_ids = re.findall(r'<li id="([^"]+)"', result.html)
    assert len(set(note_ids)) == 2


def test_a_label_cannot_take_the_id_of_another_notes_second_reference():
    result = render("A[^1] B[^1] C[^1-2]\n\n[^1]: Een.\n[^1-2]: Twee.")
    all_ids = re.findall(r'id="([^"]+)"', result.html)
    assert len(all_ids) == len(set(all_ids))


def test_a_reference_inside_a_table_cell_works():
    text = "| Wat | Bron |\n|---|---|\n| Cijfer | 12[^t] |\n\n[^t]: Tabelbron."
    result = render(text)
    assert re.search(r"<td>12<sup class=\"footnote-ref\">", result.html)
    assert result.html.count('<sup class="footnote-ref">') == 1


def test_definitions_written_as_list_items_move_to_the_notes_and_leave_no_empty_list():
    text = "Tekst[^1][^2].\n\n## Bronnen\n\n- [^1]: **A** - Een\n- [^2]: **B** - Twee\n"
    result = render(text)
    assert "<ul>" not in result.html
    assert not re.search(r"<li>\s*</li>", result.html)
    assert [note.source.publisher for note in result.footnotes] == ["A", "B"]


def test_a_list_mixing_definitions_and_items_keeps_only_the_items():
    result = render("Tekst[^1].\n\n- gewoon punt\n- [^1]: Noot\n")
    assert re.search(r"<ul>\s*<li>gewoon punt</li>\s*</ul>", result.html)


def test_a_trailing_heading_above_only_definitions_becomes_the_notes_heading():
    result = render("Tekst[^1].\n\n## Bronnen\n\n- [^1]: Noot\n")
    assert '<h2 id="footnotes-heading">Bronnen</h2>' in result.html
    assert result.html.count("<h2") == 1
    assert result.headings[-1].text == "Bronnen"


def test_without_a_trailing_heading_the_notes_get_the_default_heading():
    result = render("Tekst[^1].\n\n[^1]: Noot.")
    assert re.search(
        r'<section class="footnotes" aria-labelledby="footnotes-heading">\s*'
        r'<h2 id="footnotes-heading">[^<]+</h2>\s*<ol>',
        result.html,
    )
    assert result.headings == ()


def test_a_heading_followed_by_content_is_not_taken_for_the_notes():
    result = render("Tekst[^1].\n\n## Slot\n\nLaatste woord.\n\n[^1]: Noot.")
    assert '<h2 id="slot">Slot</h2>' in result.html


def test_a_multi_paragraph_definition_keeps_all_paragraphs():
    text = "Tekst[^lang].\n\n[^lang]: Eerste alinea.\n\n    Tweede alinea.\n"
    result = render(text)
    note = result.footnotes[0]
    assert note.text == "Eerste alinea.\n\nTweede alinea."
    section = result.html.split('<section class="footnotes"')[1]
    assert re.search(
        r"<p>Tweede alinea\. <a href=\"#fnref-lang\" class=\"footnote-backref\"", section
    )


def test_footnote_text_is_the_stripped_markdown_source():
    result = render("A[^1]\n\n- [^1]: **iBestuur** - [Titel](https://ibestuur.nl/)  \n")
    assert result.footnotes[0].text == "**iBestuur** - [Titel](https://ibestuur.nl/)"


def test_a_note_keeps_its_inline_markup():
    html = render("A[^1]\n\n[^1]: Zie *dit*.").notes_html
    assert "<p>Zie <em>dit</em>. <a" in html


def test_an_undefined_reference_is_literal_text_and_an_error_with_its_line():
    result = render("Regel een.\nRegel twee[^3].\n")
    assert "[^3]" in result.html
    assert "footnote-ref" not in result.html
    (problem,) = result.problems
    assert (problem.code, problem.label, problem.line, problem.severity) == (
        "undefined",
        "3",
        2,
        "error",
    )
    assert "[^3]" in problem.message and "2" in problem.message
    assert result.has_errors


def test_an_undefined_label_with_markup_characters_is_escaped():
    html = render("Zie [^<b>x</b>].").html
    assert "<b>" not in html


def test_a_label_defined_twice_is_an_error_on_the_second_line_and_the_first_wins():
    result = render("A[^1]\n\n[^1]: Eerste.\n\n[^1]: Tweede.\n")
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.severity) == ("duplicate", 5, "error")
    assert "[^1]" in problem.message
    assert result.footnotes[0].text == "Eerste."
    assert "Tweede" not in result.html


def test_an_unused_definition_is_a_warning_and_still_rendered_last():
    result = render("A[^1]\n\n[^weg]: Ongebruikt.\n[^1]: Gebruikt.\n")
    (problem,) = result.problems
    assert (problem.code, problem.label, problem.line, problem.severity) == (
        "unused",
        "weg",
        3,
        "warning",
    )
    assert not result.has_errors
    assert [note.label for note in result.footnotes] == ["1", "weg"]
    assert "Ongebruikt." in result.html


def test_problems_are_listed_in_line_order():
    result = render("A[^x]\n\n[^ongebruikt]: Noot.\n\nB[^y]\n")
    assert [(p.code, p.line) for p in result.problems] == [
        ("undefined", 1),
        ("unused", 3),
        ("undefined", 5),
    ]


def test_a_reference_in_a_note_to_another_note_counts_as_use():
    result = render("A[^1]\n\n[^1]: Zie ook[^2].\n[^2]: Tweede.\n")
    assert result.problems == ()
    assert [note.number for note in result.footnotes] == [1, 2]


def test_a_reference_inside_code_is_not_a_reference():
    result = render("Schrijf `[^1]` zo.\n")
    assert "<code>[^1]</code>" in result.html
    assert result.problems == ()


def test_without_notes_there_is_no_notes_section():
    assert "footnotes" not in render("Gewoon tekst.").html


def test_a_note_citing_another_note_links_to_it():
    result = render("A[^1]\n\n[^1]: Zie ook[^2].\n[^2]: Tweede.\n")
    assert [note.number for note in result.footnotes] == [1, 2]
    assert 'href="#fn-2"' in result.notes_html
