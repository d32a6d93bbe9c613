"""Reading Docusaurus and plain-text files into parsed posts, without the database."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from blog_project.importing.docusaurus import slug_and_date_from_path
from blog_project.importing.errors import InvalidFile
from blog_project.importing.folders import FolderCatalog
from blog_project.importing.parsing import MARKDOWN, PLAIN_TEXT, parse_file
from blog_project.importing.reading import FoundFile, find_files, read_text
from tests.importing.helpers import FIXTURES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DOCUSAURUS = FIXTURES / "docusaurus"


def parse(path: Path, root: Path | None = None):
    return parse_file(FoundFile(path, root or path.parent), FolderCatalog())


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize(
    "name",
    [
        "2021-05-12-announcing-x.md",
        "2021-05-12-announcing-x/index.md",
        "2021/05/12/announcing-x.md",
    ],
)
def test_a_date_in_the_file_name_gives_slug_date_and_docusaurus_address(name):
    slug, day, old = slug_and_date_from_path(Path("blog") / name, Path("blog"))
    assert (slug, day.isoformat(), old) == (
        "announcing-x",
        "2021-05-12",
        "/2021/05/12/announcing-x",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mijn Eerste Bericht.md", ("mijn-eerste-bericht", None, "/Mijn Eerste Bericht")),
        ("releases/v2.2.md", ("v2-2", None, "/releases/v2.2")),
        (
            "nieuws/2024-5-3-Groot.Nieuws/index.mdx",
            ("groot-nieuws", "2024-05-03", "/2024/5/3/nieuws/Groot.Nieuws"),
        ),
    ],
)
def test_a_file_name_gives_our_slug_and_keeps_the_old_address_exactly(name, expected):
    slug, day, old = slug_and_date_from_path(Path("blog") / name, Path("blog"))
    assert (slug, day and day.isoformat(), old) == expected


def test_without_slug_or_title_the_file_name_and_first_heading_are_used():
    post = parse(DOCUSAURUS / "2021-05-12-announcing-x.md", DOCUSAURUS)
    assert post.kind == MARKDOWN
    assert post.slug == "announcing-x"
    assert post.title == "Aankondiging van het register"
    assert post.body.startswith("Het register maakt algoritmes zichtbaar.")
    # Docusaurus reads a date without a zone (here, the file name's) as UTC.
    assert post.publish_at == datetime(2021, 5, 12, tzinfo=UTC)
    assert post.status == "published"


def test_authors_yml_and_tags_yml_fill_in_names_and_descriptions():
    post = parse(DOCUSAURUS / "2021-05-12-announcing-x.md", DOCUSAURUS)
    (anna,) = post.authors
    assert (anna.key, anna.name, anna.title) == (
        "anna",
        "Anna de Vries",
        "Redacteur digitale overheid",
    )
    assert [(t.slug, t.name, t.description) for t in post.tags] == [
        ("ai", "AI", "Kunstmatige intelligentie in het publieke domein."),
        ("open-data", "Open Data", ""),
    ]


def test_docusaurus_keys_we_do_not_use_are_kept_and_remote_images_are_not_fetched():
    post = parse(DOCUSAURUS / "2021-05-12-announcing-x.md", DOCUSAURUS)
    assert post.unknown_keys == []
    assert post.kept["sidebar_label"] == "Aankondiging"
    assert post.kept["last_update"]["date"] == "2021-06-01"
    assert post.updated_at == datetime(2021, 6, 1, tzinfo=UTC)
    assert "cover image not imported: /img/cover.png" in post.notes
    assert any("not fetched: https://cdn.example.com/anna.png" in note for note in post.notes)
    assert post.keywords == "algoritmes, register"


def test_a_post_in_its_own_folder_takes_the_folder_name_and_metadata_from_above():
    post = parse(DOCUSAURUS / "2021-06-01-folder-post" / "index.md", DOCUSAURUS)
    assert post.slug == "folder-post"
    assert [a.key for a in post.authors] == ["ruben", "sam-gast"]
    assert post.authors[0].name == "Ruben Jansen"
    assert (post.authors[1].title, post.authors[1].url) == ("Gastauteur", "https://example.net/sam")
    assert [(t.slug, t.name) for t in post.tags] == [
        ("open-source", "Open source"),
        ("overheid", "Overheid"),
    ]
    assert post.unlisted and post.hide_toc


def test_mdx_with_legacy_author_keys_draft_time_and_series():
    post = parse(DOCUSAURUS / "2021-07-01-mdx-post.mdx", DOCUSAURUS)
    assert post.slug == "mdx-bericht"
    assert post.status == "draft"
    assert post.publish_at == datetime(2021, 7, 2, 9, 30, tzinfo=AMSTERDAM)
    (joost,) = post.authors
    assert (joost.key, joost.name, joost.title) == ("joost-oud", "Joost Oud", "Oud-redacteur")
    assert (post.series.slug, post.series_position) == ("over-registers", 2)
    assert "{/* truncate */}" in post.body


def test_a_front_matter_title_wins_and_a_leading_heading_is_dropped(tmp_path):
    path = write(tmp_path, "p.md", "---\ntitle: De titel\n---\n\n# Bijna de titel\n\nTekst.\n")
    post = parse(path)
    assert (post.title, post.body) == ("De titel", "Tekst.")


def test_markdown_in_a_txt_file_is_recognised_from_the_content(tmp_path):
    path = write(tmp_path, "notitie.txt", "# Een kop\n\nTekst met een noot.[^1]\n\n[^1]: Bron.\n")
    post = parse(path)
    assert (post.kind, post.title, post.slug) == (MARKDOWN, "Een kop", "notitie")


def test_plain_text_is_a_draft_to_be_with_its_slug_from_the_title():
    post = parse(FIXTURES / "plain" / "artikel.txt")
    assert (post.kind, post.slug, post.status) == (PLAIN_TEXT, "open-data-in-de-gemeente", None)


def test_malformed_yaml_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "kapot.md", "---\ntitle: Goed\ntags: [ai, overheid\n---\nTekst.\n")
    with pytest.raises(InvalidFile) as caught:
        parse(path)
    assert str(caught.value).startswith(f"{path}:3: invalid YAML")


def test_a_wrongly_typed_value_names_its_line(tmp_path):
    path = write(tmp_path, "p.md", "---\ntitle: Goed\ndraft: misschien\n---\nTekst.\n")
    with pytest.raises(InvalidFile, match=r"p\.md:3: 'draft' should be true or false"):
        parse(path)


def test_an_unclosed_front_matter_is_an_error_on_line_one(tmp_path):
    path = write(tmp_path, "p.md", "---\ntitle: Goed\n\nTekst.\n")
    with pytest.raises(InvalidFile, match=r"p\.md:1: front matter is never closed"):
        parse(path)


def test_text_that_is_not_utf8_is_an_error_at_the_line_of_the_bad_byte(tmp_path):
    path = write(tmp_path, "oud.txt", "Titel\n\nCaf\u00e9 op regel drie.\n".encode("latin-1"))
    with pytest.raises(InvalidFile, match=r"oud\.txt:3: not UTF-8 text: byte 0xe9 at column 4"):
        read_text(path)


def test_a_byte_order_mark_and_windows_newlines_are_accepted(tmp_path):
    path = write(tmp_path, "p.txt", b"\xef\xbb\xbfTitel\r\n\r\nTekst.\r\n")
    assert read_text(path) == "Titel\n\nTekst.\n"


def test_folders_are_searched_recursively_for_article_files_only(tmp_path):
    for name in ["a.md", "sub/b.mdx", "sub/c.markdown", "d.txt", "e.yml", ".git/f.md", "_g.md"]:
        write(tmp_path, name, "x")
    found = [f.path.relative_to(tmp_path).as_posix() for f in find_files([tmp_path])]
    assert found == ["a.md", "d.txt", "sub/b.mdx", "sub/c.markdown"]


def test_a_missing_path_is_an_error():
    with pytest.raises(InvalidFile, match="no such file or folder"):
        find_files([Path("/nergens/te/vinden")])


def test_an_author_key_with_per_post_overrides_is_accepted(tmp_path):
    (tmp_path / "authors.yml").write_text(
        "slorber:\n  name: Sébastien Lorber\n  title: Docusaurus maintainer\n", encoding="utf-8"
    )
    post_file = tmp_path / "2024-01-01-release.md"
    post_file.write_text(
        "---\ntitle: Release\nauthors:\n  - key: slorber\n"
        "    image_url: https://github.com/slorber.png\n  - key: onbekend\n    name: Nieuw\n"
        "---\nTekst.\n",
        encoding="utf-8",
    )
    from blog_project.importing.loading import parse_paths

    posts, problems = parse_paths([tmp_path])
    assert problems == []
    slorber, other = posts[0].authors
    assert (slorber.key, slorber.name, slorber.title) == (
        "slorber",
        "Sébastien Lorber",
        "Docusaurus maintainer",
    )
    assert slorber.image_url == "https://github.com/slorber.png"
    assert (other.key, other.name) == ("onbekend", "Nieuw")


def test_an_author_key_with_a_hostile_override_is_refused_at_its_line(tmp_path):
    (tmp_path / "p.md").write_text(
        "---\ntitle: P\nauthors:\n  - key: eve\n    url: javascript:alert(1)\n---\nTekst.\n",
        encoding="utf-8",
    )
    from blog_project.importing.loading import parse_paths

    _, problems = parse_paths([tmp_path])
    assert [(p.path.name, p.line) for p in problems] == [("p.md", 3)]
    assert problems[0].message.startswith("the author's 'url' should be a web address")
