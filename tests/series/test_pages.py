import pytest

from posts.models import Post


@pytest.mark.django_db
def test_series_pages_list_published_parts_in_order(client, make_post, make_series):
    first, draft, second = (
        make_post(title="Eerste"),
        make_post(title="Geheim", status=Post.Status.DRAFT),
        make_post(title="Tweede"),
    )
    make_series(title="Mijn reeks", slug="mijn-reeks", posts=[first, draft, second])
    make_series(title="Lege reeks", slug="leeg", posts=[make_post(status=Post.Status.DRAFT)])
    index = client.get("/series/").content.decode()
    assert "Mijn reeks" in index and "2 delen" in index
    assert "Lege reeks" not in index
    page = client.get("/series/mijn-reeks/").content.decode()
    assert page.index("Eerste") < page.index("Tweede")
    assert "Geheim" not in page
    assert client.get("/series/leeg/").status_code == 404
