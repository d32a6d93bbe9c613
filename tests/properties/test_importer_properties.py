"""Properties of the importer: any file parses or fails cleanly, naming itself, and a failed
import writes nothing."""

import tempfile
import time
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog_project.importing import ImportFailed, import_paths
from blog_project.importing.entries import ParsedPost
from blog_project.importing.errors import InvalidFile
from blog_project.importing.folders import FolderCatalog
from blog_project.importing.loading import parse_paths
from blog_project.importing.parsing import parse_file
from blog_project.importing.reading import FoundFile
from tests.importing.helpers import FIXTURES
from tests.importing.test_import import snapshot
from tests.properties.strategies import (
    alias_bomb,
    dump_yaml,
    front_matter_values,
    markdown_text,
    raw_front_matter,
)

NAMES = st.sampled_from(["2021-05-12-bericht.md", "bericht.mdx", "notitie.txt", "a/index.md"])


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _lines(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


def parse_or_fail(name: str, data: bytes) -> ParsedPost | InvalidFile:
    """The file parsed, or the InvalidFile it raised (in English), checked to name the file
    and a line of it; parsing and checking the whole run agree, and nothing else is raised."""
    with tempfile.TemporaryDirectory() as folder, translation.override("en"):
        path = _write(Path(folder), name, data)
        started = time.perf_counter()
        try:
            outcome: ParsedPost | InvalidFile = parse_file(
                FoundFile(path, Path(folder)), FolderCatalog()
            )
        except InvalidFile as exc:
            outcome = exc
            assert exc.problem.path == path
            assert 0 <= exc.problem.line <= _lines(data)
        posts, problems = parse_paths([path])
        assert time.perf_counter() - started < 5
        assert {problem.path for problem in problems} <= {path}
        assert all(0 <= problem.line <= _lines(data) for problem in problems)
        assert len(posts) + bool(problems) == 1
        if isinstance(outcome, InvalidFile):
            assert problems[0] == outcome.problem
        return outcome


def front_matter_file(values: str, body: str) -> bytes:
    return f"---\n{values}\n---\n{body}\n".encode("utf-8", "surrogatepass")


@given(NAMES, front_matter_values, markdown_text)
def test_any_front_matter_parses_or_names_the_file_and_line(name, values, body):
    parse_or_fail(name, front_matter_file(dump_yaml(values), body))


@given(NAMES, raw_front_matter, markdown_text)
def test_broken_yaml_parses_or_names_the_file_and_line(name, values, body):
    parse_or_fail(name, front_matter_file(values, body))


@given(NAMES, st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n", b"# "]), st.binary())
def test_any_bytes_parse_or_name_the_file_and_line(name, head, data):
    parse_or_fail(name, head + data)


@pytest.mark.parametrize("key", ["title", "tags", "image", "authors", "date", "unknown"])
def test_an_alias_bomb_is_refused_at_its_first_alias_at_once(key):
    started = time.perf_counter()
    outcome = parse_or_fail("bom.md", front_matter_file(alias_bomb(key=key), "Tekst."))
    assert time.perf_counter() - started < 2
    assert isinstance(outcome, InvalidFile)
    assert outcome.problem.line == 3  # the fence, a0, then a1 with the first alias
    assert "alias" in outcome.problem.message


def test_a_single_harmless_alias_is_refused_too():
    outcome = parse_or_fail("p.md", front_matter_file("title: &t Titel\ndescription: *t", "X"))
    assert isinstance(outcome, InvalidFile)
    assert outcome.problem.line == 3


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_yaml_nested_thousands_deep_is_refused_with_its_line(opener):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    nested = "\n".join(" " * n + opener for n in range(3000)) if opener == "- " else None
    values = nested or "x: " + opener * 3000 + "1" * (opener != "[") + closer * 3000
    outcome = parse_or_fail("diep.md", front_matter_file(values, "Tekst."))
    assert isinstance(outcome, InvalidFile)
    assert outcome.problem.line >= 2
    assert "deep" in outcome.problem.message


def test_fifty_levels_of_nesting_are_still_read():
    values = "tags: " + "[" * 49 + "a" + "]" * 49
    outcome = parse_or_fail("p.md", front_matter_file(values, "Tekst."))
    assert isinstance(outcome, InvalidFile)
    assert "tag" in outcome.problem.message


@pytest.mark.parametrize("size", [1_000_000])
def test_a_huge_front_matter_string_fails_fast_with_its_line(size):
    started = time.perf_counter()
    outcome = parse_or_fail("p.md", front_matter_file(f"title: ok\ndraft: {'x' * size}", "X"))
    assert time.perf_counter() - started < 10
    assert isinstance(outcome, InvalidFile)
    assert outcome.problem.line == 3


@pytest.mark.django_db
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.builds(front_matter_file, front_matter_values.map(dump_yaml), markdown_text),
        st.builds(front_matter_file, raw_front_matter, markdown_text),
        st.binary(),
    )
)
def test_an_import_writes_everything_or_fails_naming_the_file_and_writes_nothing(data):
    if not snapshot()["posts"]:
        import_paths([FIXTURES / "docusaurus"])
    before = snapshot()
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), "2022-01-01-bestand.md", data)
        try:
            report = import_paths([path])
        except ImportFailed as failed:
            assert {problem.path for problem in failed.problems} == {path}
            assert snapshot() == before
        else:
            assert report.created + report.updated + report.unchanged == 1


def test_a_control_character_in_the_front_matter_names_its_line():
    outcome = parse_or_fail("p.md", front_matter_file("title: Goed\ndescription: \x1f", "X"))
    assert isinstance(outcome, InvalidFile)
    assert outcome.problem.line == 3
    assert "#x001f" in outcome.problem.message
