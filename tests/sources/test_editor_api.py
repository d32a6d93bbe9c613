"""The editor's search over the register: staff only, one query, a handful of results."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from sources.editor_api import LIMIT
from sources.models import Source

SEARCH = "/sources/editor/search.json"


@pytest.fixture
def sources(db) -> list[Source]:
    return [
        Source.objects.create(
            publisher="Algemene Rekenkamer",
            title="Focus op AI",
            url="https://www.rekenkamer.nl/ai",
            creators="Jansen, Eva\nRijksoverheid",
            issued="2024-10",
            slug="rekenkamer-ai",
        ),
        Source.objects.create(publisher="Waag", title="Publieke waarden", slug="waag"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["rekenkamer", "focus ai", "rekenkamer.nl", "jansen", "2024"])
def test_a_source_is_found_by_publisher_title_address_author_or_year(editor_client, sources, query):
    results = editor_client.get(SEARCH, {"q": query}).json()["results"]
    assert [r["publisher"] for r in results] == ["Algemene Rekenkamer"]
    assert results[0] == {
        "id": sources[0].pk,
        "publisher": "Algemene Rekenkamer",
        "title": "Focus op AI",
        "url": "https://www.rekenkamer.nl/ai",
        "authors": "Jansen, Eva; Rijksoverheid",
        "year": "2024",
        "page": "/sources/rekenkamer-ai/",
    }


@pytest.mark.django_db
def test_results_are_limited_and_answered_in_one_query(
    editor_client, django_assert_max_num_queries
):
    Source.objects.bulk_create(
        Source(publisher=f"Uitgever {n}", title=f"Titel {n}", slug=f"s-{n}", key=f"u{n}|t{n}")
        for n in range(LIMIT + 5)
    )
    editor_client.get(SEARCH, {"q": "x"})  # the session and user, loaded once
    with django_assert_max_num_queries(3):  # session, user, the search
        results = editor_client.get(SEARCH, {"q": "uitgever"}).json()["results"]
    assert len(results) == LIMIT


@pytest.mark.django_db
def test_outsiders_are_refused(client, django_user_model, sources):
    assert client.get(SEARCH, {"q": "waag"}).status_code == 403
    staff = django_user_model.objects.create_user("stagiair", password="pw", is_staff=True)
    client.force_login(staff)
    assert client.get(SEARCH, {"q": "waag"}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_source"))
    allowed = Client()
    allowed.force_login(staff)
    assert [r["publisher"] for r in allowed.get(SEARCH, {"q": "waag"}).json()["results"]] == [
        "Waag"
    ]


@pytest.mark.django_db
def test_only_get_and_never_cached(editor_client, sources):
    assert editor_client.post(SEARCH, {"q": "waag"}).status_code == 405
    assert "no-cache" in editor_client.get(SEARCH)["Cache-Control"]
