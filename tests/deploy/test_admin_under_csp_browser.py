"""In a real browser, the admin and the site work under the Content-Security-Policy.

Chromium reports every blocked script, style or request on the console ("Refused to ...
because it violates the following Content Security Policy directive"): none may appear while
an editor logs in, opens the article editor and uses markdownx's live preview (a fetch to
/markdownx/markdownify/), nor on the public pages.

Playwright runs in a thread of its own, so that it never meets another Playwright instance's
event loop (tests/browser keeps one open for the whole session).
"""

import os
import shutil
import threading

import pytest

pytestmark = pytest.mark.browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def _chromium() -> str:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.isfile(executable):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs Chromium for the browser tests: apt-get install chromium")
        pytest.skip("Chromium not installed: apt-get install chromium")
    return executable


def _in_a_thread(function, *args, timeout: float = 120) -> dict:
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = function(*args)
        except BaseException as exc:  # handed to the test's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"the browser did not finish within {timeout}s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _edit_and_browse(executable: str, base_url: str, post_id: int, post_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    seen: dict = {"violations": [], "csp": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_context(base_url=base_url, locale="nl-NL").new_page()
            page.set_default_timeout(10_000)
            page.on(
                "console",
                lambda m: "Content Security Policy" in m.text and seen["violations"].append(m.text),
            )
            page.goto("/admin/login/?next=/admin/")
            page.fill("#id_username", "redacteur")
            page.fill("#id_password", "geheim-wachtwoord")
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")

            page.goto("/admin/posts/post/add/")
            editor = page.locator("textarea.markdownx-editor").first
            editor.fill("Een **vette** bewering met `code`.")
            editor.dispatch_event("input")
            preview = page.locator(".markdownx-preview").first
            preview.locator("strong").wait_for()
            seen["preview"] = preview.locator("strong").inner_text()

            page.goto(f"/admin/posts/post/{post_id}/change/")
            page.locator("textarea.markdownx-editor").first.wait_for()

            for path in ("/blog/", post_url):
                response = page.goto(path)
                seen["csp"][path] = (response.status, response.headers["content-security-policy"])
        finally:
            browser.close()
    return seen


def test_editor_logs_in_and_previews_markdown_without_csp_violations(
    live_server, transactional_db, django_user_model, make_post
):
    executable = _chromium()
    django_user_model.objects.create_superuser("redacteur", "r@example.org", "geheim-wachtwoord")
    post = make_post(title="Bronnen in beeld", slug="bronnen-in-beeld")

    seen = _in_a_thread(
        _edit_and_browse, executable, live_server.url, post.pk, post.get_absolute_url()
    )

    assert seen["preview"] == "vette"  # markdownx's preview came back through fetch
    for path, (status, policy) in seen["csp"].items():
        assert status == 200, path
        assert "script-src 'self'" in policy, path
    assert seen["violations"] == []
