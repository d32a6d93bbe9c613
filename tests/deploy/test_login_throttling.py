"""The admin login refuses further tries for a while after too many failures (django-axes)."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from blog_project.middleware import client_ip, lockout_response

LOGIN = "/admin/login/?next=/admin/"


def _attempt(client, username, password, address="203.0.113.7", language="nl"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": language},
    )


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


@pytest.mark.django_db
def test_failures_from_one_address_lock_it_out_even_with_the_right_password(client, editor, limit):
    for n in range(limit - 1):
        assert _attempt(client, f"guess{n}", "wrong").status_code == 200  # the form again
    locked = _attempt(client, f"guess{limit}", "wrong")
    assert locked.status_code == 429
    assert _attempt(client, "editor", "pw").status_code == 429
    # Another address may still log in.
    assert _attempt(client, "editor", "pw", address="198.51.100.1").status_code == 302


@pytest.mark.django_db
def test_failures_for_one_username_lock_it_out_from_every_address(client, editor, limit):
    for n in range(limit):
        _attempt(client, "editor", "wrong", address=f"198.51.100.{n + 1}")
    assert _attempt(client, "editor", "pw", address="192.0.2.99").status_code == 429


@pytest.mark.django_db
def test_a_successful_login_before_the_limit_resets_the_count(client, editor, limit):
    for _ in range(limit - 1):
        _attempt(client, "editor", "wrong")
    assert _attempt(client, "editor", "pw").status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert _attempt(client, "editor", "wrong").status_code == 200


@pytest.mark.django_db
def test_the_lockout_page_says_why_and_when_in_dutch(client, editor, limit, settings):
    for _ in range(limit):
        response = _attempt(client, "editor", "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert "Te veel mislukte inlogpogingen" in html
    assert f"Probeer het over {minutes} minuten opnieuw" in html
    assert int(response["Retry-After"]) == minutes * 60
    assert 'lang="nl"' in html


def test_the_lockout_message_has_an_english_msgid(settings):
    request = RequestFactory().post(LOGIN)
    request.LANGUAGE_CODE = "en"
    with translation.override("en"):
        html = lockout_response(request).content.decode()
    assert "Too many failed login attempts" in html
    assert "Try again in 15 minutes" in html or "Try again in" in html


def test_client_address_behind_a_counted_number_of_proxies(settings):
    factory = RequestFactory()
    forwarded = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.9"}
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(factory.get("/", **forwarded)) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # The left entry is the client's own claim; the proxy appended the address it saw.
    assert client_ip(factory.get("/", **forwarded)) == "203.0.113.9"
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_axes_is_installed_with_its_middleware_last(settings):
    assert "axes" in settings.INSTALLED_APPS
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
