"""A local HTTP server that plays the DOI resolver, Open Library and publishers' pages.

Runs in a thread on 127.0.0.1 at a free port; records each request's path and headers.
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CSL_JSON = "application/vnd.citationstyles.csl+json"
DOI = "10.5555/12345678"
ISBN = "9780140328721"

CSL_ITEM = {
    "type": "article-journal",
    "title": "Algorithms in <i>government</i>: a registered title",
    "author": [
        {"family": "Jansen", "given": "Anna"},
        {"family": "Vries", "given": "Jan", "non-dropping-particle": "de"},
    ],
    "issued": {"date-parts": [[2021, 3]]},
    "container-title": "Journal of Tests",
    "publisher": "Test Press",
    "DOI": DOI,
    "URL": f"https://doi.org/{DOI}",
    "language": "en",
}

OPEN_LIBRARY = {
    f"ISBN:{ISBN}": {
        "title": "Fantastic Mr Fox",
        "authors": [{"name": "Roald Dahl", "url": "https://openlibrary.org/authors/OL34184A"}],
        "publishers": [{"name": "Puffin"}],
        "publish_date": "October 1, 1988",
        "number_of_pages": 96,
    }
}


def _page(head: str, lang: str = "") -> bytes:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (
        f"<!doctype html><html{lang_attribute}><head><meta charset='utf-8'>{head}</head>"
        "<body><p>Tekst</p></body></html>"
    ).encode()


OG_TAGS = """
<meta property="og:title" content="Open Graph title">
<meta property="og:site_name" content="De Site">
<meta property="article:published_time" content="2024-02-03T10:00:00+01:00">
<meta property="article:author" content="https://social.example/@someone">
<title>Page title | De Site</title>
"""
DC_TAGS = """
<meta name="DC.title" content="Dublin Core title">
<meta name="DC.creator" content="Bakker, Bea">
<meta name="DC.date" content="2022-06-07">
<meta name="DC.publisher" content="DC Uitgever">
<meta name="DC.language" content="nl">
"""
CITATION_TAGS = """
<meta name="citation_title" content="Highwire title">
<meta name="citation_author" content="Pietersen, Piet">
<meta name="citation_author" content="Klaassen, Karin">
<meta name="citation_publication_date" content="2023/04/05">
<meta name="citation_journal_title" content="Tijdschrift voor Tests">
<meta name="citation_publisher" content="Highwire Uitgever">
<meta name="citation_isbn" content="978-0-306-40615-7">
"""

PAGES = {
    "/pages/full": _page(CITATION_TAGS + DC_TAGS + OG_TAGS, lang="en"),
    "/pages/dc": _page(DC_TAGS + OG_TAGS, lang="en"),
    "/pages/og": _page(OG_TAGS, lang="nl-NL"),
    "/pages/with-doi": _page(
        f'<meta name="citation_title" content="What the page says">'
        f'<meta name="citation_doi" content="doi:{DOI}">',
        lang="en",
    ),
    "/pages/bare": _page(""),
    "/pages/latin1": (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "<meta name='citation_title' content='Caf\xe9 en cr\xe8me'></head></html>"
    ).encode("latin-1"),
}


class FakeWeb(BaseHTTPRequestHandler):
    server_version = "FakeWeb/1"
    requests: list[dict] = []

    def log_message(self, format, *args):
        """Quiet."""

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if "no_length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            if name != "no_length":
                self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (the timeout test)
            self.wfile.write(body)

    def do_GET(self):
        FakeWeb.requests.append({"path": self.path, "headers": dict(self.headers)})
        url = urlsplit(self.path)
        path = url.path
        if path == f"/doi/{DOI}":
            return self._send(302, Location=f"/crossref/{DOI}")
        if path == f"/crossref/{DOI}":
            if CSL_JSON in self.headers.get("Accept", ""):
                return self._send(200, json.dumps(CSL_ITEM).encode(), CSL_JSON)
            return self._send(200, _page("<title>Landing page</title>"))
        if path == "/doi/10.5555/landing":
            return self._send(302, Location="/pages/dc")
        if path == "/openlibrary/api/books":
            query = parse_qs(url.query)
            assert query["format"] == ["json"] and query["jscmd"] == ["data"]
            key = query["bibkeys"][0]
            found = {key: OPEN_LIBRARY[key]} if key in OPEN_LIBRARY else {}
            return self._send(200, json.dumps(found).encode(), "application/json")
        if path in PAGES:
            return self._send(200, PAGES[path])
        if path == "/report.pdf":
            return self._send(200, b"%PDF-1.7", "application/pdf")
        if path == "/big":
            return self._send(200, b"<html>" + b"x" * 5000)
        if path == "/big-unannounced":
            return self._send(200, b"<html>" + b"x" * 5000, no_length=True)
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, PAGES["/pages/og"])
        if path == "/to-ftp":
            return self._send(302, Location="ftp://127.0.0.1/secret")
        if path == "/to-internal":
            port = self.server.server_port
            return self._send(302, Location=f"http://internal.example:{port}/pages/og")
        if path == "/to-file":
            return self._send(302, Location="file:///etc/passwd")
        return self._send(404, b"not here")


class FakeResolver:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWeb)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[dict]:
        return FakeWeb.requests

    def __enter__(self) -> "FakeResolver":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
