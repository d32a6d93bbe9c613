"""Filling in a source from a DOI, an ISBN or an address, against a local fake of the web."""

import socket

import pytest
from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse

from sources import fetching, resolving
from sources.fetching import FetchError, fetch, is_public_address
from sources.models import Citation, Source, SourceAlias
from sources.resolving import ResolveError, apply_csl, fill_source, resolve

from .fake_resolver import CSL_JSON, DOI, ISBN, FakeResolver

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def web():
    with FakeResolver() as server:
        yield server


@pytest.fixture(autouse=True)
def resolvers(settings, web):
    """The resolvers point at the fake; its 127.0.0.1 is let through the guard."""
    settings.SOURCE_RESOLVERS = {
        "DOI_BASE": f"{web.base}/doi/",
        "ISBN_BASE": f"{web.base}/openlibrary/api/books",
        "ALLOW_PRIVATE_ADDRESSES": True,
        "TIMEOUT": 5,
    }
    web.requests.clear()
    return settings.SOURCE_RESOLVERS


def _source(**fields) -> Source:
    fields.setdefault("publisher", "Voorlopig")
    fields.setdefault("slug", f"bron-{Source.objects.count() + 1}")
    source = Source(**fields)
    source.save()
    return source


# --- The resolvers --------------------------------------------------------------------------


def test_the_doi_resolver_negotiates_csl_json_through_a_redirect(web):
    item = resolve(f"https://doi.org/{DOI}")
    assert item["title"].startswith("Algorithms in <i>government</i>")
    first = web.requests[0]
    assert first["path"] == f"/doi/{DOI}"
    assert first["headers"]["Accept"] == CSL_JSON
    assert first["headers"]["User-Agent"].startswith("Bronpunt/1.0")
    # The hop kept the Accept header.
    assert [r["path"] for r in web.requests] == [f"/doi/{DOI}", f"/crossref/{DOI}"]
    assert web.requests[1]["headers"]["Accept"] == CSL_JSON


@pytest.mark.django_db
def test_a_doi_fills_the_reference_fields():
    source = _source()
    filled = apply_csl(source, resolve(f"doi:{DOI}"), overwrite={"publisher"})
    source.refresh_from_db()
    assert source.kind == Source.Kind.ARTICLE
    assert source.title == "Algorithms in government: a registered title"
    assert source.creators == "Jansen, Anna\nde Vries, Jan"
    assert source.issued == "2021-03"
    assert source.container_title == "Journal of Tests"
    assert source.publisher == "Test Press"
    assert source.doi == DOI
    assert source.url == f"https://doi.org/{DOI}"
    assert source.language == "en"
    assert set(filled) >= {"kind", "title", "creators", "issued", "doi", "publisher"}
    assert "Jansen, A." in source.reference_html


def test_an_unknown_doi_is_not_found():
    with pytest.raises(FetchError) as caught:
        resolve("10.5555/unknown")
    assert caught.value.code == "not_found"
    assert caught.value.params["status"] == 404


def test_a_doi_whose_agency_answers_with_a_page_is_read_as_a_page():
    item = resolve("10.5555/landing")
    assert item["title"] == "Dublin Core title"
    assert item["DOI"] == "10.5555/landing"


@pytest.mark.django_db
def test_an_isbn_fills_a_book_from_open_library(web):
    source = _source()
    apply_csl(source, resolve("ISBN 978-0-14-032872-1"), overwrite={"publisher"})
    source.refresh_from_db()
    assert web.requests[0]["path"].startswith("/openlibrary/api/books?bibkeys=ISBN%3A9780140328721")
    assert web.requests[0]["headers"]["Accept"] == "application/json"
    assert (source.kind, source.title) == ("book", "Fantastic Mr Fox")
    assert source.creators == "Dahl, Roald"
    assert (source.publisher, source.issued, source.isbn) == ("Puffin", "1988-10-01", ISBN)


def test_an_isbn_open_library_does_not_know_is_reported():
    with pytest.raises(ResolveError) as caught:
        resolve("9780306406157")
    assert caught.value.code == "isbn_unknown"


def test_a_page_with_every_kind_of_tag_gives_citation_tags_precedence(web):
    item = resolve(f"{web.base}/pages/full")
    assert item["type"] == "article-journal"
    assert item["title"] == "Highwire title"
    assert item["author"] == [
        {"family": "Pietersen", "given": "Piet"},
        {"family": "Klaassen", "given": "Karin"},
    ]
    assert item["issued"] == {"date-parts": [[2023, 4, 5]]}
    assert item["container-title"] == "Tijdschrift voor Tests"
    assert item["publisher"] == "Highwire Uitgever"
    assert item["ISBN"] == "9780306406157"
    # No citation_language: Dublin Core's comes before the page's lang.
    assert item["language"] == "nl"
    assert item["URL"] == f"{web.base}/pages/full"


def test_dublin_core_comes_before_open_graph(web):
    item = resolve(f"{web.base}/pages/dc")
    assert item["title"] == "Dublin Core title"
    assert item["author"] == [{"family": "Bakker", "given": "Bea"}]
    assert item["issued"] == {"date-parts": [[2022, 6, 7]]}
    assert item["publisher"] == "DC Uitgever"
    assert item["container-title"] == "De Site"
    assert item["type"] == "webpage"


@pytest.mark.django_db
def test_a_page_with_only_open_graph_fills_a_web_page(web):
    url = f"{web.base}/pages/og"
    source = _source()
    filled = apply_csl(source, resolve(url), overwrite={"publisher"})
    source.refresh_from_db()
    assert source.kind == Source.Kind.WEBPAGE
    assert source.title == "Open Graph title"
    assert source.issued == "2024-02-03"
    # The site names the source (the notes' publisher), and is not repeated as its container.
    assert (source.publisher, source.container_title) == ("De Site", "")
    # A profile address is no author.
    assert source.creators == ""
    assert source.language == "nl-NL"
    assert source.url == url
    assert "creators" not in filled


def test_a_page_naming_a_doi_takes_the_doi_record_first(web):
    url = f"{web.base}/pages/with-doi"
    item = resolve(url)
    assert item["title"].startswith("Algorithms in")
    assert item["DOI"] == DOI
    assert item["URL"] == url
    assert f"/doi/{DOI}" in [r["path"] for r in web.requests]


def test_the_page_title_is_the_last_resort_and_a_page_s_charset_is_read(web):
    assert resolve(f"{web.base}/pages/latin1")["title"] == "Café en crème"
    with pytest.raises(ResolveError) as caught:
        resolve(f"{web.base}/pages/bare")
    assert caught.value.code == "no_metadata"


def test_an_address_that_is_not_a_page_is_reported(web):
    with pytest.raises(ResolveError) as caught:
        resolve(f"{web.base}/report.pdf")
    assert (caught.value.code, caught.value.params["type"]) == ("not_html", "application/pdf")
    with pytest.raises(FetchError) as caught:
        resolve(f"{web.base}/gone")
    assert caught.value.code == "not_found"


# --- Politeness and safety ------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier",
    ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "gopher://x", "kaas"],
)
def test_only_dois_isbns_and_web_addresses_are_resolved(identifier, web):
    with pytest.raises(ResolveError) as caught:
        resolve(identifier)
    assert caught.value.code == "unrecognised"
    assert web.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/html,x"])
def test_fetch_refuses_other_schemes(url):
    with pytest.raises(FetchError) as caught:
        fetch(url, accept="*/*")
    assert caught.value.code == "scheme"


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_a_redirect_to_another_scheme_is_not_followed(path, web):
    with pytest.raises(FetchError) as caught:
        fetch(f"{web.base}{path}", accept="*/*")
    assert caught.value.code == "scheme"


def test_the_guard_is_on_unless_a_setting_turns_it_off(settings):
    del settings.SOURCE_RESOLVERS
    assert fetching.option("ALLOW_PRIVATE_ADDRESSES") is False


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_with_the_guard_on_a_loopback_address_is_refused(host, resolvers, web):
    resolvers["ALLOW_PRIVATE_ADDRESSES"] = False
    port = web.server.server_port
    with pytest.raises(FetchError) as caught:
        resolve(f"http://{host}:{port}/pages/og")
    assert caught.value.code == "private_address"
    assert web.requests == []


def test_the_guard_checks_what_a_name_resolves_to(resolvers, web, monkeypatch):
    """A public-looking name that resolves to this machine is refused before connecting."""
    resolvers["ALLOW_PRIVATE_ADDRESSES"] = False
    port = web.server.server_port
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    with pytest.raises(FetchError) as caught:
        fetch(f"http://publisher.example:{port}/pages/og", accept="*/*")
    assert caught.value.code == "private_address"
    assert web.requests == []


def test_the_guard_checks_every_redirect(resolvers, web, monkeypatch):
    """Only the first host passes for public here; the redirect to an internal one is refused."""
    resolvers["ALLOW_PRIVATE_ADDRESSES"] = False
    port = web.server.server_port
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    verdicts = iter([True])
    monkeypatch.setattr(fetching, "is_public_address", lambda address: next(verdicts, False))
    with pytest.raises(FetchError) as caught:
        fetch(f"http://publisher.example:{port}/to-internal", accept="*/*")
    assert caught.value.code == "private_address"
    assert [r["path"] for r in web.requests] == ["/to-internal"]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fc00::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        ("145.222.1.1", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_which_addresses_are_public(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_an_answer_larger_than_the_limit_is_refused(path, resolvers, web):
    resolvers["MAX_BYTES"] = 1000
    with pytest.raises(FetchError) as caught:
        resolve(f"{web.base}{path}")
    assert (caught.value.code, caught.value.params["limit"]) == ("too_large", 1000)


def test_the_default_size_limit_is_two_megabytes(settings):
    del settings.SOURCE_RESOLVERS
    assert fetching.option("MAX_BYTES") == 2_000_000


def test_a_slow_server_times_out(resolvers, web):
    resolvers["TIMEOUT"] = 0.3
    with pytest.raises(FetchError) as caught:
        resolve(f"{web.base}/slow")
    assert caught.value.code == "timeout"


# --- Applying an item -----------------------------------------------------------------------


@pytest.mark.django_db
def test_what_an_editor_typed_is_kept(web):
    source = _source(publisher="Mijn uitgever", title="Mijn titel", creators="Ikke, Zelf")
    filled = apply_csl(source, resolve(f"{web.base}/pages/full"))
    source.refresh_from_db()
    assert (source.publisher, source.title, source.creators) == (
        "Mijn uitgever",
        "Mijn titel",
        "Ikke, Zelf",
    )
    assert source.issued == "2023-04-05"
    assert source.container_title == "Tijdschrift voor Tests"
    assert not {"publisher", "title", "creators"} & set(filled)


@pytest.mark.django_db
def test_asked_to_overwrite_it_replaces_the_typed_fields(web):
    source = _source(publisher="Mijn uitgever", title="Mijn titel")
    apply_csl(source, resolve(f"{web.base}/pages/full"), overwrite=True)
    source.refresh_from_db()
    assert (source.publisher, source.title) == ("Highwire Uitgever", "Highwire title")


@pytest.mark.django_db
def test_a_cited_source_keeps_its_identity_as_an_alias(make_post, web):
    source = _source(publisher="De Site")
    Citation.objects.create(post=make_post(), label="1", order=1, source=source)
    old_key = source.key
    apply_csl(source, resolve(f"{web.base}/pages/og"))
    source.refresh_from_db()
    assert source.title == "Open Graph title"
    assert SourceAlias.objects.get(key=old_key).source == source


@pytest.mark.django_db
def test_filling_in_another_source_s_identity_saves_nothing(web):
    _source(publisher="Highwire Uitgever", title="Highwire title", slug="bestaat")
    source = _source(publisher="Voorlopig")
    with pytest.raises(ResolveError) as caught:
        apply_csl(source, resolve(f"{web.base}/pages/full"), overwrite={"publisher"})
    assert caught.value.code == "duplicate"
    source.refresh_from_db()
    assert (source.publisher, source.title, source.issued) == ("Voorlopig", "", "")


def test_bad_values_in_an_item_are_left_out():
    fields = resolving.csl_fields(
        {
            "type": "thesis",
            "DOI": "not a doi",
            "ISBN": ["123", "978-0-306-40615-7"],
            "URL": "javascript:alert(1)",
            "issued": {"date-parts": [[2020, 13, 1]]},
            "author": [{"literal": "Rijksoverheid"}, {"given": "Anna", "family": "Jansen"}],
            "title": "x" * 600,
        }
    )
    assert fields == {
        "isbn": "9780306406157",
        "issued": "2020",
        "creators": "Rijksoverheid\nJansen, Anna",
        "title": "x" * 500,
    }


# --- In the background and in the admin -----------------------------------------------------


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_the_task_fills_the_source_and_reports_once(english, web):
    source = _source()
    url = f"{web.base}/pages/og"
    result = fill_source.enqueue(source.pk, url, ["publisher"])
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert {"title", "publisher", "issued"} <= set(result.return_value["filled"])
    report = resolving.take_fill_report(source.pk)
    assert report.level == messages.SUCCESS
    assert report.message.startswith(f"Filled in from “{url}”: type, title, issued, ")
    assert resolving.take_fill_report(source.pk) is None


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_a_failed_task_is_in_its_result_and_reported_to_the_editor(english, web):
    source = _source()
    result = fill_source.enqueue(source.pk, "10.5555/unknown")
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "sources.fetching.FetchError"
    report = resolving.take_fill_report(source.pk)
    assert report.message == (
        "Could not fill in from “10.5555/unknown”: "
        f"Nothing was found at {web.base}/doi/10.5555/unknown (404)."
    )


def _form(**fields) -> dict:
    data = dict.fromkeys(
        [
            "fill_from",
            "publisher",
            "title",
            "slug",
            "kind",
            "creators",
            "issued",
            "container_title",
            "url",
            "doi",
            "isbn",
            "language",
            "accessed",
            "description",
        ],
        "",
    )
    return {**data, **fields}


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_a_source_added_with_only_a_doi_is_filled_in(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:sources_source_add"), _form(fill_from=f"https://doi.org/{DOI}")
        )
    assert response.status_code == 302
    assert any(DOI in m for m in _messages(response))
    source = Source.objects.get()
    assert (source.publisher, source.doi, source.issued) == ("Test Press", DOI, "2021-03")
    assert source.slug == "test-press-algorithms-in-government-a-registered-title"
    editor_client.cookies["django_language"] = "en"
    page = editor_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    filled = f"Filled in from “https://doi.org/{DOI}”: type, title, authors, issued, "
    assert [m for m in _messages(page) if m.startswith(filled)]


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_a_change_keeps_the_editor_s_fields_and_fills_the_rest(
    editor_client, django_capture_on_commit_callbacks, web
):
    source = _source(publisher="Mijn uitgever", title="Mijn titel")
    url = f"{web.base}/pages/full"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:sources_source_change", args=[source.pk]),
            _form(fill_from=url, publisher="Mijn uitgever", title="Mijn titel", slug=source.slug),
        )
    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.publisher, source.title, source.url) == ("Mijn uitgever", "Mijn titel", url)
    assert (source.creators, source.issued) == ("Pietersen, Piet\nKlaassen, Karin", "2023-04-05")


@pytest.mark.django_db
def test_the_form_checks_the_identifier_at_once(editor_client, english):
    editor_client.cookies["django_language"] = "en"
    _source(publisher="Er al", doi=DOI, slug="er-al")
    add = reverse("admin:sources_source_add")
    errors = editor_client.post(add, _form(fill_from="kaas")).context["adminform"].form.errors
    assert "is not a DOI, an ISBN or a web address" in errors["fill_from"][0]
    errors = editor_client.post(add, _form(fill_from=DOI)).context["adminform"].form.errors
    assert errors["fill_from"] == ["This is the DOI, ISBN or address of “Er al” already."]
    form = editor_client.post(add, _form()).context["adminform"].form
    assert form.errors.as_data()["publisher"][0].code == "required"
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_who_may_only_view_a_source_is_not_offered_the_fill_in(client, django_user_model):
    user = django_user_model.objects.create_user("auteur", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Auteur"))
    client.force_login(user)
    source = _source()
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    assert b"fill_from" not in page.content
