"""Importing into the database: outcomes, idempotence, updates, all-or-nothing, dry runs."""

import re
import shutil
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from blog_project.importing import ImportFailed, import_paths
from posts.models import Author, Post, Tag
from series.models import Series
from sources.models import Citation, Source
from tests.importing.helpers import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def docusaurus(tmp_path):
    """A writable copy of the Docusaurus fixture folder."""
    return shutil.copytree(FIXTURES / "docusaurus", tmp_path / "blog")


def snapshot() -> dict:
    """Everything an import may touch, to compare before and after."""
    return {
        "posts": list(Post.objects.order_by("slug").values()),
        "history": Post.history.count(),
        "authors": list(Author.objects.order_by("key").values()),
        "tags": list(Tag.objects.order_by("slug").values()),
        "series": list(Series.objects.order_by("slug").values()),
        "sources": list(Source.objects.order_by("slug").values()),
        "citations": list(Citation.objects.order_by("post", "order").values()),
    }


def test_a_docusaurus_folder_imports_with_authors_tags_series_and_sources(docusaurus):
    report = import_paths([docusaurus])
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    post = Post.objects.get(slug="announcing-x")
    assert post.title == "Aankondiging van het register"
    assert post.status == Post.Status.PUBLISHED
    assert post.publish_at == datetime(2021, 5, 12, tzinfo=UTC)
    assert {a.name for a in post.authors.all()} == {"Anna de Vries"}
    assert {t.name for t in post.tags.all()} == {"AI", "Open Data"}
    assert [c.source.publisher for c in post.citations.order_by("order")] == [
        "Rijksoverheid",
        "VNG",
    ]
    assert post.summary_text == "Het register maakt algoritmes zichtbaar."
    mdx = Post.objects.get(slug="mdx-bericht")
    assert mdx.status == Post.Status.DRAFT
    assert (mdx.series_entry.series.title, mdx.series_entry.position) == ("Over registers", 2)
    assert mdx.summary_text == "Dit stuk gaat vooraf aan het afbreekpunt."
    assert Author.objects.get(key="anna").image.name == ""
    assert (report.sources_created, report.authors_created, report.tags_created) == (2, 4, 4)
    assert report.series_created == 1


def test_running_the_same_import_twice_changes_nothing(docusaurus):
    import_paths([docusaurus, FIXTURES / "plain"])
    before = snapshot()
    report = import_paths([docusaurus, FIXTURES / "plain"])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert snapshot() == before


def test_a_changed_file_updates_its_post_and_keeps_the_earlier_revision(docusaurus):
    import_paths([docusaurus])
    post = Post.objects.get(slug="announcing-x")
    revisions = post.history.count()
    path = docusaurus / "2021-05-12-announcing-x.md"
    path.write_text(
        path.read_text().replace("zichtbaar", "vindbaar").replace("Open Data", "overheid")
    )

    report = import_paths([docusaurus])

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    (outcome,) = [o for o in report.outcomes if o.action == "updated"]
    assert outcome.changed == ("body", "tags")
    post.refresh_from_db()
    assert "vindbaar" in post.body_html
    assert {t.slug for t in post.tags.all()} == {"ai", "overheid"}
    assert post.history.count() > revisions
    assert "zichtbaar" in post.history.earliest("history_date").body


def test_a_re_import_of_plain_text_leaves_what_editors_set(tmp_path):
    shutil.copy(FIXTURES / "plain" / "artikel.txt", tmp_path)
    import_paths([tmp_path])
    post = Post.objects.get(slug="open-data-in-de-gemeente")
    assert post.status == Post.Status.DRAFT
    Post.objects.filter(pk=post.pk).update(status="published", description="Door de redactie.")
    (tmp_path / "artikel.txt").write_text(
        (tmp_path / "artikel.txt").read_text().replace("klein", "vandaag")
    )

    import_paths([tmp_path])

    post.refresh_from_db()
    assert (post.status, post.description) == ("published", "Door de redactie.")
    assert "Begin vandaag" in post.body


def test_the_status_option_overrides_the_files(docusaurus):
    import_paths([docusaurus, FIXTURES / "plain"], status="published")
    assert set(Post.objects.values_list("status", flat=True)) == {"published"}


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(docusaurus):
    before = snapshot()
    report = import_paths([docusaurus], dry_run=True)
    assert report.created == 3
    assert report.sources_created == 2
    assert "Dry run, nothing was written." in report.summary()
    assert "would create" in report.summary()
    assert snapshot() == before


def test_a_malformed_file_stops_the_run_and_leaves_the_database_untouched(docusaurus):
    import_paths([docusaurus])
    before = snapshot()
    path = docusaurus / "2021-05-12-announcing-x.md"
    path.write_text(path.read_text().replace("zichtbaar", "vindbaar"))
    bad = docusaurus / "kapot.md"
    bad.write_text("---\ntitle: Kapot\ntags: [ai\n---\nTekst.\n")

    with pytest.raises(ImportFailed) as caught:
        import_paths([docusaurus])

    assert str(caught.value) == (
        f"{bad}:3: invalid YAML: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence)"
    )
    assert snapshot() == before


def test_a_body_that_fails_validation_names_the_line_in_the_file(tmp_path):
    bad = tmp_path / "noot.md"
    bad.write_text("---\ntitle: Noot\n---\n\nEen zin.\n\nEen verwijzing.[^weg]\n")
    # The pipeline's own message (one catalogue for the admin and the importer), one line.
    expected = r"noot\.md:7: Footnote \[\^weg\] is used but never defined\.$"
    with pytest.raises(ImportFailed, match=expected):
        import_paths([tmp_path])
    assert not Post.objects.exists()


def test_an_unreadable_encoding_stops_the_run(tmp_path):
    (tmp_path / "goed.txt").write_text("Goed\n\nTekst.\n")
    (tmp_path / "oud.txt").write_bytes("Oud\n\nCaf\u00e9.\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match=r"oud\.txt:3: not UTF-8 text"):
        import_paths([tmp_path])
    assert not Post.objects.exists()


def test_skip_invalid_imports_the_rest_and_lists_what_it_skipped(docusaurus):
    (docusaurus / "kapot.md").write_text("---\ndraft: misschien\n---\nTekst.\n")
    report = import_paths([docusaurus], skip_invalid=True)
    assert report.created == 3
    assert [str(p) for p in report.skipped] == [
        f"{docusaurus / 'kapot.md'}:2: 'draft' should be true or false, not 'misschien'"
    ]
    assert "Skipped 1 invalid file:" in report.summary()


def test_two_files_with_one_slug_are_refused(tmp_path):
    (tmp_path / "a.md").write_text("---\nslug: zelfde\ntitle: A\n---\nA.\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\nslug: zelfde\n---\nB.\n")
    with pytest.raises(ImportFailed, match=r"b\.md:3: slug 'zelfde' is also the slug of .*a\.md"):
        import_paths([tmp_path])


def test_a_series_place_held_by_another_post_is_refused(tmp_path, make_post, make_series):
    make_series(title="Over registers", slug="over-registers", posts=[make_post(), make_post()])
    (tmp_path / "p.md").write_text(
        "---\ntitle: P\nseries: Over registers\nseries_position: 2\n---\nP.\n"
    )
    with pytest.raises(
        ImportFailed, match=r"p\.md:4: part 2 of series 'Over registers' is already"
    ):
        import_paths([tmp_path])


def test_an_author_known_only_by_key_gets_the_name_from_a_later_authors_yml(tmp_path, docusaurus):
    (tmp_path / "los.md").write_text("---\ntitle: Los\nauthors: [ruben]\n---\nLos.\n")
    import_paths([tmp_path / "los.md"])
    assert Author.objects.get(key="ruben").name == "ruben"
    import_paths([docusaurus])
    assert Author.objects.get(key="ruben").name == "Ruben Jansen"


def test_the_command_prints_the_summary(docusaurus):
    out = StringIO()
    call_command("import_posts", str(docusaurus), stdout=out)
    assert "Posts: 3 created, 0 updated, 0 unchanged. Sources: 2 created." in out.getvalue()
    assert "Former addresses: 2 recorded." in out.getvalue()


def test_the_command_fails_with_the_file_and_line_on_a_bad_file(tmp_path):
    (tmp_path / "kapot.md").write_text("---\ntitle: [\n---\n")
    expected = r"Nothing was imported: 1 file cannot.*--skip-invalid.*\n.*kapot\.md:2: invalid YAML"
    with pytest.raises(CommandError, match=expected):
        call_command("import_posts", str(tmp_path))


def test_a_dry_run_speaks_dutch_throughout_with_one_line_number_per_problem(tmp_path):
    (tmp_path / "2024-01-01-noot.md").write_text(
        "---\ntitle: Noot\n---\n\nEen zin.\n\n[^los]: Een noot die niemand gebruikt.\n"
    )
    (tmp_path / "kapot.md").write_text("---\ndraft: misschien\n---\nTekst.\n")
    out = StringIO()
    with translation.override("nl"):
        call_command("import_posts", str(tmp_path), "--dry-run", "--skip-invalid", stdout=out)
    printed = out.getvalue()
    assert re.search(r"^zou aanmaken +noot  <- ", printed, re.M)
    assert "opmerking: Regel 7: Voetnoot [^los] is gedefinieerd maar wordt nergens gebruikt." in (
        printed
    )
    assert "1 ongeldig bestand overgeslagen:" in printed
    assert "kapot.md:2: 'draft' moet true of false zijn, niet 'misschien'" in printed
    assert printed.rstrip().endswith("Vroegere adressen: 1 zouden worden vastgelegd.")
    for english in ("would", "note:", "Line ", "Skipped", "created", "should"):
        assert english not in printed, english
    assert not Post.objects.exists()
