"""Security headers on every response, the CSP in particular, and HTTPS behind a proxy."""

import re

import pytest
from django.urls import reverse

PAGES = ["/blog/", "/admin/login/", "/healthz", "/no-such-page/"]


def _directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path, follow=False)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    assert response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/blog/", "/admin/login/"])
def test_csp_allows_scripts_only_from_the_site_itself(client, path):
    policy = _directives(client.get(path)["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    for directive in ("script-src", "default-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    # markdownx's live preview fetches /markdownx/markdownify/ from the admin.
    assert policy["connect-src"] == ["'self'"]


@pytest.mark.django_db
def test_csp_allows_the_inline_styles_of_the_standalone_error_pages_by_hash(client, settings):
    from blog_project.settings import _style_hashes

    hashes = _style_hashes(settings.BASE_DIR / "templates")
    assert hashes, "templates/503.html has an inline <style>"
    policy = _directives(client.get("/blog/")["Content-Security-Policy"])
    assert set(hashes) <= set(policy["style-src"])


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
DATA_BLOCK = re.compile(r"""type=["']application/(ld\+)?json["']""", re.IGNORECASE)


def _executable_inline_scripts(html: str) -> list[str]:
    return [m.group(0) for m in INLINE_SCRIPT.finditer(html) if not DATA_BLOCK.search(m.group(1))]


@pytest.mark.django_db
def test_pages_and_admin_have_no_inline_script_or_style_attribute(client, editor_client, article):
    """What the CSP would block: inline <script> (JSON data blocks aside) and style="..."."""
    public = [client.get(url) for url in ("/blog/", article.get_absolute_url())]
    admin = [
        editor_client.get(reverse(name))
        for name in ("admin:index", "admin:posts_post_add", "admin:posts_post_changelist")
    ]
    admin.append(editor_client.get(reverse("admin:posts_post_change", args=[article.pk])))
    for response in public + admin:
        assert response.status_code == 200
        html = response.content.decode()
        assert _executable_inline_scripts(html) == [], response.request["PATH_INFO"]
        assert " style=" not in html, response.request["PATH_INFO"]
        assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_markdownx_preview_works_for_an_editor_with_csrf_enforced(client, editor):
    client.handler.enforce_csrf_checks = True
    client.force_login(editor)
    page = client.get(reverse("admin:posts_post_add")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        "/markdownx/markdownify/", {"content": "**vet**", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "<strong>vet</strong>" in response.content.decode()


@pytest.mark.django_db
def test_hsts_on_https_requests_from_the_proxy(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/blog/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert "upgrade-insecure-requests" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/blog/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/blog/"
    assert client.get("/blog/", headers={"x-forwarded-proto": "https"}).status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_cookies_are_secure_and_httponly(client, editor):
    response = client.get("/admin/login/")
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "pw"},
        headers={"x-forwarded-proto": "https"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
