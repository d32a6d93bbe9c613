"""Every address the Docusaurus site had keeps working: recorded on import, answered with 301."""

from io import StringIO

import pytest
from django.core.management import call_command

from blog_project.importing import import_paths
from blog_project.importing.entries import ImportOptions
from posts.models import FormerAddress, Post

pytestmark = pytest.mark.django_db


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def blog(tmp_path):
    folder = tmp_path / "blog"
    write(folder, "2024-05-01-feature/index.mdx", "---\ntitle: Feature\n---\nTekst.\n")
    write(folder, "2023/01/15/Jaar.Overzicht.md", "---\ntitle: Jaaroverzicht\n---\nTekst.\n")
    write(folder, "releases/notes.md", "---\ntitle: Notities\n---\nTekst.\n")
    write(folder, "punten.md", "---\ntitle: Punten\nslug: releases/2.2\n---\nTekst.\n")
    write(folder, "html.md", "---\ntitle: Html\nslug: /x/y/z.html\n---\nTekst.\n")
    write(folder, "hoofd.md", "---\ntitle: Hoofd\nslug: MixedCase\n---\nTekst.\n")
    write(
        folder,
        "tags.yml",
        "Beleid:\n  label: Beleid\n  permalink: /Beleid-En-Recht\n  description: Over beleid.\n",
    )
    write(folder, "authors.yml", "Flora:\n  name: Flora Vos\n")
    write(
        folder,
        "2024-02-02-getagd.md",
        "---\ntitle: Getagd\ntags: [Beleid]\nauthors: [Flora]\n---\nTekst.\n",
    )
    return folder


EXPECTED = {
    "/blog/2024/05/01/feature": "/blog/feature/",
    "/blog/2023/01/15/Jaar.Overzicht": "/blog/jaar-overzicht/",
    "/blog/releases/notes": "/blog/notes/",
    "/blog/releases/2.2": "/blog/releases-2-2/",
    "/blog/x/y/z.html": "/blog/x-y-z/",
    "/blog/MixedCase": "/blog/mixedcase/",
    "/blog/MixedCase/": "/blog/mixedcase/",
    "/blog/tags/Beleid-En-Recht": "/blog/tags/beleid/",
    "/blog/authors/Flora": "/blog/authors/flora/",
}


@pytest.mark.parametrize(("old", "new"), EXPECTED.items())
def test_every_old_address_redirects_permanently_to_the_imported_page(client, blog, old, new):
    import_paths([blog])
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    assert client.get(new).status_code == 200


def test_the_query_string_travels_and_a_draft_is_not_revealed(client, blog):
    import_paths([blog])
    assert client.get("/blog/releases/2.2?utm=x")["Location"] == "/blog/releases-2-2/?utm=x"
    Post.objects.filter(slug="releases-2-2").update(status=Post.Status.DRAFT)
    assert client.get("/blog/releases/2.2").status_code == 404


def test_an_address_that_is_already_ours_is_not_recorded_and_a_reimport_records_nothing(blog):
    first = import_paths([blog])
    paths = set(FormerAddress.objects.values_list("path", flat=True))
    assert "/blog/tags/beleid" not in paths  # our own tag page answers that one
    assert first.addresses_created == len(paths)
    second = import_paths([blog])
    assert second.addresses_created == 0 and second.unchanged == second.count("unchanged") == 7
    assert set(FormerAddress.objects.values_list("path", flat=True)) == paths


def test_another_route_base_records_the_list_pages_feeds_and_archive(client, tmp_path):
    folder = tmp_path / "nieuws"
    for day in range(1, 13):
        write(
            folder, f"2024-03-{day:02d}-bericht-{day}.md", f"---\ntitle: Bericht {day}\n---\nT.\n"
        )
    import_paths([folder], options=ImportOptions(route_base="/nieuws/"))
    answers = {
        "/nieuws": "/blog/",
        "/nieuws/page/2": "/blog/?page=2",
        "/nieuws/archive": "/blog/archive/",
        "/nieuws/rss.xml": "/blog/rss.xml",
        "/nieuws/atom.xml": "/blog/atom.xml",
        "/nieuws/feed.json": "/blog/feed.json",
        "/nieuws/2024/03/05/bericht-5": "/blog/bericht-5/",
        "/nieuws/tags": "/blog/tags/",
    }
    for old, new in answers.items():
        response = client.get(old)
        assert (old, response.status_code, response["Location"]) == (old, 301, new)
    assert client.get("/nieuws/page/3").status_code == 404  # 12 posts: two pages of ten


def test_the_command_takes_the_route_base_language_and_old_site_options(client, tmp_path):
    folder = tmp_path / "posts"
    write(
        folder,
        "2024-01-01-links.md",
        "---\ntitle: Links\n---\n"
        "Zie [de docs](/docs/intro) en [het feature](/docs/2024/05/01/feature).\n",
    )
    write(folder, "2024-05-01-feature.md", "---\ntitle: Feature\n---\nTekst.\n")
    out = StringIO()
    call_command(
        "import_posts",
        str(folder),
        "--route-base",
        "/docs",
        "--language",
        "en",
        "--old-site-url",
        "https://oud.example.org/",
        stdout=out,
    )
    post = Post.objects.get(slug="links")
    assert post.language == "en"
    # A link to an imported post's old address points at its page here; the rest of the old
    # site at the address given.
    assert 'href="/blog/feature/"' in post.body_html
    assert 'href="https://oud.example.org/docs/intro"' in post.body_html
    assert client.get("/docs/2024/05/01/feature")["Location"] == "/blog/feature/"


def test_without_an_old_site_address_links_into_it_are_reported_per_file(tmp_path):
    path = write(tmp_path, "2024-01-01-links.md", "---\ntitle: Links\n---\n\n[Docs](/docs/intro)\n")
    report = import_paths([path])
    (outcome,) = report.outcomes
    assert "line 5: link /docs/intro points into the old site" in outcome.notes
