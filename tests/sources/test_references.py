"""Sources as references: metadata mapped onto CSL-JSON, formatted in APA and exported as
CSL-JSON, BibTeX and RIS that the same libraries read back."""

import json
from datetime import date

import bibtexparser
import pytest
import rispy
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from posts.models import Post
from sources.identifiers import isbn_is_valid, normalise_doi
from sources.models import Source

pytestmark = pytest.mark.django_db

KINDS = {
    Source.Kind.REPORT: dict(
        publisher="CBS",
        title="Vertrouwen in de overheid",
        issued="2024-05",
        url="https://www.cbs.nl/vertrouwen",
    ),
    Source.Kind.ARTICLE: dict(
        publisher="Boom",
        title="AI in de publieke sector",
        creators="Baarsma, Barbara\nYap, Jan",
        container_title="Tijdschrift voor Beleid",
        issued="2025",
        doi="https://doi.org/10.1234/tvb.2025.1",
    ),
    Source.Kind.WEBPAGE: dict(
        publisher="Ministerie van BZK",
        title="Het Algoritmeregister",
        container_title="Overheid.nl",
        issued="2023-01-15",
        url="https://algoritmes.overheid.nl",
        accessed=date(2024, 2, 1),
    ),
    Source.Kind.LEGISLATION: dict(
        publisher="Staten-Generaal", title="Wet open overheid", issued="2021"
    ),
    Source.Kind.DATASET: dict(
        publisher="CBS",
        title="Bevolking per gemeente",
        issued="2024",
        url="https://opendata.cbs.nl/x",
    ),
    Source.Kind.BOOK: dict(
        publisher="Amsterdam University Press",
        title="Digitale overheid",
        creators="Moons, Anne",
        issued="2022",
        isbn="978-90-485-0000-0",
    ),
    Source.Kind.CHAPTER: dict(
        publisher="Boom",
        title="Algoritmes en recht",
        creators="Veldhuizen, Pim",
        container_title="Handboek digitale overheid",
        issued="2020",
    ),
    Source.Kind.NEWS: dict(
        publisher="NRC",
        title="Toeslagen opnieuw onder vuur",
        creators="Jansen, Kees",
        container_title="NRC",
        issued="2024-03-02",
        url="https://www.nrc.nl/toeslagen",
    ),
}


def make(kind: str, **fields) -> Source:
    slug = slugify(f"{kind} {fields['title'][:20]}")
    source = Source(kind=kind, slug=slug, **fields)
    source.full_clean(exclude=["key"])
    source.save()
    return source


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_type_is_formatted_in_apa_and_read_back_in_every_format(client, kind):
    source = make(kind, **KINDS[kind])
    item = source.to_csl()
    assert item["type"] == kind and item["title"] == KINDS[kind]["title"]
    assert KINDS[kind]["title"] in source.reference_html
    year = KINDS[kind]["issued"][:4]
    assert f"({year}" in source.reference_html

    base = f"/sources/{source.slug}/reference"
    csl = json.loads(client.get(f"{base}.json").content)
    assert csl == [item]
    (entry,) = bibtexparser.parse_string(client.get(f"{base}.bib").content.decode()).entries
    assert entry.fields_dict["title"].value.strip("{}") == item["title"]
    assert entry.fields_dict["year"].value == year
    (record,) = rispy.loads(client.get(f"{base}.ris").content.decode())
    assert (record["title"], record["year"]) == (item["title"], year)
    assert record["authors"] == [
        f"{n['family']}, {n['given']}" if "family" in n else n["literal"] for n in item["author"]
    ]


def test_apa_details_authors_doi_and_group_authors():
    article = make(Source.Kind.ARTICLE, **KINDS[Source.Kind.ARTICLE])
    assert article.doi == "10.1234/tvb.2025.1"  # pasted as an address, kept as the DOI
    assert article.reference_html.startswith("Baarsma, B., &amp; Yap, J. (2025).")
    assert "https://doi.org/10.1234/tvb.2025.1" in article.reference_html
    report = make(Source.Kind.REPORT, **KINDS[Source.Kind.REPORT])
    # No authors: the publisher is the group author, and is not repeated as publisher.
    assert report.reference_html.startswith("CBS. (2024).")
    assert report.reference_html.count("CBS") == 1


def test_a_hostile_title_is_text_in_the_reference_and_in_the_downloads(client):
    source = make(Source.Kind.REPORT, publisher="X", title='<img src=x onerror="alert(1)"> & co')
    assert "<img" not in source.reference_html and "&lt;img" in source.reference_html
    page = client.get(source.get_absolute_url()).content.decode()
    assert "<img src=x" not in page


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("978-90-485-0000-0", True),
        ("9789048500000", True),
        ("90-485-0000-X", False),
        ("0-306-40615-2", True),
        ("978-90-485-0000-2", False),
        ("12345", False),
    ],
)
def test_isbn_check_digits(value, valid):
    assert isbn_is_valid(value) is valid


def test_a_bad_doi_isbn_or_date_is_refused_with_a_message():
    source = Source(publisher="X", title="Y", slug="x-y", doi="11.1/abc", isbn="978-90-485-0000-2")
    source.issued = "2024-13"
    with pytest.raises(ValidationError) as error:
        source.full_clean(exclude=["key"])
    assert set(error.value.message_dict) == {"doi", "isbn", "issued"}
    assert normalise_doi("doi:10.1000/182") == "10.1000/182"


def test_the_register_downloads_whole_in_each_format(client, make_post):
    make_post(
        body="Tekst.[^1] Meer.[^2]\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/c)\n"
        "[^2]: **RIVM** - [Rapport](https://rivm.nl/r)\n"
    )
    items = json.loads(client.get("/sources/export.json").content)
    assert {item["title"] for item in items} == {"Cijfers", "Rapport"}
    library = bibtexparser.parse_string(client.get("/sources/export.bib").content.decode())
    assert len(library.entries) == 2
    assert len(rispy.loads(client.get("/sources/export.ris").content.decode())) == 2
    response = client.get("/sources/export.ris")
    assert response["Content-Disposition"] == 'attachment; filename="bronnen.ris"'
    assert client.get("/sources/export.doc").status_code == 404
    page = client.get("/sources/").content.decode()
    assert 'href="/sources/export.bib"' in page


def test_an_article_can_be_cited_and_its_sources_downloaded(client, make_post, make_author):
    author = make_author(name="Anna de Vries")
    post = make_post(
        title="Algoritmes in de gemeente",
        body="Tekst.[^1]\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/c)\n",
        authors=[author],
    )
    page = client.get(post.get_absolute_url()).content.decode()
    assert "de Vries, A. (" in page and "Algoritmes in de gemeente" in page
    assert f'href="/blog/{post.slug}/cite.bib"' in page
    assert f'href="/blog/{post.slug}/sources.ris"' in page
    (entry,) = bibtexparser.parse_string(
        client.get(f"/blog/{post.slug}/cite.bib").content.decode()
    ).entries
    assert entry.fields_dict["author"].value == "de Vries, Anna"
    (cited,) = json.loads(client.get(f"/blog/{post.slug}/sources.json").content)
    assert (cited["title"], cited["URL"]) == ("Cijfers", "https://cbs.nl/c")
    draft = make_post(status=Post.Status.DRAFT)
    assert client.get(f"/blog/{draft.slug}/cite.ris").status_code == 404


def test_articles_carry_highwire_citation_tags(client, make_post, make_author):
    post = make_post(
        title="Registers",
        body="Tekst.[^1]\n\n[^1]: **CBS** - [Cijfers](https://cbs.nl/c)\n",
        authors=[make_author(name="Jan Smit")],
    )
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<meta name="citation_title" content="Registers">' in page
    assert '<meta name="citation_author" content="Smit, Jan">' in page
    assert '<meta name="citation_publication_date" content="' in page
    assert (
        '<meta name="citation_reference" content="citation_title=Cijfers; '
        'citation_author=CBS; citation_url=https://cbs.nl/c">' in page
    )


def test_a_reader_can_choose_another_citation_style(client):
    source = make(Source.Kind.ARTICLE, **KINDS[Source.Kind.ARTICLE])
    page = client.get(source.get_absolute_url(), {"style": "modern-language-association"})
    html = page.content.decode()
    assert "(MLA 9)" in html and "vol." not in source.reference_html
    assert "“AI in de publieke sector”" in html
    fallback = client.get(source.get_absolute_url(), {"style": "<script>"}).content.decode()
    assert "(APA 7)" in fallback and "<script>" not in fallback


def test_locators_are_kept_shown_and_exported(client, make_post):
    body = (
        "A.[^1] B.[^2] C.[^3] D.[^4] E (CBS, 2024, p. 7).\n\n"
        "[^1]: **CBS** - [Cijfers](https://cbs.nl/c), p. 12\n"
        "[^2]: **CBS** - [Cijfers](https://cbs.nl/c), § 3.2\n"
        "[^3]: **NOS** - [Journaal](https://nos.nl/j), 00:14:05\n"
        "[^4]: **Overheid** - [Artikel 5 Woo](https://wetten.nl/woo)\n"
    )
    post = make_post(slug="plaatsen", body=body)
    cbs = Source.objects.get(title="Cijfers")
    assert cbs.citations.count() == 2  # one source, cited at two places
    page = client.get(cbs.get_absolute_url()).content.decode()
    assert "(p. 12)" in page and "(§ 3.2)" in page
    citations = json.loads(client.get(f"/blog/{post.slug}/citations.json").content)
    items = {c["citationID"]: c["citationItems"][0] for c in citations}
    assert items["fn-1"] == {"id": cbs.slug, "locator": "12", "label": "page"}
    assert items["fn-2"]["label"] == "section" and items["fn-3"]["label"] == "timestamp"
    assert "locator" not in items["fn-4"]  # "Artikel 5" is the title, not a place in it
