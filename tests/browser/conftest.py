"""Playwright against Debian's Chromium and pytest-django's live server.

One browser for the whole session; each test gets a fresh context (cookies, storage, colour
scheme) and page. Where Chromium is missing the tests skip with the reason, except in CI
(``CI=true``), where they fail: a green CI run must have driven a real browser.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.browser.content import Site, build_site

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the fixtures
# that build the test content) refuses to run while one is running unless told it is safe.
# It is: the ORM calls happen between Playwright calls, never inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
# Screenshots are written only when asked: BROWSER_SHOTS=/tmp/shots pytest tests/browser
SHOTS_DIR = os.environ.get("BROWSER_SHOTS", "")
IN_CI = os.environ.get("CI", "").lower() == "true"


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium not installed: apt-get install chromium"
        if IN_CI:
            pytest.fail(f"CI needs the browser tests to run. {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server) -> Site:
    """The content every browser test reads: a three-part series with notes and sources."""
    cache.clear()  # whole pages are cached; a flushed database must not meet old pages
    return build_site(live_server.url)


def new_context(browser, live_server, **options):
    """A fresh context as a Dutch reader's browser: the site's own language, a light scheme."""
    options = {"viewport": VIEWPORT, "locale": "nl-NL", "color_scheme": "light", **options}
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(browser, live_server):
    context = new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


class RequestLog:
    """Every request a page makes, to prove that nothing leaves the live server."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        host = urlsplit(self.origin).netloc
        return [url for url in self.urls if urlsplit(url).netloc != host]


@pytest.fixture
def requests_made(page, live_server) -> Iterator[RequestLog]:
    log = RequestLog(live_server.url)
    page.on("request", log)
    yield log
    page.remove_listener("request", log)


@pytest.fixture
def page_errors(page) -> list[str]:
    """Script errors, console errors (a script or style refused by the CSP) and failed loads.

    The admin's pages name no icon, so the browser's own guess, /favicon.ico, may 404.
    """
    errors: list[str] = []

    def on_console(message) -> None:
        # Failed loads are reported below, with their address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response) -> None:
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    return errors


def screenshot(page, name: str, full_page: bool = True) -> None:
    """Saves a screenshot when BROWSER_SHOTS names a folder; does nothing otherwise."""
    if not SHOTS_DIR:
        return
    Path(SHOTS_DIR).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(SHOTS_DIR) / f"{name}.png"), full_page=full_page)


# The writers' real seed 000 (39 notes, nine sections), for the article-layout tests.
SEED_SLUG = "ai-risicos-niet-adopteren-achterblijven"


@pytest.fixture
def seed(site, seeds_dir):
    """Seed 000 imported beside the browser tests' own content."""
    from blog_project.importing import import_paths
    from posts.models import Post

    (path,) = seeds_dir.glob("000_*.txt")
    import_paths([path])
    return Post.objects.get(slug=SEED_SLUG)


@pytest.fixture
def open_at(browser, live_server):
    """Opens a path in a fresh context of the given viewport; closes every context after."""
    contexts = []

    def open_page(path: str, viewport: dict, **options):
        context = new_context(browser, live_server, viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        return page

    yield open_page
    for context in contexts:
        context.close()
