import re

import pytest

from posts.models import Post
from sources.models import Source

IBESTUUR = "**iBestuur** - [Risico's achterblijven](https://ibestuur.nl/)"


@pytest.mark.django_db
def test_one_source_cited_by_several_posts_is_one_row(make_post):
    make_post(body=f"A.[^1]\n\n[^1]: {IBESTUUR}")
    make_post(body=f"B.[^x]\n\n- [^x]: {IBESTUUR}")
    assert Source.objects.count() == 1
    assert Source.objects.get().citations.count() == 2


@pytest.mark.django_db
def test_sources_index_groups_by_publisher_with_article_counts(client, make_post):
    make_post(body=f"A.[^1][^2]\n\n[^1]: {IBESTUUR}\n[^2]: **VNG** - Samen organiseren")
    make_post(body=f"B.[^1]\n\n[^1]: {IBESTUUR}")
    make_post(body=f"C.[^1]\n\n[^1]: {IBESTUUR}", status=Post.Status.DRAFT)
    response = client.get("/sources/")
    html = response.content.decode()
    assert html.index("iBestuur") < html.index("VNG")
    counts = {s.publisher: s.article_count for s in response.context["sources"]}
    assert counts == {"iBestuur": 2, "VNG": 1}


@pytest.mark.django_db
def test_source_page_lists_citing_articles_with_note_numbers(client, make_post):
    post = make_post(title="Citerend", body=f"A.[^a] B.[^b]\n\n[^a]: {IBESTUUR}\n[^b]: {IBESTUUR}")
    make_post(title="Concept", body=f"C.[^1]\n\n[^1]: {IBESTUUR}", status=Post.Status.DRAFT)
    html = client.get(Source.objects.get().get_absolute_url()).content.decode()
    assert "Citerend" in html and "Concept" not in html
    assert f'href="{post.get_absolute_url()}#fn-a">1</a>' in html
    assert f'href="{post.get_absolute_url()}#fn-b">2</a>' in html


@pytest.mark.django_db
def test_merging_sources_moves_citations_and_redirects_the_old_page(
    client, editor_client, make_post
):
    post = make_post(body="A.[^1] B.[^2]\n\n[^1]: **VNG** - Samen\n[^2]: **Vereniging NG** - Samen")
    keep, other = Source.objects.get(publisher="VNG"), Source.objects.get(publisher="Vereniging NG")
    response = editor_client.post(
        "/admin/sources/source/",
        {"action": "merge", "_selected_action": [keep.pk, other.pk], "merge_target": keep.pk},
    )
    assert response.status_code == 302
    assert list(Source.objects.all()) == [keep]
    assert post.citations.filter(source=keep).count() == 2
    assert client.get(f"/sources/{other.slug}/").status_code == 301
    post.refresh_from_db()
    assert f"/sources/{other.slug}/" not in post.body_html
    post.save()  # a later save must not bring the merged source back
    assert list(Source.objects.all()) == [keep]


@pytest.mark.django_db
def test_merge_action_asks_which_source_remains(editor_client, make_post):
    make_post(body="A.[^1] B.[^2]\n\n[^1]: **VNG** - Samen\n[^2]: **Vereniging NG** - Samen")
    pks = list(Source.objects.values_list("pk", flat=True))
    page = editor_client.post(
        "/admin/sources/source/", {"action": "merge", "_selected_action": pks}
    )
    assert page.status_code == 200
    assert page.content.decode().count('name="merge_target"') == 2
    assert Source.objects.count() == 2


@pytest.mark.django_db
def test_the_source_page_links_to_the_note_by_its_real_id(client, make_post):
    post = make_post(body="Tekst.[^Bron_A]\n\n[^Bron_A]: **CBS** - [Cijfers](https://cbs.nl/)\n")
    source = post.citations.get().source
    page = client.get(source.get_absolute_url()).content.decode()
    anchor = re.search(rf'href="{post.get_absolute_url()}#([^"]+)"', page).group(1)
    assert anchor == "fn-bron-a"
    assert f'id="{anchor}"' in client.get(post.get_absolute_url()).content.decode()
