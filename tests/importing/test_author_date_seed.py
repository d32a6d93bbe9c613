"""Author-date citations through the importer: seed 004 (the white paper) and reference lists."""

import re

import pytest

from blog_project.importing import import_paths
from blog_project.importing.plaintext import to_markdown
from posts.bodies import render_body
from posts.models import Post
from posts.rendering.parser import MARKDOWN
from posts.rendering.sanitize import html_to_text
from sources.models import Citation, Source
from tests.importing.helpers import words
from tests.importing.test_seeds import seed

pytestmark = pytest.mark.django_db

# Thirteen of the white paper's author-date sources, as the register names them.
SEED_004_SOURCES = {
    "CBS (2025)",
    "Baarsma & D\u2019Orey Neves (2024)",
    "Baarsma (2025)",
    "Afonso et al. (2024)",
    "Moons & Veldhuizen (2023)",
    "Yap (2008)",
    "Brynjolfsson & McAfee (2014)",
    "The Economist (2025)",
    "Noy et al. (2024)",
    "Dell\u2019Acqua et al. (2025)",
    "Karanikolopoulos et al. (2023)",
    "BZK (2024)",
    "Davenport & Mittal (2023)",
}
_CITE_LINK = re.compile(r'<a class="cite" id="(cite-\d+)" href="(/sources/[^"]+/)">')


@pytest.fixture
def white_paper(seeds_dir) -> Post:
    import_paths([seed(seeds_dir, "004")], status=Post.Status.PUBLISHED)
    return Post.objects.get()


def test_seed_004_registers_its_author_date_sources(white_paper):
    cited = Source.objects.filter(citations__post=white_paper).distinct()
    assert cited.count() >= 13
    assert set(cited.values_list("title", flat=True)) >= SEED_004_SOURCES
    moons = Source.objects.get(title="Moons & Veldhuizen (2023)")
    assert (moons.publisher, moons.creators, moons.issued) == (
        "Moons & Veldhuizen",
        "Moons\nVeldhuizen",
        "2023",
    )


def test_two_citations_of_one_work_are_one_source(white_paper):
    gartner = Source.objects.get(title="Gartner (2024b)")
    assert gartner.citations.filter(post=white_paper).count() == 2
    assert Source.objects.filter(title="Acemoglu (2024)").count() == 1
    assert Source.objects.filter(publisher="Gartner").count() == 2  # 2024b and 2024c


def test_each_citation_links_to_its_source_page_which_lists_the_article(client, white_paper):
    found = _CITE_LINK.findall(white_paper.body_html)
    rows = white_paper.citations.exclude(anchor__startswith="fn-")
    assert len(found) == rows.count() >= 13
    for anchor, href in found:
        citation = rows.get(anchor=anchor)
        assert href == citation.source.get_absolute_url()
    for source in Source.objects.filter(citations__post=white_paper).distinct():
        page = client.get(source.get_absolute_url()).content.decode()
        assert white_paper.title in page
        anchors = rows.filter(source=source).values_list("anchor", flat=True)
        for anchor in anchors:
            assert f'href="{white_paper.get_absolute_url()}#{anchor}"' in page


def test_the_words_a_reader_sees_are_unchanged(seeds_dir, white_paper):
    unlinked = render_body(white_paper.body).body_html  # the pipeline alone, no register
    assert 'href="/sources/' not in unlinked
    assert html_to_text(white_paper.body_html) == html_to_text(unlinked)
    # markdown-it alone, before the pipeline recognises any citation
    assert html_to_text(white_paper.body_html) == html_to_text(MARKDOWN.render(white_paper.body))
    path = seed(seeds_dir, "004")
    assert words(f"{white_paper.title}\n{white_paper.body}") == words(
        path.read_text(encoding="utf-8")
    )


def test_a_repeat_import_keeps_the_citations(seeds_dir, white_paper):
    before = list(Citation.objects.order_by("order").values_list("anchor", "source_id"))
    report = import_paths([seed(seeds_dir, "004")], status=Post.Status.PUBLISHED)
    assert report.unchanged == 1
    assert list(Citation.objects.order_by("order").values_list("anchor", "source_id")) == before


PLAIN = """\
Een titel

De productiviteit daalt (Baarsma, 2025), zegt men, maar Acemoglu (2024) is
sceptisch, net als (Moons en Veldhuizen, 2023).

Literatuur
Acemoglu, D. (2024). The simple macroeconomics of AI. National Bureau of
Economic Research.
\u2022 Baarsma, B. (2025). Productiviteit in de publieke sector. ESB.
Moons, E. en Veldhuizen, S. (2023). Productiviteit bij uitvoeringsorganisaties. CPB.

Bijlage
Een alinea na de lijst, zonder bronnen.
"""


def test_a_trailing_reference_list_becomes_a_list_of_entries():
    result = to_markdown(PLAIN)
    assert (
        "## Literatuur\n\n"
        "- Acemoglu, D. (2024). The simple macroeconomics of AI. National Bureau of Economic "
        "Research.\n"
        "- Baarsma, B. (2025). Productiviteit in de publieke sector. ESB.\n"
        "- Moons, E. en Veldhuizen, S. (2023). Productiviteit bij uitvoeringsorganisaties. CPB."
    ) in result.body
    assert result.body.endswith("## Bijlage\n\nEen alinea na de lijst, zonder bronnen.")
    assert "(Baarsma, 2025)" in result.body
    assert words(f"{result.title}\n{result.body}") == words(PLAIN)


def test_imported_plain_text_cites_the_works_of_its_reference_list(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(PLAIN, encoding="utf-8")
    import_paths([path])
    post = Post.objects.get()
    titles = set(Source.objects.filter(citations__post=post).values_list("title", flat=True))
    assert titles == {
        "The simple macroeconomics of AI",
        "Productiviteit in de publieke sector",
        "Productiviteit bij uitvoeringsorganisaties",
    }
    baarsma = Source.objects.get(title="Productiviteit in de publieke sector")
    assert (baarsma.publisher, baarsma.creators, baarsma.issued) == ("ESB", "Baarsma, B.", "2025")


def test_a_reference_heading_without_entries_after_it_changes_nothing():
    text = "Titel\n\nEen alinea (Baarsma, 2025).\n\nBronnen en literatuur\n"
    assert to_markdown(text).body == "Een alinea (Baarsma, 2025).\n\nBronnen en literatuur"
