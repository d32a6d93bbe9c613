"""Every address from a form or an import is an http(s) address: no javascript:, data: or ftp:."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blog_project.importing import ImportFailed, import_paths
from posts.models import Author
from posts.rendering import CitedSource
from sources.registry import ensure_sources

HOSTILE = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/x",
    "//evil.example/x",
    "/relative/path",
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", HOSTILE)
def test_the_author_model_refuses_every_scheme_but_http_and_https(url):
    author = Author(key="ruben", name="Ruben", url=url)
    with pytest.raises(ValidationError) as refused:
        author.full_clean()
    assert "url" in refused.value.message_dict


def test_the_author_admin_form_refuses_a_javascript_address(editor_client):
    response = editor_client.post(
        reverse("admin:posts_author_add"),
        {"key": "ruben", "name": "Ruben", "url": "javascript:alert(document.domain)"},
    )
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Author.objects.exists()


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("field", ["url", "image_url"])
@pytest.mark.parametrize("url", HOSTILE[:5])
def test_an_authors_yml_with_a_hostile_address_is_refused_at_its_line(tmp_path, field, url):
    (tmp_path / "authors.yml").write_text(
        f"ruben:\n  name: Ruben\n  {field}: {url!r}\n", encoding="utf-8"
    )
    (tmp_path / "2024-01-01-post.md").write_text(
        "---\ntitle: Post\nauthors: [ruben]\n---\nTekst.\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths([tmp_path])
    assert f"{tmp_path / 'authors.yml'}:1: 'ruben.{field}' should be a web address" in str(
        failed.value
    )
    assert not Author.objects.exists()


@pytest.mark.usefixtures("english")
def test_an_inline_front_matter_author_with_a_hostile_address_is_refused(tmp_path):
    (tmp_path / "post.md").write_text(
        "---\ntitle: Post\nauthors:\n  - name: Eve\n    url: javascript:alert(1)\n---\nTekst.\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths([tmp_path])
    assert "post.md:3: the author's 'url' should be a web address" in str(failed.value)


@pytest.mark.usefixtures("english")
def test_a_legacy_author_url_with_a_hostile_address_is_refused(tmp_path):
    (tmp_path / "post.md").write_text(
        "---\ntitle: Post\nauthor: Eve\nauthor_url: javascript:alert(1)\n---\nTekst.\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths([tmp_path])
    assert "post.md:4: 'author_url' should be a web address" in str(failed.value)


def test_a_note_linking_elsewhere_than_the_web_registers_its_source_without_the_address():
    sources = ensure_sources(
        [
            CitedSource("VNG", "Samen", "mailto:info@vng.nl"),
            CitedSource("CBS", "Cijfers", "https://cbs.nl/cijfers"),
        ]
    )
    assert sorted((s.publisher, s.url) for s in sources.values()) == [
        ("CBS", "https://cbs.nl/cijfers"),
        ("VNG", ""),
    ]


def test_an_author_page_never_links_to_a_script(client, make_post):
    # Even a row written around the validators (raw SQL, an old import) is not linked as is.
    Author.objects.create(key="eve", name="Eve", url="javascript:alert(document.domain)")
    make_post(authors=[Author.objects.get(key="eve")])
    page = client.get(reverse("posts:author", args=["eve"])).content.decode()
    assert "javascript:" not in page
