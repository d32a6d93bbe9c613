"""Link health: the checker against a local HTTP server, what a check records on a source, the
schedule and the worker, and what editors and readers see. Nothing here reaches the internet:
every address is on 127.0.0.1, and the archived copy's address is computed, not fetched."""

import io
import itertools
import os
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import override_settings
from django.utils import timezone, translation

from posts.models import Post
from sources import linkhealth
from sources.linkcheck import CheckResult, Hop, HostThrottle, LinkChecker
from sources.models import LinkState, Source
from sources.tasks import check_source_link
from tests.conftest import REPO_ROOT

USER_AGENT = "Bronpunt link checker (Bronpunt; +https://blog.example.org/)"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def dutch(message: str) -> str:
    """``message`` as a Dutch reader sees it (the site's language)."""
    with translation.override("nl"):
        return translation.gettext(message)


class _Handler(BaseHTTPRequestHandler):
    """Answers by path; records every request (method, path, User-Agent, arrival time)."""

    ROUTES = {
        "/ok": (200, None),
        "/moved": (301, "/ok"),
        "/hop": (302, "/moved"),
        "/missing": (404, None),
        "/gone": (410, None),
        "/error": (500, None),
        "/busy": (503, None),
        "/loop": (302, "/loop"),
    }

    def _answer(self) -> None:
        self.server.requests.append(
            (self.command, self.path, self.headers.get("User-Agent"), time.monotonic())
        )
        if self.path == "/slow":
            time.sleep(1.0)
            status, location = 200, None
        elif self.path == "/head-refused":
            status, location = (405, None) if self.command == "HEAD" else (200, None)
        else:
            status, location = self.ROUTES.get(self.path, (404, None))
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            pass  # the client gave up (the slow answer)

    do_HEAD = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site():
    """A local server; ``site.url(path)`` is an address on it, ``site.requests`` its log."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = lambda path: f"http://127.0.0.1:{server.server_port}{path}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def checker(host_interval: float = 0.0, allow_private: bool = True) -> LinkChecker:
    return LinkChecker(
        user_agent=USER_AGENT,
        connect_timeout=1.0,
        read_timeout=0.3,
        host_interval=host_interval,
        allow_private=allow_private,
        throttle=HostThrottle(),
    )


# --- The checker ------------------------------------------------------------------------------


def test_a_page_that_answers_200_works_after_one_head_request(site):
    result = checker().check(site.url("/ok"))
    assert (result.status, result.works, result.hops) == ("200", True, ())
    assert result.final_url == site.url("/ok")
    assert [(method, path) for method, path, *_ in site.requests] == [("HEAD", "/ok")]


def test_redirects_are_followed_and_each_hop_recorded(site):
    result = checker().check(site.url("/hop"))
    assert result.status == "200" and result.final_url == site.url("/ok")
    assert result.hops == (Hop(302, site.url("/moved")), Hop(301, site.url("/ok")))


@pytest.mark.parametrize("path, status", [("/missing", "404"), ("/gone", "410"), ("/error", "500")])
def test_an_error_answer_is_asked_again_with_get_and_recorded(site, path, status):
    result = checker().check(site.url(path))
    assert (result.status, result.gone, result.works) == (status, True, False)
    assert [method for method, *_ in site.requests] == ["HEAD", "GET"]


def test_head_refused_with_405_then_get_answers_200(site):
    result = checker().check(site.url("/head-refused"))
    assert result.status == "200" and result.works
    assert [method for method, *_ in site.requests] == ["HEAD", "GET"]


def test_an_answer_slower_than_the_read_timeout_is_a_timeout(site):
    started = time.monotonic()
    result = checker().check(site.url("/slow"))
    assert result.status == "timeout" and not result.works and not result.gone
    assert time.monotonic() - started < 1.0  # gave up before the server answered


def test_a_closed_port_is_refused(closed_port):
    result = checker().check(f"http://127.0.0.1:{closed_port}/page")
    assert result.status == "refused" and result.code is None


def test_a_name_that_does_not_resolve_is_a_dns_failure(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    assert checker().check("https://bestaat-niet.example/").status == "dns"


def test_a_failed_tls_handshake_is_a_tls_failure(site):
    # The local server speaks plain HTTP: the handshake fails on our own machine.
    https = site.url("/ok").replace("http://", "https://")
    assert checker().check(https).status == "tls"


def test_a_redirect_loop_stops_after_the_limit(site):
    result = checker().check(site.url("/loop"))
    assert result.status == "redirects" and len(result.hops) == 11


def test_addresses_off_the_public_internet_are_not_asked(site):
    result = checker(allow_private=False).check(site.url("/ok"))
    assert result.status == "private" and not result.works and not result.gone
    assert site.requests == []


def test_busy_answers_mean_later_not_gone(site):
    result = checker().check(site.url("/busy"))
    assert result.status == "503" and not result.gone and not result.works


def test_requests_name_the_site_and_an_address(site):
    checker().check(site.url("/ok"))
    assert site.requests[0][2] == USER_AGENT


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({}, "Bronpunt link checker (Bronpunt; +https://blog.example.org/)"),
        (
            {"BLOG_LINK_CHECK_CONTACT": "mailto:redactie@example.org", "BLOG_TITLE": "Blog"},
            "Blog link checker (Bronpunt; +mailto:redactie@example.org)",
        ),
    ],
)
def test_the_user_agent_names_the_site_and_where_to_reach_it(environment, expected):
    code = "from blog_project import settings; print(settings.BLOG['LINK_CHECK']['USER_AGENT'])"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BLOG_", "DJANGO_"))},
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "blog.example.org,www.blog.example.org",
        **environment,
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert out.stdout.strip() == expected, out.stderr


def test_requests_to_one_host_keep_the_rate_limit_apart(site):
    interval = 0.25
    polite = checker(host_interval=interval)
    polite.check(site.url("/ok"))
    polite.check(site.url("/missing"))  # HEAD, then GET: three requests in all
    arrivals = [at for *_, at in site.requests]
    assert len(arrivals) == 3
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= interval


def test_the_throttle_waits_per_host_not_for_every_host():
    now = [100.0]
    slept = []
    throttle = HostThrottle(clock=lambda: now[0], sleep=slept.append)
    with throttle.slot("a.example", 5):
        pass
    with throttle.slot("b.example", 5):
        pass
    now[0] += 2
    with throttle.slot("a.example", 5):
        pass
    assert slept == [3.0]


# --- What a check records on a source --------------------------------------------------------


@pytest.fixture
def cited(make_post):
    """A source with an address, cited by a published article."""

    def make(url: str, published: datetime | None = None) -> Source:
        published = published or timezone.now() - timedelta(days=1)
        make_post(
            title="Citerend artikel",
            body=f"Zie de bron.[^1]\n\n[^1]: **Kennisbank** - [Het rapport]({url})\n",
            publish_at=published,
        )
        return Source.objects.get(publisher="Kennisbank")

    return make


def result(status: str, *hops: Hop) -> CheckResult:
    return CheckResult(status, "https://kennisbank.example/rapport", hops)


def _record(source: Source, outcome: CheckResult) -> Source:
    linkhealth.record_check(source.pk, source.url, outcome)
    return Source.objects.get(pk=source.pk)


@pytest.mark.django_db
def test_a_working_link_is_ok_with_the_time_it_last_worked(cited):
    source = _record(cited("https://kennisbank.example/rapport"), result("200"))
    assert source.link_state == LinkState.OK and source.link_status == "200"
    assert source.link_checked_at == source.link_working_at is not None
    assert source.link_failures == 0 and not source.link_broken


@pytest.mark.django_db
def test_a_redirected_link_records_its_hops_and_final_address(cited):
    hop = Hop(301, "https://kennisbank.example/nieuw")
    source = _record(cited("https://kennisbank.example/rapport"), result("200", hop))
    assert source.link_state == LinkState.REDIRECTED
    assert source.link_redirects == [{"status": 301, "url": "https://kennisbank.example/nieuw"}]
    assert source.link_final_url == "https://kennisbank.example/rapport"


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["404", "410", "500"])
def test_a_gone_answer_breaks_the_link_at_once(cited, status):
    source = _record(cited("https://kennisbank.example/rapport"), result(status))
    assert source.link_state == LinkState.BROKEN and source.link_broken
    assert source.link_working_at is None and source.link_failures == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["timeout", "refused", "dns", "tls", "503", "429"])
def test_no_answer_or_try_later_breaks_the_link_only_after_failures_in_a_row(
    cited, settings, status
):
    settings.BLOG = {**settings.BLOG, "LINK_CHECK": {**settings.BLOG["LINK_CHECK"]}}
    settings.BLOG["LINK_CHECK"]["FAILURES_BEFORE_BROKEN"] = 3
    source = _record(cited("https://kennisbank.example/rapport"), result("200"))
    for failures in (1, 2):
        source = _record(source, result(status))
        assert (source.link_state, source.link_failures) == (LinkState.OK, failures)
    source = _record(source, result(status))
    assert source.link_state == LinkState.BROKEN and source.link_failures == 3
    source = _record(source, result("200"))
    assert (source.link_state, source.link_failures) == (LinkState.OK, 0)


@pytest.mark.django_db
def test_the_archived_copy_is_the_wayback_address_for_the_date_first_cited(cited):
    first = datetime(2024, 5, 1, 12, tzinfo=UTC)
    source = _record(cited("https://kennisbank.example/rapport", first), result("200"))
    assert source.archive_url == (
        "https://web.archive.org/web/20240501/https://kennisbank.example/rapport"
    )
    assert source.archive_date == date(2024, 5, 1) and not source.archive_confirmed


@pytest.mark.django_db
def test_the_accessed_date_dates_the_archived_copy_when_an_editor_gave_one(cited):
    source = cited("https://kennisbank.example/rapport")
    Source.objects.filter(pk=source.pk).update(accessed=date(2023, 2, 3))
    source = _record(Source.objects.get(pk=source.pk), result("404"))
    assert source.archive_url.startswith("https://web.archive.org/web/20230203/")


@pytest.mark.django_db
def test_an_archived_copy_an_editor_gave_is_kept(cited):
    source = cited("https://kennisbank.example/rapport")
    copy = "https://web.archive.org/web/20220101093000/https://kennisbank.example/rapport"
    Source.objects.filter(pk=source.pk).update(archive_url=copy, archive_confirmed=True)
    source = _record(Source.objects.get(pk=source.pk), result("404"))
    assert source.archive_url == copy and source.archive_confirmed
    assert source.archive_date == date(2022, 1, 1)


@pytest.mark.django_db
def test_a_result_for_an_address_the_source_no_longer_has_is_dropped(cited):
    source = cited("https://kennisbank.example/rapport")
    assert linkhealth.record_check(source.pk, "https://elders.example/", result("404")) is None
    assert Source.objects.get(pk=source.pk).link_state == LinkState.UNCHECKED


# --- The schedule and the worker -------------------------------------------------------------


@pytest.fixture
def queue():
    """The test settings' dummy backend: what was enqueued, run by nobody."""
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.mark.django_db
def test_due_sources_are_the_unchecked_the_stale_and_the_failing(settings):
    now = timezone.now()
    config = settings.BLOG["LINK_CHECK"]

    def source(slug: str, **fields) -> Source:
        made = Source.objects.create(publisher=slug, slug=slug, url=f"https://{slug}.example/")
        Source.objects.filter(pk=made.pk).update(**fields)
        return made

    source("nooit")
    source("oud", link_state="ok", link_checked_at=now - timedelta(days=config["EVERY_DAYS"] + 1))
    source("vers", link_state="ok", link_checked_at=now - timedelta(hours=1))
    source("falend", link_failures=1, link_checked_at=now - timedelta(hours=25))
    source("net-gefaald", link_failures=1, link_checked_at=now - timedelta(hours=1))
    source("stuk", link_state="broken", link_failures=3, link_checked_at=now - timedelta(hours=25))
    Source.objects.create(publisher="zonder", slug="zonder")
    due = set(linkhealth.sources_due(now).values_list("slug", flat=True))
    assert due == {"nooit", "oud", "falend"}


@pytest.mark.django_db
def test_check_links_enqueues_the_due_sources_one_host_after_another(queue):
    for slug, host in [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b"), ("c1", "c")]:
        Source.objects.create(publisher=slug, slug=slug, url=f"https://{host}.example/{slug}")
    call_command("check_links", stdout=io.StringIO())
    enqueued = [Source.objects.get(pk=r.args[0]).slug for r in queue.results]
    assert enqueued == ["a1", "b1", "c1", "a2", "a3"]
    assert all(r.task.name == check_source_link.name for r in queue.results)


@pytest.mark.django_db
def test_a_check_asked_for_before_the_last_check_is_skipped(cited, site):
    source = cited(site.url("/ok"))
    asked = timezone.now()
    linkhealth.check_source(source.pk, requested_at=asked)
    assert len(site.requests) == 1
    linkhealth.check_source(source.pk, requested_at=asked)
    assert len(site.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_enqueued_checks_from_the_database_queue(make_post, site):
    from django_tasks_db.models import DBTaskResult

    make_post(body=f"Zie.[^1]\n\n[^1]: **Weg** - [Verdwenen]({site.url('/gone')})\n")
    make_post(body=f"Zie.[^1]\n\n[^1]: **Er** - [Nog daar]({site.url('/ok')})\n")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        call_command("check_links", stdout=io.StringIO())
        assert DBTaskResult.objects.filter(status="READY").count() == 2
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    states = dict(Source.objects.values_list("publisher", "link_state"))
    assert states == {"Weg": LinkState.BROKEN, "Er": LinkState.OK}


# --- Editors ----------------------------------------------------------------------------------


@pytest.fixture
def checked(db):
    """Sources in every link state."""
    now = timezone.now()
    made = {}
    for slug, state, status in [
        ("kapot", "broken", "404"),
        ("verhuisd", "redirected", "200"),
        ("werkt", "ok", "200"),
        ("nooit", "unchecked", ""),
    ]:
        source = Source.objects.create(
            publisher=slug, title="Rapport", slug=slug, url=f"https://{slug}.example/"
        )
        if status:
            Source.objects.filter(pk=source.pk).update(
                link_state=state, link_status=status, link_checked_at=now
            )
        made[slug] = source
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state, listed",
    [("broken", "kapot"), ("redirected", "verhuisd"), ("ok", "werkt"), ("unchecked", "nooit")],
)
def test_the_admin_filters_sources_by_link_state(editor_client, checked, state, listed):
    response = editor_client.get("/admin/sources/source/", {"link": state})
    shown = {source.slug for source in response.context["cl"].result_list}
    assert shown == {listed}


@pytest.mark.django_db
def test_the_admin_list_shows_the_link_state_with_its_answer_and_the_last_check(
    editor_client, checked
):
    html = editor_client.get("/admin/sources/source/", {"link": "broken"}).content.decode()
    assert f"{dutch('broken')} (404)" in html
    assert "column-link_checked_at" in html and "field-link_checked_at" in html


@pytest.mark.django_db
def test_check_these_links_now_enqueues_a_check_per_selected_source(editor_client, checked, queue):
    chosen = [checked["kapot"].pk, checked["werkt"].pk]
    response = editor_client.post(
        "/admin/sources/source/",
        {"action": "check_links", "_selected_action": chosen},
        follow=True,
    )
    assert response.status_code == 200
    assert sorted(r.args[0] for r in queue.results) == sorted(chosen)
    assert {r.task.name for r in queue.results} == {"check_source_link"}


@pytest.mark.django_db
def test_the_change_page_shows_the_archived_copy_with_its_confirm_box(editor_client, checked):
    source = checked["kapot"]
    copy = "https://web.archive.org/web/20240501/https://kapot.example/"
    Source.objects.filter(pk=source.pk).update(archive_url=copy)
    html = editor_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert f'href="{copy}"' in html
    assert 'name="archive_url"' in html and 'name="archive_confirmed"' in html


@pytest.mark.django_db
def test_a_new_address_forgets_the_old_checks_and_is_checked_again(editor_client, cited, queue):
    source = _record(cited("https://kennisbank.example/rapport"), result("404"))
    data = {
        "publisher": source.publisher,
        "title": source.title,
        "slug": source.slug,
        "url": "https://kennisbank.example/nieuw",
        "archive_url": source.archive_url,
    }
    response = editor_client.post(f"/admin/sources/source/{source.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    source.refresh_from_db()
    assert (source.link_state, source.archive_url, source.link_failures) == ("unchecked", "", 0)
    assert [r.task.name for r in queue.results] == [
        "check_source_link",
        "refresh_source_citations",
    ]


# --- Readers ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_source_page_tells_readers_a_broken_link_and_offers_the_archived_copy(
    client, cited, site
):
    source = cited(site.url("/gone"))
    before = client.get(source.get_absolute_url()).content.decode()  # now in the page cache
    assert dutch("link no longer reachable; archived copy") not in before
    linkhealth.check_source(source.pk)
    source.refresh_from_db()
    html = client.get(source.get_absolute_url()).content.decode()
    notice = dutch("link no longer reachable; archived copy")
    assert f'<a href="{source.archive_url}" rel="external noopener">{notice}</a>' in html
    assert f'data-versionurl="{source.archive_url}"' in html
    assert f'data-versiondate="{source.archive_date:%Y-%m-%d}"' in html


@pytest.mark.django_db
def test_the_articles_note_shows_the_notice_and_robust_links_after_a_check(client, cited, site):
    source = cited(site.url("/gone"))
    post = Post.objects.get(title="Citerend artikel")
    assert "footnote-archive" not in client.get(post.get_absolute_url()).content.decode()
    with override_settings(TASKS=IMMEDIATE):
        check_source_link.enqueue(source.pk, timezone.now().isoformat())
    source.refresh_from_db()
    html = client.get(post.get_absolute_url()).content.decode()
    cited_link = re.search(r'<a href="[^"]*/gone"[^>]*>Het rapport</a>', html)[0]
    assert f'data-versionurl="{source.archive_url}"' in cited_link
    assert f'data-versiondate="{source.archive_date:%Y-%m-%d}"' in cited_link
    notice = dutch("link no longer reachable; archived copy")
    assert f'<a class="footnote-archive" href="{source.archive_url}">{notice}</a>' in html


@pytest.mark.django_db
def test_a_working_link_gets_robust_links_but_no_notice(client, cited, site):
    source = cited(site.url("/ok"))
    post = Post.objects.get(title="Citerend artikel")
    check_source_link.call(source.pk, timezone.now().isoformat())
    source.refresh_from_db()
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'data-versionurl="{source.archive_url}"' in html
    assert "footnote-archive" not in html


@pytest.mark.django_db
def test_a_routine_check_that_changes_nothing_readers_see_renders_nothing(cited, site):
    source = cited(site.url("/ok"))
    linkhealth.check_source(source.pk)
    post = Post.objects.get(title="Citerend artikel")
    linkhealth.check_source(source.pk)
    assert Post.objects.get(pk=post.pk).updated_at == post.updated_at


@pytest.mark.django_db
def test_an_archived_copy_an_editor_gives_reaches_the_notes(editor_client, cited, site, queue):
    source = _record(cited(site.url("/gone")), result("404"))
    copy = f"https://web.archive.org/web/20200202101010/{site.url('/gone')}"
    data = {"publisher": source.publisher, "title": source.title, "slug": source.slug}
    data.update(url=source.url, archive_url=copy, archive_confirmed="on")
    response = editor_client.post(f"/admin/sources/source/{source.pk}/change/", data)
    assert response.status_code == 302
    (refresh,) = queue.results
    assert refresh.task.name == "refresh_source_citations"
    refresh.task.call(*refresh.args)
    body = Post.objects.get(title="Citerend artikel").body_html
    assert f'data-versionurl="{copy}" data-versiondate="2020-02-02"' in body
    assert f'class="footnote-archive" href="{copy}"' in body
    assert Source.objects.get(pk=source.pk).archive_confirmed
