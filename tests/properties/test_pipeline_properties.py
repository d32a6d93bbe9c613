"""Properties of ``render``: it never raises, its HTML is balanced, and footnotes add up."""

import re
import time
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posts.rendering import Rendered, render
from posts.rendering.parser import MAX_NESTING
from posts.rendering.sanitize import ALLOWED_TAGS, sanitize
from tests.properties.strategies import (
    admonitions,
    footnote_bodies,
    markdown_text,
    nested_containers,
    tables,
    unterminated_fences,
)

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})
_REF = re.compile(r'<sup class="footnote-ref"><a href="#([^"]+)" id="([^"]+)"')
_NOTE = re.compile(r'<li id="(fn-[^"]+)">')
_BACKREF = re.compile(r'<a href="#([^"]+)" class="footnote-backref"')


class _Balance(HTMLParser):
    """Tokenises without repairing anything, so that what it sees is what the string says."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"<{tag}> is not an allowed tag")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.errors.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> while {self.open[-1:] or 'nothing'} is open")
        else:
            self.open.pop()

    def handle_comment(self, data: str) -> None:
        self.errors.append("a comment survived")

    def handle_decl(self, decl: str) -> None:
        self.errors.append(f"a declaration survived: {decl[:40]!r}")

    def handle_pi(self, data: str) -> None:
        self.errors.append(f"a processing instruction survived: {data[:40]!r}")


def balance_errors(fragment: str) -> list[str]:
    """Why ``fragment`` is not well-formed: each element closed in order, nothing left open."""
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    return parser.errors + [f"<{tag}> is never closed" for tag in parser.open]


def assert_well_formed(result: Rendered) -> None:
    """Every fragment balances on its own (so the page that joins them does too), and the
    sanitised ones are a fixed point of the sanitiser: parsing them again changes nothing,
    so a browser builds the tree we checked. Balance alone is what html5ever's serialiser
    always gives; the fixed point is the stronger claim (raw HTML can break it, see below)."""
    fragments = {
        "body": result.body_html,
        "notes": result.notes_html,
        "summary": result.summary_html,
        "toc": result.toc_html,
    }
    errors = {name: balance_errors(html) for name, html in fragments.items()}
    assert {name: found for name, found in errors.items() if found} == {}
    for name in ("body", "notes", "summary"):
        # html5ever drops a byte order mark that opens its input, whatever follows.
        fragment = fragments[name].strip().removeprefix("\ufeff")
        assert sanitize(fragment).strip() == fragment, name


# Raw <style>, <svg> and the like are dropped before sanitising (posts/rendering/parser.py):
# left open, they would have the sanitiser drop all that follows, references and links too.
@pytest.mark.parametrize(
    "text",
    [
        "A <svg><foreignObject> B.[^1]\n\n[^1]: Noot.",
        "A[^1] B.\n\n[^1]: <style> noot",
    ],
)
def test_an_unclosed_raw_style_or_svg_keeps_references_and_backlinks(text):
    result = render(text)
    check_links(result)
    assert len(_BACKREF.findall(result.notes_html)) == len(_REF.findall(result.html)) == 1


def check_links(result: Rendered) -> None:
    """Each reference links to a note of the section, and that note links back to it."""
    notes = _NOTE.findall(result.notes_html)
    backrefs = set(_BACKREF.findall(result.notes_html))
    assert notes == [note.anchor for note in result.footnotes]
    assert [note.number for note in result.footnotes] == list(range(1, len(notes) + 1))
    for href, ref_id in _REF.findall(result.html):
        assert href in notes
        assert ref_id in backrefs


@given(markdown_text)
def test_any_text_renders_balanced_html_without_raising(text):
    result = render(text)
    assert_well_formed(result)
    check_links(result)
    assert render(text) == result


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_any_characters_at_all_render(text):
    result = render(text)
    assert_well_formed(result)
    assert "\x00" not in result.html


def _problems(result: Rendered, code: str) -> Counter:
    return Counter(problem.label for problem in result.problems if problem.code == code)


@given(footnote_bodies())
def test_every_reference_resolves_or_is_reported_and_every_definition_is_numbered(body):
    result = render(body.text)
    first = dict(reversed(body.definitions))  # the first definition of a label wins
    first = {label: first[label] for label, _ in body.definitions}
    refs = [*body.body_refs, *(ref for refs in first.values() for ref in refs)]
    notes = {note.label: note for note in result.footnotes}

    assert set(notes) == set(first), "every definition is numbered once"
    assert _problems(result, "undefined").keys() == {ref for ref in refs if ref not in first}
    defined_twice = Counter(label for label, _ in body.definitions) - Counter(first.keys())
    assert _problems(result, "duplicate") == defined_twice
    unused = _problems(result, "unused").keys()
    assert not unused & set(body.body_refs), "a note cited in the body is used"
    cited_by_other_notes = {ref for label, refs in first.items() for ref in refs if ref != label}
    assert set(first) - set(body.body_refs) - cited_by_other_notes <= unused

    links = Counter(href for href, _ in _REF.findall(result.body_html))
    expected = Counter(notes[ref].anchor for ref in body.body_refs if ref in notes)
    assert links == expected
    check_links(result)
    assert len(_BACKREF.findall(result.notes_html)) == len(_REF.findall(result.html))
    assert_well_formed(result)


@given(st.integers(1, 400), st.text(alphabet="->1", min_size=1, max_size=3))
def test_deeply_nested_lists_and_quotes_render(depth, markers):
    started = time.perf_counter()
    result = render(nested_containers(depth, markers) + "\n\nNa de diepte.[^1]\n\n[^1]: Noot.")
    assert time.perf_counter() - started < 5
    assert_well_formed(result)
    too_deep = [problem for problem in result.problems if problem.code == "too-deep"]
    assert "Na de diepte." in result.text or too_deep, "text is lost only with a warning"
    if depth <= MAX_NESTING // 2:
        assert "Na de diepte." in result.text and not too_deep


def test_the_text_after_a_ten_deep_ordered_list_is_kept():
    """Regression: markdown-it's default limit (20 levels) dropped the rest of the article."""
    result = render(nested_containers(10, "1") + "\n\nNa de lijst.[^1]\n\n[^1]: Noot.")
    assert "Na de lijst." in result.text
    assert len(result.footnotes) == 1
    assert result.problems == ()


def test_nesting_past_the_limit_is_a_warning_at_its_line():
    result = render("Boven.\n\n" + nested_containers(60, "-") + "\n\nNa de lijst.")
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.is_error) == ("too-deep", 3 + 49, False)
    assert "50" in problem.describe()


@given(st.one_of(admonitions(), tables(), unterminated_fences))
def test_admonitions_tables_and_fences_render_balanced(text):
    assert_well_formed(render(text))


@given(st.lists(st.one_of(admonitions(), tables(), unterminated_fences), max_size=4))
def test_mixed_blocks_render_balanced(blocks):
    result = render("\n\n".join(blocks))
    assert_well_formed(result)
    check_links(result)


def _timed(text: str) -> tuple[Rendered, float]:
    """The result and the processor time it took (other work on a shared machine aside)."""
    started = time.process_time()
    result = render(text)
    return result, time.process_time() - started


def test_five_thousand_footnotes_render_in_seconds():
    body = "\n\n".join(f"Zin {n}.[^n{n}]" for n in range(5000))
    definitions = "\n".join(f"[^n{n}]: Noot {n}." for n in range(5000))
    result, seconds = _timed(f"{body}\n\n{definitions}")
    assert seconds < 10
    assert [note.number for note in result.footnotes] == list(range(1, 5001))
    assert result.problems == ()
    check_links(result)


@pytest.mark.parametrize("depth", [300])
def test_three_hundred_nested_quotes_lists_and_admonitions_render(depth):
    text = "\n\n".join(
        [
            "> " * depth + "diep",
            nested_containers(depth, "-1>"),
            "\n".join(":" * (3 + depth - n) + "warning" for n in range(depth)),
        ]
    )
    result, seconds = _timed(text)
    assert seconds < 5
    assert_well_formed(result)


def test_a_five_megabyte_body_renders_within_twenty_seconds():
    paragraph = "Een zin met *nadruk*, een [link](https://example.org/) en een noot.[^n] " * 8
    text = "\n\n".join(f"## Deel {n}\n\n{paragraph}" for n in range(8500)) + "\n\n[^n]: Noot.\n"
    assert len(text.encode()) >= 5_000_000
    result, seconds = _timed(text)
    assert seconds < 20
    assert result.html.count('<sup class="footnote-ref">') == 8500 * 8
    assert len(result.headings) == 8500
