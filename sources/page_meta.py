"""A web page's own description of itself, as a CSL-JSON item.

Read from the ``<meta>`` tags publishers write for reference managers and search engines: the
Highwire Press ``citation_*`` tags first, then Dublin Core (``DC.*``, ``dcterms.*``), then Open
Graph (``og:*``, ``article:*``), then the page's ``<title>`` and ``<html lang>``. Parsed with the
standard library's HTML parser.
"""

import re
from datetime import datetime
from html.parser import HTMLParser

from django.core.exceptions import ValidationError

from sources.identifiers import isbn_is_valid, normalise_doi, normalise_isbn, validate_doi

# Each field's tags, most trusted first.
TITLE = ("citation_title", "dc.title", "dcterms.title", "og:title")
AUTHORS = ("citation_author", "dc.creator", "dcterms.creator", "article:author", "author")
ISSUED = (
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "article:published_time",
)
CONTAINER = ("citation_journal_title", "citation_conference_title", "og:site_name")
PUBLISHER = ("citation_publisher", "dc.publisher", "dcterms.publisher")
LANGUAGE = ("citation_language", "dc.language", "dcterms.language")
REPORT = ("citation_technical_report_institution", "citation_technical_report_number")


class _MetaParser(HTMLParser):
    """Collects ``<meta name|property content>`` (names lower-cased), the first ``<title>``
    and ``<html lang>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.lang = ""
        self.charset = ""
        self.title = ""
        self._title_parts: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "html":
            self.lang = self.lang or attributes.get("lang") or attributes.get("xml:lang", "")
        elif tag == "meta":
            self._meta(attributes)
        elif tag == "title" and not self.title and self._title_parts is None:
            self._title_parts = []

    def _meta(self, attributes: dict[str, str]) -> None:
        if attributes.get("charset"):
            self.charset = self.charset or attributes["charset"].strip()
        if attributes.get("http-equiv", "").lower() == "content-type":
            _, _, charset = attributes.get("content", "").partition("charset=")
            self.charset = self.charset or charset.strip(" ;\"'")
        content = " ".join(attributes.get("content", "").split())
        if not content:
            return
        for key in {attributes.get("name", ""), attributes.get("property", "")} - {""}:
            self.meta.setdefault(key.strip().lower(), []).append(content)

    def handle_endtag(self, tag):
        if tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split())
            self._title_parts = None

    def handle_data(self, data):
        if self._title_parts is not None:
            self._title_parts.append(data)


def parse(html: str) -> _MetaParser:
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    return parser


def sniff_charset(body: bytes) -> str:
    """The charset a page declares in its ``<meta>`` (read as Latin-1, which any byte is)."""
    return parse(body[:4096].decode("latin-1")).charset


def decode(body: bytes, charset: str | None) -> str:
    """The page as text: the charset of the headers, else of the page, else UTF-8."""
    for candidate in (charset, sniff_charset(body), "utf-8"):
        if candidate:
            try:
                return body.decode(candidate, errors="replace")
            except LookupError:
                continue
    return body.decode("utf-8", errors="replace")


_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T\s])")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")


def date_parts(text: str) -> list[int] | None:
    """``2024``, ``2024-05-01``, ``2024/05/01``, ``2024-05-01T10:00:00Z``, ``May 1, 2024``
    as CSL date parts; None if it is no date."""
    if match := _DATE.match(text):
        parts = [int(part) for part in match.groups() if part]
        if len(parts) > 1 and not 1 <= parts[1] <= 12:
            return parts[:1]
        return parts if len(parts) < 3 or 1 <= parts[2] <= 31 else parts[:2]
    cleaned = " ".join(text.replace(".", " ").split())
    for pattern in _DATE_FORMATS:
        try:
            moment = datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        parts = [moment.year, moment.month]
        return [*parts, moment.day] if "%d" in pattern else parts
    if year := re.search(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)", text):
        return [int(year.group(1))]
    return None


def name(text: str) -> dict | None:
    """A CSL name from a tag: 'Family, Given' is a person, anything else is kept as written
    (splitting 'Jan de Vries' or 'Autoriteit Persoonsgegevens' would be a guess); a profile
    address (Open Graph's ``article:author``) is no name."""
    text = " ".join(text.split()).strip(" ,;")
    if not text or "://" in text:
        return None
    family, comma, given = text.partition(",")
    if comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": text}


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str:
    return next((meta[key][0] for key in keys if meta.get(key)), "")


def _doi(meta: dict[str, list[str]]) -> str:
    for value in [*meta.get("citation_doi", []), *meta.get("dc.identifier", [])]:
        doi = normalise_doi(value)
        try:
            validate_doi(doi)
        except ValidationError:
            continue
        return doi
    return ""


def page_csl(html: str, url: str) -> dict:
    """The CSL-JSON item a page describes; only the keys it gives."""
    page = parse(html)
    meta = page.meta
    item: dict = {"type": "webpage", "URL": url}
    if meta.get("citation_journal_title"):
        item["type"] = "article-journal"
    elif any(meta.get(key) for key in REPORT):
        item["type"] = "report"
    if title := _first(meta, TITLE) or page.title:
        item["title"] = title
    for key in AUTHORS:
        names = [found for value in meta.get(key, []) if (found := name(value))]
        if names:
            item["author"] = names
            break
    for key in ISSUED:
        if parts := next(filter(None, map(date_parts, meta.get(key, []))), None):
            item["issued"] = {"date-parts": [parts]}
            break
    optional = {
        "container-title": _first(meta, CONTAINER),
        "publisher": _first(meta, PUBLISHER) or _first(meta, REPORT[:1]),
        "DOI": _doi(meta),
        "ISBN": next(
            (normalise_isbn(v) for v in meta.get("citation_isbn", []) if isbn_is_valid(v)), ""
        ),
        "language": _first(meta, LANGUAGE)
        or page.lang.strip()
        or _first(meta, ("og:locale",)).replace("_", "-"),
    }
    item.update({key: value for key, value in optional.items() if value})
    return item
