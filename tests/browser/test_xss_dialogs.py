"""A sample of the XSS corpus in a real browser: reading, hovering, focusing and clicking the
hostile articles opens no dialog.

The page's Content Security Policy would stop inline script on its own, so the browser is told
to ignore it (``bypass_csp``): what is tested is the markup, and the control test proves that a
payload which does reach the page is caught.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from posts.models import Author, Post, Tag
from posts.services import post_write
from tests.browser.conftest import new_context
from tests.security.xss_payloads import BODY_PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = (
    "script-nested",
    "img-onerror",
    "svg-onload",
    "math-mglyph-style",
    "details-ontoggle",
    "input-autofocus",
    "a-tab-entity",
    "a-title-quote-break",
    "md-link-hex-entity",
    "md-title-double-quote",
    "md-image-svg",
    "footnote-source-html",
    "admonition-title-bracket",
    "heading-toc-break",
    "td-style-expression",
)
# What a reader touches in the article: links, images, disclosure widgets, table cells, notes.
CLICKED = ".post-body a, .post-body img, .post-body summary"
HOVERED = "main h1, main h2, main p, main li, main td, main th, main aside, main .post-meta a"
SETTLE_MS = 300  # long enough for autofocus, ontoggle and animation handlers


class Reader:
    """A page whose Content Security Policy is ignored, so that markup alone decides.

    Every alert, confirm or prompt it opens is noted and dismissed. It stays on the page it
    was sent to: a click that would load another page is answered with 204 No Content (the
    browser then stays where it is), and nothing is fetched from other hosts.
    """

    def __init__(self, browser, live_server) -> None:
        self.context = new_context(browser, live_server, bypass_csp=True)
        self.host = urlsplit(live_server.url).netloc
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._opened)
        self.dialogs: list[str] = []
        self.url = ""

    def _route(self, route) -> None:
        request = route.request
        if request.is_navigation_request() and request.url != self.url:
            route.fulfill(status=204)
        elif urlsplit(request.url).netloc != self.host:
            route.abort()
        else:
            route.continue_()

    def _opened(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str) -> None:
        self.url = url
        self.page.goto(url)  # waits for the load event, when onload handlers have run

    def touch_everything(self) -> None:
        """Hovers every element a reader's pointer passes; focuses and clicks every link,
        image and disclosure widget of the body."""
        page = self.page
        for element in page.locator(HOVERED).all():
            element.dispatch_event("mouseover")
            element.dispatch_event("mouseenter")
        for element in page.locator(CLICKED).all():
            element.focus()
            if element.is_visible():
                element.hover(timeout=2_000)
                element.click(timeout=2_000)
            else:
                element.dispatch_event("click")
        page.wait_for_timeout(SETTLE_MS)


@pytest.fixture
def reader(browser, live_server):
    reader = Reader(browser, live_server)
    yield reader
    reader.context.close()


def _hostile_post(name: str, text: str, n: int) -> Post:
    one_line = " ".join(text.split())
    author = Author.objects.create(key=f"auteur-{n}", name=one_line[:200])
    tag = Tag.objects.create(slug=f"label-{n}", name=one_line[:100])
    return post_write(
        post=Post(
            title=one_line[:300],
            slug=f"xss-{n}",
            body=f"Inleiding.\n\n{text}\n\nSlot.",
            description=one_line[:300],
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=1, minutes=n),
        ),
        authors=[author],
        tags=[tag],
    )


def test_the_dialog_listener_catches_a_payload_that_reaches_the_page(live_server, reader):
    reader.open(f"{live_server.url}/blog/")
    reader.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')"
    )
    reader.page.wait_for_timeout(SETTLE_MS)
    assert reader.dialogs == ["alert: 1"]


def test_hostile_articles_open_no_dialog_when_read_hovered_focused_and_clicked(live_server, reader):
    payloads = {payload.name: payload.text for payload in BODY_PAYLOADS}
    posts = {name: _hostile_post(name, payloads[name], n) for n, name in enumerate(SAMPLE)}
    pages = {name: post.get_absolute_url() for name, post in posts.items()}
    pages["home page"] = "/blog/"
    fired: dict[str, list[str]] = {}
    for name, path in pages.items():
        reader.open(live_server.url + path)
        reader.touch_everything()
        if reader.dialogs:
            fired[name], reader.dialogs[:] = list(reader.dialogs), []
    assert fired == {}
