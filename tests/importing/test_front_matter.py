"""Front matter Docusaurus accepts: read as Docusaurus reads it, and kept for the export."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import yaml

from blog_project.importing import ImportFailed, export_posts, import_paths
from blog_project.importing.entries import ImportOptions
from posts.models import Author, Post, Tag

pytestmark = pytest.mark.django_db


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-03-01T10:00:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01 10:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        (
            "2024-03-01T10:00:00+02:00",
            datetime(2024, 3, 1, 10, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ],
)
def test_dates_without_a_zone_are_utc_as_docusaurus_reads_them(tmp_path, value, expected):
    import_paths([write(tmp_path, "p.md", f"---\ntitle: P\ndate: {value}\n---\nT.\n")])
    assert Post.objects.get().publish_at == expected


def test_the_posts_language_comes_from_lang_then_the_import_option_then_the_site(tmp_path):
    write(tmp_path, "en.md", "---\ntitle: English\nlang: en-GB\n---\nText.\n")
    write(tmp_path, "nl.md", "---\ntitle: Nederlands\nlang: nl\n---\nTekst.\n")
    write(tmp_path, "none.md", "---\ntitle: None\n---\nText.\n")
    write(tmp_path, "de.md", "---\ntitle: Deutsch\nlang: de\n---\nText.\n")
    report = import_paths([tmp_path], options=ImportOptions(language="en"))
    languages = dict(Post.objects.values_list("slug", "language"))
    assert languages == {"en": "en", "nl": "nl", "none": "en", "de": "en"}
    notes = {outcome.slug: outcome.notes for outcome in report.outcomes}
    assert any("language 'de' is not one of the site's (en, nl): en used" in n for n in notes["de"])
    import_paths([write(tmp_path / "b", "site.md", "---\ntitle: Site\n---\nTekst.\n")])
    assert Post.objects.get(slug="site").language == "nl"


def test_an_english_post_gets_english_labels_and_its_lang_on_the_page(client, tmp_path):
    body = "Text.[^1]\n\n:::note\n\nMind this.\n\n:::\n\n[^1]: A note.\n"
    write(tmp_path, "en.md", f"---\ntitle: English\nlang: en\n---\n{body}")
    write(tmp_path, "nl.md", f"---\ntitle: Nederlands\n---\n{body}")
    import_paths([tmp_path])
    english = Post.objects.get(slug="en").body_html
    dutch = Post.objects.get(slug="nl").body_html
    assert ">Note<" in english and ">Notes<" in english and "Opmerking" not in english
    assert "Opmerking" in dutch and "Noten" in dutch
    page = client.get("/blog/en/").content.decode()
    assert '<article class="post" lang="en"' in page


def test_toc_levels_are_honoured_and_checked(tmp_path):
    body = "## Twee\n\n### Drie\n\n#### Vier\n\n## Nog twee\n"
    write(tmp_path, "diep.md", f"---\ntitle: Diep\ntoc_max_heading_level: 4\n---\n{body}")
    write(
        tmp_path,
        "plat.md",
        f"---\ntitle: Plat\ntoc_min_heading_level: 2\ntoc_max_heading_level: 2\n---\n{body}",
    )
    write(tmp_path, "gewoon.md", f"---\ntitle: Gewoon\n---\n{body}")
    import_paths([tmp_path])
    toc = dict(Post.objects.values_list("slug", "toc_html"))
    assert "#vier" in toc["diep"] and "#drie" in toc["diep"]
    assert "#drie" not in toc["plat"] and "#nog-twee" in toc["plat"]
    assert "#drie" in toc["gewoon"] and "#vier" not in toc["gewoon"]
    bad = write(
        tmp_path / "bad",
        "x.md",
        "---\ntitle: X\ntoc_min_heading_level: 5\ntoc_max_heading_level: 3\n---\nT.\n",
    )
    with pytest.raises(ImportFailed, match=r"x\.md:3: 'toc_min_heading_level' is above"):
        import_paths([bad])


def test_last_update_keywords_sidebar_label_and_unknown_keys_survive_export_and_import(
    client, tmp_path
):
    write(
        tmp_path / "in",
        "2024-01-10-bewaard.md",
        "---\ntitle: Bewaard\nkeywords: [a, b]\nsidebar_label: Kort\n"
        "last_update:\n  date: 2024-02-01\n  author: Redactie\ncustom_field: x\n"
        "toc_max_heading_level: 4\nlang: en\n---\nTekst.\n",
    )
    write(tmp_path / "in", "ander.md", "---\ntitle: Ander\ncustom_field: y\n---\nT.\n")
    report = import_paths([tmp_path / "in"])
    summary = report.summary()
    assert summary.count("custom_field") == 1 and "custom_field (2)" in summary
    post = Post.objects.get(slug="bewaard")
    assert post.noted_update_at == datetime(2024, 2, 1, tzinfo=UTC)
    assert post.keywords == "a, b"
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<time datetime="2024-02-01T01:00:00+01:00">' in page
    # Not "updated on the day of the import": only the date the old site gave.
    assert "update" not in client.get("/blog/ander/").content.decode().split("post-header")[1][:400]

    export_posts(tmp_path / "out")
    written = front_matter(next((tmp_path / "out").glob("*bewaard.md")))
    assert written["sidebar_label"] == "Kort"
    assert written["last_update"] == {"date": "2024-02-01", "author": "Redactie"}
    assert (written["custom_field"], written["lang"], written["toc_max_heading_level"]) == (
        "x",
        "en",
        4,
    )
    again = import_paths([tmp_path / "out"])
    assert again.unchanged == 2, again.summary()


def test_a_second_blog_does_not_silently_rename_an_author_or_tag(tmp_path):
    write(tmp_path / "a", "authors.yml", "jan:\n  name: Jan Smit\n")
    write(
        tmp_path / "a", "p.md", "---\ntitle: A\nauthors: [jan]\ntags: [{label: Beleid}]\n---\nT.\n"
    )
    write(tmp_path / "b", "authors.yml", "jan:\n  name: Jan de Boer\n")
    write(
        tmp_path / "b", "q.md", "---\ntitle: B\nauthors: [jan]\ntags: [{label: BELEID}]\n---\nT.\n"
    )
    import_paths([tmp_path / "a"])
    report = import_paths([tmp_path / "b"])
    assert Author.objects.get(key="jan").name == "Jan Smit"
    assert Tag.objects.get(slug="beleid").name == "Beleid"
    summary = report.summary()
    assert "author 'jan' is already called 'Jan Smit' here; kept it, not 'Jan de Boer'" in summary
    assert "tag 'beleid' is already called 'Beleid' here; kept it, not 'BELEID'" in summary


def _png(path) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), (200, 30, 30)).save(path)


def test_local_author_photos_are_copied_and_a_missing_one_is_a_note(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    site = tmp_path / "site"
    _png(site / "static" / "img" / "flora.png")
    _png(site / "blog" / "img" / "kim.png")
    write(site / "blog", "authors.yml", "flora:\n  name: Flora\n  image_url: /img/flora.png\n")
    write(
        site / "blog",
        "p.md",
        "---\ntitle: P\nauthors:\n  - flora\n  - name: Kim\n    image_url: ./img/kim.png\n"
        "  - name: Zoë\n    image_url: /img/zoe.png\n---\nT.\n",
    )
    report = import_paths([site / "blog"])
    from django.core.files.storage import default_storage

    photos = dict(Author.objects.values_list("name", "image"))
    assert photos["Zoë"] == ""
    assert all(default_storage.exists(photos[name]) for name in ("Flora", "Kim"))
    (outcome,) = report.outcomes
    assert any(
        "photo of author 'zoe' not imported: image /img/zoe.png not found" in n
        for n in outcome.notes
    )
    assert import_paths([site / "blog"]).unchanged == 1
