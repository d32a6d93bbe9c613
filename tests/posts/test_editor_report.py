"""The preview asked for JSON: the public page's HTML, the problems a save reports, hints and
counts; still for editors only."""

import pytest

from posts.bodies import preview_html
from posts.editor_checks import preview_report

PREVIEW = "/markdownx/markdownify/"
BODY = """\
Een bewering.[^1] Nog een.[^2] En een derde.[^9]

![](/media/uploads/grafiek.png)

Een [lege link]() en [](https://example.org/).

[^1]: **Waag** - [Publieke waarden](https://waag.org/)
[^2]: Een uitleg zonder bron.
[^3]: **CBS** - [Ongebruikt](https://cbs.nl/)
"""


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.mark.django_db
def test_the_json_preview_is_the_public_html_with_every_problem_by_line(editor_client):
    response = editor_client.post(PREVIEW, {"content": BODY, "format": "json"})
    assert response.status_code == 200
    report = response.json()
    assert report["html"] == preview_html(BODY)
    found = [(p["line"], p["code"], p["severity"]) for p in report["problems"]]
    assert found == [
        (1, "undefined", "error"),
        (3, "no-alt", "hint"),
        (5, "empty-link", "hint"),
        (5, "empty-link", "hint"),
        (8, "no-source", "hint"),
        (9, "unused", "warning"),
    ]
    assert "[^9]" in report["problems"][0]["message"]
    assert report["word_count"] > 5 and report["reading_minutes"] == 1


@pytest.mark.django_db
def test_the_html_answer_is_unchanged(editor_client):
    response = editor_client.post(PREVIEW, {"content": "**x**"})
    assert response["Content-Type"].startswith("text/html")
    assert response.content.decode() == preview_html("**x**")


@pytest.mark.django_db
def test_the_article_language_sets_the_labels_and_the_admin_language_the_messages(editor_client):
    report = editor_client.post(
        PREVIEW, {"content": "Tekst.[^1]\n\n[^1]: uitleg", "format": "json", "language": "nl"}
    ).json()
    assert "Noten" in report["html"]
    assert report["problems"][0]["message"].startswith("Note [^1] names no source")


@pytest.mark.django_db
def test_the_json_preview_refuses_outsiders(client, django_user_model):
    assert client.post(PREVIEW, {"content": "x", "format": "json"}).status_code == 403
    user = django_user_model.objects.create_user("lezer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.post(PREVIEW, {"content": "x", "format": "json"}).status_code == 403


@pytest.mark.django_db
def test_a_clean_body_has_no_problems():
    body = (
        "Tekst met een ![grafiek](/media/a.png) en [een link](/blog/).[^1]\n\n"
        "[^1]: **Waag** - [W](https://waag.org/)"
    )
    assert preview_report(body)["problems"] == []
