"""Images beside the Docusaurus files are copied into media storage and shown."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from blog_project.importing import ImportFailed, import_paths
from posts.models import Post


def _png(path, colour="red") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def site(tmp_path):
    """A Docusaurus site: a dated post folder with its own images, and static/img."""
    blog = tmp_path / "site" / "blog"
    post = blog / "2024-05-01-feature" / "index.md"
    post.parent.mkdir(parents=True)
    _png(post.parent / "img" / "shot.png")
    _png(post.parent / "img" / "social.png", "blue")
    _png(tmp_path / "site" / "static" / "img" / "logo.png", "green")
    post.write_text(
        "---\ntitle: Feature\nslug: feature\nimage: ./img/social.png\n---\n"
        "Een schermafdruk:\n\n![Scherm](./img/shot.png)\n\nHet logo: ![Logo](/img/logo.png)\n\n"
        '<img src="img/shot.png" alt="Nog eens">\n\n```md\n![Niet dit](./img/weg.png)\n```\n',
        encoding="utf-8",
    )
    return blog


@pytest.mark.django_db
def test_local_images_are_copied_and_the_body_points_at_them(site, media, client):
    import_paths([site], status=Post.Status.PUBLISHED)
    post = Post.objects.get()
    stored = sorted(p.relative_to(media).as_posix() for p in media.rglob("*.png"))
    assert len(stored) == 3 and all(name.startswith("imports/") for name in stored)
    for name in stored:
        assert default_storage.url(name) in post.body_html + post.cover_image.url
    assert 'src="./img/' not in post.body_html and 'src="img/' not in post.body_html
    assert 'src="/img/' not in post.body_html
    assert "Niet dit" in post.body_html and "weg.png" in post.body_html  # code stays code
    assert post.cover_image.name in stored and post.cover_alt == "Feature"


@pytest.mark.django_db
def test_a_re_import_copies_nothing_and_changes_nothing(site, media):
    import_paths([site])
    before = {p: p.stat().st_mtime_ns for p in media.rglob("*.png")}
    report = import_paths([site])
    assert report.unchanged == 1
    assert {p: p.stat().st_mtime_ns for p in media.rglob("*.png")} == before


@pytest.mark.django_db
def test_a_missing_image_is_a_problem_at_its_line_and_nothing_is_written(site, media, english):
    post = site / "2024-05-01-feature" / "index.md"
    post.write_text(post.read_text().replace("./img/shot.png)", "./img/kwijt.png)"))
    with pytest.raises(ImportFailed, match=r"index\.md:8: image \./img/kwijt\.png not found"):
        import_paths([site])
    assert not Post.objects.exists() and not list(media.rglob("*.png"))


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused(site, media, english):
    (site / "2024-05-01-feature" / "img" / "shot.png").write_bytes(b"<svg onload=alert(1)>")
    with pytest.raises(ImportFailed, match=r"index\.md:8: image \./img/shot\.png: "):
        import_paths([site])


@pytest.mark.django_db
def test_a_dry_run_copies_nothing(site, media):
    import_paths([site], dry_run=True)
    assert not list(media.rglob("*.png"))


@pytest.mark.django_db
def test_an_image_outside_the_old_site_is_not_read(tmp_path, media, english):
    _png(tmp_path / "elders.png")
    blog = tmp_path / "site" / "blog"
    blog.mkdir(parents=True)
    (blog / "p.md").write_text("---\ntitle: P\n---\n![x](../../elders.png)\n")
    with pytest.raises(ImportFailed, match=r"p\.md:4: image \.\./\.\./elders\.png not found"):
        import_paths([blog])


@pytest.mark.django_db
def test_export_writes_the_images_beside_the_markdown_and_reimport_changes_nothing(
    site, media, tmp_path
):
    from blog_project.importing.exporting import export_posts

    import_paths([site])
    exported = tmp_path / "uit"
    export_posts(exported)
    markdown = next(exported.glob("*.md")).read_text(encoding="utf-8")
    copies = sorted(p.name for p in (exported / "img").iterdir())
    assert len(copies) == 3
    assert "image: ./img/" in markdown and "/media/" not in markdown
    assert all(f"./img/{name}" in markdown for name in copies)
    report = import_paths([exported])
    assert (report.unchanged, report.updated, report.created) == (1, 0, 0)
