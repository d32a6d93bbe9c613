import json
import re

import pytest

from posts.management.commands.write_pygments_css import TARGET, stylesheet

BODY = """Eerste alinea met een bron.[^1] En nog een.[^2]

<!--truncate-->

:::warning Status: Concept
Nog niet af.
:::

## Achtergrond

Meer tekst.[^1]

```python
print("hallo")
```

## Bronnen

- [^1]: **iBestuur** - [Risico's achterblijven](https://ibestuur.nl/)
- [^2]: **Rathenau Instituut** - Rapporten AI-adoptie
"""


@pytest.fixture
def article(make_post, make_author, make_tag):
    return make_post(
        title="Risico's",
        slug="risicos",
        body=BODY,
        authors=[make_author(key="ruben", name="Ruben")],
        tags=[make_tag(name="AI", slug="ai")],
    )


def _jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.django_db
def test_article_page_has_notes_linked_both_ways_and_to_the_registry(client, article):
    html = client.get("/blog/risicos/").content.decode()
    for label in ("1", "2"):
        assert f'href="#fn-{label}"' in html
        assert f'id="fn-{label}"' in html
        assert f'href="#fnref-{label}"' in html
    assert 'href="#fnref-1-2"' in html  # the second reference to note 1
    source_pages = {c.source.get_absolute_url() for c in article.citations.all()}
    assert len(source_pages) == 2
    for url in source_pages:
        assert f'href="{url}"' in html
    assert 'href="https://ibestuur.nl/"' in html


@pytest.mark.django_db
def test_article_page_has_toc_admonition_meta_and_json_ld(client, article):
    html = client.get("/blog/risicos/").content.decode()
    assert 'class="admonition admonition-warning"' in html
    assert "Waarschuwing" in html and "Status: Concept" in html
    assert 'href="#achtergrond"' in html  # table of contents
    assert '<link rel="canonical" href="http://testserver/blog/risicos/">' in html
    assert '<meta property="og:title" content="Risico&#x27;s">' in html
    assert html.count("<h1") == 1
    posting = next(d for d in _jsonld(html) if d["@type"] == "BlogPosting")
    assert posting["headline"] == "Risico's"
    assert posting["author"] == [{"@type": "Person", "name": "Ruben"}]
    assert [c["publisher"]["name"] for c in posting["citation"]] == [
        "iBestuur",
        "Rathenau Instituut",
    ]


@pytest.mark.django_db
def test_hiding_the_table_of_contents(client, make_post):
    post = make_post(body="## Een\n\nA\n\n## Twee\n\nB", hide_toc=True)
    assert 'id="toc-title"' not in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_markdownx_preview_returns_the_same_html_as_the_page_body(editor_client, article):
    preview = editor_client.post("/markdownx/markdownify/", {"content": article.body})
    assert preview.status_code == 200
    assert preview.content.decode() == article.body_html
    assert preview.content.decode() in editor_client.get("/blog/risicos/").content.decode()


def test_pygments_stylesheet_is_up_to_date():
    assert TARGET.read_text(encoding="utf-8") == stylesheet(), (
        "run: python manage.py write_pygments_css"
    )


@pytest.mark.django_db
def test_series_box_shows_part_of_total_with_current_part_marked(client, make_post, make_series):
    from posts.models import Post

    one, draft, two, three = (
        make_post(title="Een"),
        make_post(title="Concept", status=Post.Status.DRAFT),
        make_post(title="Twee"),
        make_post(title="Drie"),
    )
    make_series(title="Reeks", slug="reeks", posts=[one, draft, two, three])
    html = client.get(two.get_absolute_url()).content.decode()
    assert "Deel 2 van 3" in html
    assert f'<a href="{two.get_absolute_url()}" aria-current="page">' in html
    assert f'href="{one.get_absolute_url()}" rel="prev"' in html
    assert f'href="{three.get_absolute_url()}" rel="next"' in html
    assert "Concept" not in html
