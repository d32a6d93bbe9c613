"""The writer's desk in the admin: the home's lists, the publishing preview and checklist,
publishing dates, confirmations, plain messages and the language switch."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posts import desk
from posts.models import Author, Post
from series.models import SeriesEntry
from tests.forms import form_data

CHANGELIST = "/admin/posts/post/"


def _in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _member(django_user_model, name: str, group: str) -> Client:
    user = django_user_model.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def _add_form(client) -> dict:
    return form_data(client.get("/admin/posts/post/add/").content.decode(), form_id="post_form")


def _change_form(client, post: Post) -> dict:
    page = client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    return form_data(page, form_id="post_form")


def _section(html: str, element_id: str) -> str:
    """The element with ``element_id`` up to the end of its section."""
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


# --- The admin home -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_home_leads_with_new_article_then_drafts_scheduled_and_recent(editor_client, make_post):
    now = timezone.now()
    make_post(title="Gewoon concept", status=Post.Status.DRAFT)
    make_post(title="Ter review", status=Post.Status.DRAFT, review_requested_at=now)
    make_post(title="Straks", publish_at=now + timedelta(days=3))
    make_post(title="Al online")
    html = _in_english(editor_client).get("/admin/").content.decode()
    new = html.index('href="/admin/posts/post/add/"')
    assert "New article" in html[new : new + 200]
    assert new < html.index('id="home-drafts"') < html.index('class="app-list"')
    drafts = _section(html, "home-drafts")
    assert drafts.index("Ter review") < drafts.index("Gewoon concept")
    assert "Al online" not in drafts and "Straks" not in drafts
    scheduled = _section(html, "home-scheduled")
    assert "Straks" in scheduled and "Scheduled for" in scheduled
    assert "Al online" not in scheduled
    assert "Al online" in _section(html, "home-recent")


@pytest.mark.django_db
def test_the_home_lists_are_limited_and_cost_three_queries(editor, make_post):
    for n in range(desk.DESK_LIST_SIZE + 3):
        make_post(title=f"Concept {n}", status=Post.Status.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        found = desk.desk(editor)
    assert len(found.drafts) == len(found.recent) == desk.DESK_LIST_SIZE
    assert len(queries) == 3


@pytest.mark.django_db
def test_an_auteur_sees_only_their_own_articles_on_the_home(django_user_model, make_post):
    auteur = _member(django_user_model, "auteur", "Auteur")
    own = Author.objects.create(key="auteur", name="Auteur", user=auteur.user)
    make_post(title="Eigen concept", status=Post.Status.DRAFT, authors=[own])
    make_post(title="Concept van een ander", status=Post.Status.DRAFT)
    html = auteur.get("/admin/").content.decode()
    assert "Eigen concept" in _section(html, "home-drafts")
    assert "Concept van een ander" not in html
    assert 'href="/admin/posts/post/add/"' in html


# --- Before publishing ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_shows_the_search_result_link_card_and_checklist(editor_client, make_post):
    title = "Een titel die veel te lang is voor de zoekresultaten van elke zoekmachine"
    post = make_post(title=title, body="Tekst zonder verwijzing.\n\n[^los]: Een noot.")
    html = _in_english(editor_client).get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    preview = html[html.index('id="before-publishing"') :]
    assert f"http://testserver/blog/{post.slug}/" in preview
    shown = f"{title} · {settings.BLOG['TITLE']}"
    kept, cut = shown[: desk.SEARCH_TITLE_LIMIT], shown[desk.SEARCH_TITLE_LIMIT :]
    assert f'{kept}<span class="cut-off">' in preview
    assert cut in preview
    assert "characters are cut off" in preview
    # The article has no cover: its card is the generated one, at its card address.
    assert f'src="/blog/{post.slug}/card.png"' in preview
    checklist = preview[preview.index('class="publish-checklist"') :]
    assert "Write a description" in checklist
    assert "at least one tag" in checklist
    assert "[^los]" in checklist and "Line 3" in checklist


@pytest.mark.django_db
def test_a_complete_article_passes_the_checklist(editor, make_post, make_tag):
    post = make_post(description="Kort en duidelijk.", tags=[make_tag()])
    preview = desk.share_preview(post)
    assert preview.ready
    assert preview.title.over == 0 and preview.description.cut == ""


@pytest.mark.django_db
def test_a_cover_without_description_is_on_the_checklist(make_post, english):
    post = make_post(description="Kort.")
    post.cover_image = "covers/2026/01/foto.png"
    preview = desk.share_preview(post)
    assert preview.image_url.endswith("covers/2026/01/foto.png") and not preview.image_is_card
    # Description, cover description, a tag, the text check:
    assert [check.ok for check in preview.checks] == [True, False, False, True]
    assert "Describe the cover image" in preview.checks[1].message


@pytest.mark.django_db
def test_a_draft_shows_that_its_card_is_drawn_on_publication(editor_client, make_post):
    post = make_post(status=Post.Status.DRAFT)
    html = _in_english(editor_client).get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "drawn once the article is published" in html
    assert f"/blog/{post.slug}/card.png" not in html


# --- Publishing and scheduling --------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_draft_in_the_form_sets_the_date_to_now(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT, publish_at=timezone.now() - timedelta(days=30))
    data = _change_form(editor_client, draft)
    data["status"] = "published"
    before = timezone.now()
    response = editor_client.post(f"/admin/posts/post/{draft.pk}/change/", data)
    assert response.status_code == 302
    assert Post.objects.get(pk=draft.pk).publish_at >= before.replace(microsecond=0)


@pytest.mark.django_db
def test_a_date_chosen_in_the_same_save_is_kept(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT, publish_at=timezone.now() - timedelta(days=30))
    data = _change_form(editor_client, draft)
    data.update(status="published", publish_at_0="2024-03-01", publish_at_1="10:00:00")
    assert editor_client.post(f"/admin/posts/post/{draft.pk}/change/", data).status_code == 302
    stored = timezone.localtime(Post.objects.get(pk=draft.pk).publish_at)
    assert (stored.date().isoformat(), stored.hour) == ("2024-03-01", 10)


@pytest.mark.django_db
def test_a_new_article_published_at_once_gets_the_moment_of_its_save(editor_client):
    data = _add_form(editor_client)
    data.update(title="Meteen", slug="meteen", body="Tekst.", status="published")
    before = timezone.now().replace(microsecond=0)
    assert editor_client.post("/admin/posts/post/add/", data).status_code == 302
    assert Post.objects.get(slug="meteen").publish_at >= before


@pytest.mark.django_db
def test_editing_a_published_article_keeps_its_date(editor_client, make_post):
    post = make_post(publish_at=timezone.now() - timedelta(days=30))
    data = _change_form(editor_client, post)
    data["title"] = "Nieuwe titel"
    assert editor_client.post(f"/admin/posts/post/{post.pk}/change/", data).status_code == 302
    assert Post.objects.get(pk=post.pk).publish_at == post.publish_at.replace(microsecond=0)


@pytest.mark.django_db
def test_the_publish_action_asks_first_then_sets_the_date(editor_client, make_post):
    old = timezone.now() - timedelta(days=30)
    draft = make_post(title="Oud concept", status=Post.Status.DRAFT, publish_at=old)
    later = make_post(
        title="Later", status=Post.Status.DRAFT, publish_at=timezone.now() + timedelta(days=5)
    )
    chosen = {"action": "publish", "_selected_action": [draft.pk, later.pk], "index": 0}
    page = _in_english(editor_client).post(CHANGELIST, chosen)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Oud concept" in html and "visible to visitors from now on" in html
    assert "Later" in html and "scheduled for" in html
    assert Post.objects.get(pk=draft.pk).status == Post.Status.DRAFT
    confirm = form_data(html)
    assert confirm["post"] == "yes" and confirm["action"] == "publish"
    assert editor_client.post(CHANGELIST, confirm).status_code == 302
    published, scheduled = Post.objects.get(pk=draft.pk), Post.objects.get(pk=later.pk)
    assert published.is_published and published.publish_at > old + timedelta(days=29)
    assert scheduled.is_scheduled and scheduled.publish_at == later.publish_at


@pytest.mark.django_db
def test_the_unpublish_action_asks_first(editor_client, make_post):
    post = make_post(title="Online")
    chosen = {"action": "unpublish", "_selected_action": [post.pk], "index": 0}
    html = _in_english(editor_client).post(CHANGELIST, chosen).content.decode()
    assert "Turn this article back into a draft?" in html and "Online" in html
    assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED
    editor_client.post(CHANGELIST, form_data(html))
    assert Post.objects.get(pk=post.pk).status == Post.Status.DRAFT


@pytest.mark.django_db
def test_scheduled_articles_say_for_when_in_the_list_and_the_form(editor_client, make_post):
    post = make_post(title="Straks", publish_at=timezone.now() + timedelta(days=3))
    _in_english(editor_client)
    listing = editor_client.get(CHANGELIST).content.decode()
    row = listing.split("Straks", 1)[1].split("</tr>", 1)[0]
    assert "Scheduled for" in row
    form = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "Scheduled for" in form and "visitors see it from then on" in form


# --- Plain-language messages ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["tags", "authors", "archive"])
def test_a_reserved_slug_is_explained_without_the_constraint_name(editor_client, slug):
    data = _add_form(editor_client)
    data.update(title="Labels", slug=slug, body="Tekst.")
    response = editor_client.post("/admin/posts/post/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "post_slug_not_reserved" not in html and "Constraint" not in html
    errors = response.context["adminform"].form.errors["slug"]
    assert len(errors) == 1 and f"/blog/{slug}/" in errors[0]
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_the_reserved_slug_message_names_what_to_do(editor_client):
    data = _add_form(_in_english(editor_client))
    data.update(title="Archief", slug="archive", body="Tekst.")
    html = editor_client.post("/admin/posts/post/add/", data).content.decode()
    assert "is taken by a page of the blog itself" in html and "Choose another slug" in html


@pytest.mark.django_db
def test_help_texts_show_their_examples_literally(editor_client):
    html = editor_client.get("/admin/posts/post/add/").content.decode()
    assert "/blog/&lt;slug&gt;/" in html
    assert "&lt;!--truncate--&gt;" in html
    assert "<!--truncate-->" not in html


@pytest.mark.django_db
def test_a_series_clash_on_the_article_names_the_article_holding_the_place(
    editor_client, make_post, make_series
):
    holder = make_post(title="Eerste deel")
    series = make_series(posts=[holder])
    post = make_post(title="Nieuw deel")
    data = _change_form(_in_english(editor_client), post)
    data.update(
        {
            "series_entry-TOTAL_FORMS": "1",
            "series_entry-0-series": str(series.pk),
            "series_entry-0-position": "1",
            "series_entry-0-post": str(post.pk),
        }
    )
    response = editor_client.post(f"/admin/posts/post/{post.pk}/change/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "is already the article “Eerste deel”" in html
    assert "2 is the first free one" in html
    assert "series_entry_position_unique" not in html and "already exists" not in html
    data["series_entry-0-position"] = "2"
    assert editor_client.post(f"/admin/posts/post/{post.pk}/change/", data).status_code == 302
    assert SeriesEntry.objects.get(post=post).position == 2


@pytest.mark.django_db
def test_two_parts_at_one_position_on_the_series_page_are_named(
    editor_client, make_post, make_series
):
    series = make_series(posts=[make_post(title="Een"), make_post(title="Twee")])
    url = f"/admin/series/series/{series.pk}/change/"
    data = form_data(_in_english(editor_client).get(url).content.decode(), form_id="series_form")
    data["entries-1-position"] = data["entries-0-position"]
    html = editor_client.post(url, data).content.decode()
    assert re.search(r"Part 1 is given to “(Een|Twee)” and “(Een|Twee)”", html)
    assert "duplicate data for series" not in html


@pytest.mark.django_db
def test_revision_pages_are_in_dutch(editor_client, make_post):
    post = make_post()
    html = editor_client.get(f"/admin/posts/post/{post.pk}/history/").content.decode()
    assert "Wijzigingsgeschiedenis" in html
    assert "None" not in html[html.index('id="change-history"') :]
    revision = post.history.first()
    url = f"/admin/posts/post/{post.pk}/history/{revision.history_id}/"
    assert 'value="Terugzetten"' in editor_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_admin_texts_django_leaves_english_are_dutch(editor_client, make_post):
    make_post()
    html = editor_client.get(CHANGELIST).content.decode()
    assert "- Kies een optie -" in html and "Select an option" not in html
    assert "Filteren op" in html
    script = editor_client.get("/admin/jsi18n/").content.decode()
    assert "Let op: voer tijden in de tijdzone" in script


@pytest.mark.django_db
def test_the_label_of_an_image_on_another_site_is_translatable(english):
    from posts.bodies import render_body

    html = render_body("![Grafiek](https://example.org/g.png)", "en").html
    assert "Grafiek (image on another site)" in html


# --- Language -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_header_switches_between_dutch_and_english(editor_client):
    html = editor_client.get(CHANGELIST).content.decode()
    switch = html[html.index('class="admin-language"') :]
    assert 'href="/language/en/?next=/admin/posts/post/"' in switch
    assert 'lang="nl" hreflang="nl" aria-current="true"' in switch
    response = editor_client.get("/language/en/?next=/admin/posts/post/")
    assert response.status_code == 302 and response["Location"] == "/admin/posts/post/"
    english = editor_client.get(CHANGELIST).content.decode()
    assert '<html lang="en"' in english and "Select article to change" in english
    editor_client.get("/language/nl/?next=/admin/")
    assert "Selecteer artikel om te wijzigen" in editor_client.get(CHANGELIST).content.decode()


@pytest.mark.django_db
def test_the_login_page_has_the_language_switch(client):
    html = client.get("/admin/login/").content.decode()
    assert 'class="admin-language"' in html and 'href="/language/en/?next=' in html


@pytest.mark.django_db
def test_a_part_already_in_another_series_is_refused_by_name(editor_client, make_post, make_series):
    elsewhere = make_post(title="Elders")
    make_series(posts=[elsewhere], title="Andere reeks")
    series = make_series(posts=[make_post(title="Eigen deel")])
    url = f"/admin/series/series/{series.pk}/change/"
    data = form_data(_in_english(editor_client).get(url).content.decode(), form_id="series_form")
    data.update({"entries-1-post": str(elsewhere.pk), "entries-1-position": "2"})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "“Elders” is already part 1 of “Andere reeks”" in response.content.decode()
    assert SeriesEntry.objects.get(post=elsewhere).series.title == "Andere reeks"
