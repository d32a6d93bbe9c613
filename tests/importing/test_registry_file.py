"""sources.yml: export and import round-trip the register, metadata and merges included."""

from datetime import date

import pytest
import yaml

from blog_project.importing import ImportFailed, export_posts, import_paths
from posts.models import Post
from sources.models import Citation, Source, SourceAlias
from sources.services import sources_merge

pytestmark = pytest.mark.django_db

BODY = (
    "Tekst.[^1] Meer.[^2]\n\n[^1]: **CBS** - [Vertrouwen](https://cbs.nl/v)\n"
    "[^2]: **Centraal Bureau voor de Statistiek** - [Vertrouwen](https://cbs.nl/v)\n"
)


def test_export_then_import_restores_the_metadata_and_the_merges(tmp_path, make_post):
    make_post(slug="cijfers", body=BODY)
    short, long = Source.objects.order_by("publisher")
    short.kind, short.creators, short.issued = Source.Kind.REPORT, "Jansen, Kees", "2024-05"
    short.doi, short.accessed = "10.1234/cbs.1", date(2024, 6, 1)
    short.save()
    sources_merge(target=short, others=[long])
    export_posts(tmp_path)
    written = yaml.safe_load((tmp_path / "sources.yml").read_text(encoding="utf-8"))
    assert written[short.slug]["creators"] == ["Jansen, Kees"]
    assert written[short.slug]["aliases"][0]["slug"] == long.slug

    Post.objects.all().delete()
    Source.objects.all().delete()
    report = import_paths([tmp_path])
    (source,) = Source.objects.all()
    assert (source.slug, source.kind, source.issued, source.doi, source.accessed) == (
        short.slug,
        "report",
        "2024-05",
        "10.1234/cbs.1",
        date(2024, 6, 1),
    )
    assert source.reference_html.startswith("Jansen, K. (2024). <i>Vertrouwen</i>. CBS.")
    # The note citing the merged-away identity found the survivor through its alias.
    assert set(Citation.objects.values_list("source_id", flat=True)) == {source.pk}
    assert SourceAlias.objects.get().slug == long.slug
    assert report.sources_created == 1

    again = import_paths([tmp_path])
    assert again.unchanged == 1 and again.sources_updated == 0 and again.aliases_created == 0


def test_a_bad_entry_in_sources_yml_names_the_file_and_line(tmp_path):
    (tmp_path / "p.md").write_text("---\ntitle: P\n---\nT.\n", encoding="utf-8")
    (tmp_path / "sources.yml").write_text(
        "goed:\n  publisher: CBS\n  title: Goed\nfout:\n  publisher: CBS\n  doi: 11.2/x\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed, match=r"sources\.yml:4: fout: doi: "):
        import_paths([tmp_path])
    assert not Post.objects.exists() and not Source.objects.exists()
