"""Filling in a source from an identifier: a DOI, an ISBN or a web address.

One :class:`Resolver` per kind turns the identifier into a (partial) CSL-JSON item:

- :class:`DoiResolver` asks the DOI resolver for CSL-JSON (content negotiation);
- :class:`IsbnResolver` asks Open Library's books API;
- :class:`UrlResolver` reads the page's own ``citation_*``, Dublin Core and Open Graph tags
  (:mod:`sources.page_meta`), and the DOI's record when the page names one.

:func:`apply_csl` fills a source's empty fields from such an item; :func:`fill_source` is the
background task the admin enqueues. Its outcome is logged, kept in the task's result, and shown
to the editor on their next visit to the source (:func:`take_fill_report`).

Every request goes through :func:`sources.fetching.fetch` (timeouts, size limit, http(s) only,
no private addresses); the settings are in ``SOURCE_RESOLVERS``, with ``DOI_BASE`` (default
``https://doi.org/``) and ``ISBN_BASE`` (default ``https://openlibrary.org/api/books``) besides
those :mod:`sources.fetching` describes.
"""

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from posts.validators import is_web_url
from sources import page_meta
from sources.fetching import Fetched, FetchError, fetch, option
from sources.identifiers import isbn_is_valid, normalise_doi, normalise_isbn, validate_doi
from sources.models import Source, SourceAlias, SourceKind
from sources.registry import _unique_slug, source_key

logger = logging.getLogger(__name__)

CSL_JSON = "application/vnd.citationstyles.csl+json"
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
REPORT_SECONDS = 24 * 3600

MESSAGES = {
    "unrecognised": _("“%(identifier)s” is not a DOI, an ISBN or a web address (http or https)."),
    "scheme": _("Only web addresses (http or https) are fetched, not “%(url)s”."),
    "private_address": _(
        "%(url)s is in a private network or on this server itself: it is not fetched."
    ),
    "not_found": _("Nothing was found at %(url)s (%(status)s)."),
    "http_error": _("%(url)s answered with an error (%(status)s)."),
    "unreachable": _("%(url)s could not be reached (%(reason)s)."),
    "timeout": _("%(url)s did not answer in time."),
    "too_large": _("The answer from %(url)s is larger than %(limit)s bytes."),
    "not_html": _("%(url)s is not a web page but %(type)s: fill in the fields yourself."),
    "unreadable": _("The answer from %(url)s could not be read."),
    "no_metadata": _("%(url)s does not describe itself: fill in the fields yourself."),
    "isbn_unknown": _("Open Library knows no book with ISBN %(isbn)s."),
    "duplicate": _("A source with this publisher and title exists already: “%(source)s”."),
    "internal": _("Something went wrong; the details are in the server's log."),
}


class ResolveError(FetchError):
    """Why an identifier gave no metadata; ``str()`` is the message for the editor."""

    def __str__(self) -> str:
        return describe(self.code, self.params)


def describe(code: str, params: dict) -> str:
    """The editor's message for a failure, in the active language."""
    template = MESSAGES.get(code, MESSAGES["unreadable"])
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


class Resolver(Protocol):
    """What turns one kind of identifier into a (partial) CSL-JSON item."""

    def accepts(self, identifier: str) -> bool: ...

    def resolve(self, identifier: str) -> dict:
        """The item; raises :class:`FetchError` (or :class:`ResolveError`) when there is none."""
        ...


def _is_doi(identifier: str) -> bool:
    try:
        validate_doi(identifier)
    except ValidationError:
        return False
    return bool(identifier.strip())


def _json(fetched: Fetched) -> object:
    try:
        return json.loads(fetched.body.decode(fetched.charset or "utf-8"))
    except (ValueError, LookupError) as error:
        raise ResolveError("unreadable", url=fetched.url) from error


class DoiResolver:
    """CSL-JSON from the DOI resolver, by content negotiation (redirects followed: doi.org
    sends the request on to Crossref, DataCite or mEDRA). A DOI whose agency answers with its
    landing page instead is read as a page."""

    def accepts(self, identifier: str) -> bool:
        return _is_doi(identifier)

    def resolve(self, identifier: str) -> dict:
        doi = normalise_doi(identifier)
        base = option("DOI_BASE") or "https://doi.org/"
        fetched = fetch(base.rstrip("/") + "/" + quote(doi, safe="/()"), accept=CSL_JSON)
        if fetched.content_type in HTML_TYPES:
            item = page_meta.page_csl(page_meta.decode(fetched.body, fetched.charset), "")
            item.pop("URL", None)
        else:
            item = _json(fetched)
        if not isinstance(item, dict) or not item:
            raise ResolveError("unreadable", url=fetched.url)
        return {**item, "DOI": normalise_doi(str(item.get("DOI") or doi))}


_ISBN_PREFIX = re.compile(r"^\s*isbn(?:-1[03])?\s*:?\s*", re.IGNORECASE)
# Words that belong to the family name before it: 'Jan de Vries' is 'de Vries, Jan'.
_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "'t", "von", "zu", "du"}
_PARTICLES |= {"da", "di", "del", "della", "la", "le", "op", "in"}


def _isbn(identifier: str) -> str:
    return normalise_isbn(_ISBN_PREFIX.sub("", identifier))


def person(text: str) -> dict | None:
    """A CSL name for someone known to be a person (Open Library's authors)."""
    found = page_meta.name(text)
    words = found.get("literal", "").split() if found else []
    if len(words) < 2:
        return found
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


class IsbnResolver:
    """A book from Open Library's books API (``jscmd=data``)."""

    def accepts(self, identifier: str) -> bool:
        return isbn_is_valid(_isbn(identifier))

    def resolve(self, identifier: str) -> dict:
        isbn = _isbn(identifier)
        base = option("ISBN_BASE") or "https://openlibrary.org/api/books"
        query = urlencode({"bibkeys": f"ISBN:{isbn}", "format": "json", "jscmd": "data"})
        data = _json(fetch(f"{base}?{query}", accept="application/json"))
        book = data.get(f"ISBN:{isbn}") if isinstance(data, dict) else None
        if not isinstance(book, dict) or not book.get("title"):
            raise ResolveError("isbn_unknown", isbn=isbn)
        title = book["title"]
        if book.get("subtitle"):
            title = f"{title}: {book['subtitle']}"
        item: dict = {"type": "book", "title": title, "ISBN": isbn}
        names = [person(a.get("name", "")) for a in book.get("authors", []) if isinstance(a, dict)]
        if names := [n for n in names if n]:
            item["author"] = names
        publishers = [p.get("name") for p in book.get("publishers", []) if isinstance(p, dict)]
        if publishers and publishers[0]:
            item["publisher"] = publishers[0]
        if parts := page_meta.date_parts(str(book.get("publish_date", ""))):
            item["issued"] = {"date-parts": [parts]}
        return item


class UrlResolver:
    """A web page's own metadata; when it names a DOI, the DOI's record comes first."""

    def __init__(self, doi_resolver: Resolver | None = None):
        self.doi_resolver = doi_resolver or DoiResolver()

    def accepts(self, identifier: str) -> bool:
        return is_web_url(identifier.strip())

    def resolve(self, identifier: str) -> dict:
        url = identifier.strip()
        fetched = fetch(url, accept=HTML_ACCEPT)
        if fetched.content_type not in HTML_TYPES:
            raise ResolveError("not_html", url=url, type=fetched.content_type)
        item = page_meta.page_csl(page_meta.decode(fetched.body, fetched.charset), url)
        if not set(item) - {"type", "URL", "language"}:
            raise ResolveError("no_metadata", url=url)
        if doi := item.get("DOI"):
            try:
                registered = self.doi_resolver.resolve(doi)
            except FetchError as error:
                logger.info("The DOI %s named by %s gave nothing: %s", doi, url, error.code)
            else:
                item = {**item, **registered, "URL": url}
        return item


RESOLVERS: tuple[Resolver, ...] = (DoiResolver(), IsbnResolver(), UrlResolver())


def resolver_for(identifier: str) -> Resolver | None:
    return next((r for r in RESOLVERS if r.accepts(identifier)), None)


def resolve(identifier: str) -> dict:
    """The CSL-JSON item an identifier names; raises :class:`FetchError` when there is none."""
    resolver = resolver_for(identifier)
    if resolver is None:
        raise ResolveError("unrecognised", identifier=identifier)
    return resolver.resolve(identifier)


def identifier_field(identifier: str) -> tuple[str, str] | None:
    """The source's field an identifier itself belongs in, and its normal form."""
    resolver = resolver_for(identifier)
    if isinstance(resolver, DoiResolver):
        return "doi", normalise_doi(identifier)
    if isinstance(resolver, IsbnResolver):
        return "isbn", _isbn(identifier)
    if isinstance(resolver, UrlResolver):
        return "url", identifier.strip()
    return None


# --- From CSL-JSON to a source ----------------------------------------------------------------

FIELDS = (
    "kind",
    "title",
    "creators",
    "issued",
    "container_title",
    "doi",
    "isbn",
    "language",
    "publisher",
    "url",
    "accessed",
)
_KINDS = {kind.value: kind.value for kind in SourceKind} | {
    "bill": SourceKind.LEGISLATION,
    "regulation": SourceKind.LEGISLATION,
    "post-weblog": SourceKind.WEBPAGE,
    "post": SourceKind.WEBPAGE,
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _text(value: object) -> str:
    """Plain text from a CSL string (Crossref's titles carry <i>, <sub>...), or a list's first."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if not isinstance(value, str):
        return ""
    parser = _Text()
    parser.feed(value)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _line(name: object) -> str:
    """One line of the creators field: 'Family, Given' for a person, else the name."""
    if not isinstance(name, dict):
        return ""
    if literal := _text(name.get("literal")):
        return literal
    family = " ".join(
        filter(None, (_text(name.get(key)) for key in ("non-dropping-particle", "family")))
    )
    given = " ".join(filter(None, (_text(name.get(key)) for key in ("given", "dropping-particle"))))
    return f"{family}, {given}" if family and given else family or given


def _parts(value: object) -> list[int]:
    """A CSL date's parts, checked (a month 1-12, a day 1-31), or []."""
    if not isinstance(value, dict):
        return []
    found = value.get("date-parts")
    raw = found[0] if isinstance(found, list) and found and isinstance(found[0], list) else None
    if raw is None:
        text = value.get("raw") or value.get("literal") or ""
        raw = page_meta.date_parts(text) if isinstance(text, str) else None
    parts: list[int] = []
    for part, (low, high) in zip(raw or (), ((1000, 9999), (1, 12), (1, 31)), strict=False):
        try:
            number = int(part)
        except (TypeError, ValueError):
            break
        if not low <= number <= high:
            break
        parts.append(number)
    return parts


def _first_isbn(value: object) -> str:
    candidates = value if isinstance(value, list) else [value]
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        for text in (candidate, *re.split(r"[,;]", candidate)):
            if isbn_is_valid(text):
                return normalise_isbn(text)
    return ""


def _limited(name: str, value: str) -> str:
    limit = Source._meta.get_field(name).max_length
    return value[:limit].strip() if limit else value


def csl_fields(item: dict) -> dict:
    """The source's fields a CSL-JSON item gives, checked and cut to fit (empty ones left out)."""
    doi = normalise_doi(_text(item.get("DOI")))
    url = _text(item.get("URL"))
    title = _text(item.get("title"))
    subtitle = _text(item.get("subtitle"))
    if subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}"
    issued = _parts(item.get("issued"))
    accessed = _parts(item.get("accessed"))
    fields = {
        "kind": _KINDS.get(_text(item.get("type")), ""),
        "title": _limited("title", title),
        "creators": "\n".join(filter(None, map(_line, item.get("author") or []))),
        "issued": "-".join(f"{part:02d}" for part in issued),
        "container_title": _limited("container_title", _text(item.get("container-title"))),
        "doi": _limited("doi", doi) if _is_doi(doi) else "",
        "isbn": _first_isbn(item.get("ISBN")),
        "language": _limited("language", _text(item.get("language"))),
        "publisher": _limited("publisher", _text(item.get("publisher"))),
        "url": url if is_web_url(url) and len(url) <= 1000 else "",
        "accessed": _date(accessed),
    }
    return {name: value for name, value in fields.items() if value}


def _date(parts: list[int]) -> date | None:
    try:
        return date(*parts) if len(parts) == 3 else None
    except ValueError:
        return None


def apply_csl(source: Source, item: dict, *, overwrite: bool | Iterable[str] = False) -> list[str]:
    """Fills ``source``'s empty fields from a CSL-JSON item and saves them; returns the names
    of the fields it changed.

    A field that has a value is kept (an editor typed it) unless ``overwrite`` is true or names
    it; naming ``slug`` makes a new slug from the filled publisher and title (for a source that
    was just added with a provisional name). Without a publisher in the item, the publisher
    is taken from what it is part of (a web site), else from its first author: the notes name a
    source by it. A source whose notes know it by its old publisher and title keeps that
    identity as an alias, so they still find it. Nothing is saved when the new publisher and
    title are another source's: :class:`ResolveError` ``duplicate``.
    """
    replace = set(FIELDS) if overwrite is True else set(overwrite or ())
    values = csl_fields(item)
    if "publisher" not in values:
        author = values.get("creators", "").partition("\n")[0]
        fallback = values.get("container_title") or ("" if "," in author else author)
        if fallback:
            values["publisher"] = _limited("publisher", fallback)
    changes = {
        name: value
        for name, value in values.items()
        if (name in replace or not getattr(source, name)) and getattr(source, name) != value
    }
    publisher = changes.get("publisher", source.publisher)
    title = changes.get("title", source.title)
    container = changes.get("container_title", "")
    if container and container.casefold() == publisher.casefold():
        del changes["container_title"]
    if not changes:
        return []
    old_key, new_key = source.key, source_key(publisher, title)
    if new_key != old_key:
        other = Source.objects.filter(key=new_key).exclude(pk=source.pk).first()
        if other is not None:
            raise ResolveError("duplicate", source=str(other))
        if "slug" in replace:
            changes["slug"] = _unique_slug(f"{publisher} {title}", set())
        if source.pk and source.citations.exists():
            SourceAlias.objects.get_or_create(key=old_key, defaults={"source": source})
    for name, value in changes.items():
        setattr(source, name, value)
    source.save(update_fields=list(changes))
    return list(changes)


# --- In the background ------------------------------------------------------------------------


def _report_key(source_id: int | str) -> str:
    return f"sources:fill-report:{source_id}"


@task
def fill_source(source_id: int, identifier: str, provisional: list[str] | None = None) -> dict:
    """Resolves ``identifier`` and fills the source's empty fields (and the ``provisional``
    ones the admin made up); the outcome waits for the editor's next visit to the source."""
    try:
        item = resolve(identifier)
        with transaction.atomic():
            source = Source.objects.select_for_update().filter(pk=source_id).first()
            if source is None:
                logger.info("Source %s is gone; nothing filled from %r", source_id, identifier)
                return {"filled": []}
            filled = apply_csl(source, item, overwrite=provisional or ())
    except FetchError as error:
        logger.warning(
            "Filling in source %s from %r failed: %s %s",
            source_id,
            identifier,
            error.code,
            error.params,
        )
        report = {"identifier": identifier, "code": error.code, "params": error.params}
        cache.set(_report_key(source_id), report, REPORT_SECONDS)
        raise
    except Exception:
        logger.exception("Filling in source %s from %r failed", source_id, identifier)
        report = {"identifier": identifier, "code": "internal", "params": {}}
        cache.set(_report_key(source_id), report, REPORT_SECONDS)
        raise
    logger.info("Source %s filled in from %r: %s", source_id, identifier, filled)
    cache.set(_report_key(source_id), {"identifier": identifier, "filled": filled}, REPORT_SECONDS)
    return {"filled": filled}


def fill_in_background(source_id: int, identifier: str, provisional: Iterable[str] = ()) -> None:
    """Enqueues :func:`fill_source` once the source's save is committed (a worker must find
    it)."""
    cache.delete(_report_key(source_id))
    transaction.on_commit(partial(fill_source.enqueue, source_id, identifier, sorted(provisional)))


@dataclass(frozen=True)
class FillReport:
    level: int
    message: str


def take_fill_report(source_id: int | str) -> FillReport | None:
    """The outcome of the last fill-in of a source, once: for the editor's next visit."""
    report = cache.get(_report_key(source_id))
    if not isinstance(report, dict):
        return None
    cache.delete(_report_key(source_id))
    identifier = report.get("identifier", "")
    if "code" in report:
        reason = describe(report["code"], report.get("params") or {})
        return FillReport(
            messages.WARNING,
            gettext("Could not fill in from “%(identifier)s”: %(reason)s")
            % {"identifier": identifier, "reason": reason},
        )
    filled = [f for f in report.get("filled", []) if f in FIELDS]
    if not filled:
        return FillReport(
            messages.INFO,
            gettext("“%(identifier)s” gave nothing new: its fields were filled in already.")
            % {"identifier": identifier},
        )
    names = ", ".join(str(Source._meta.get_field(name).verbose_name) for name in filled)
    return FillReport(
        messages.SUCCESS,
        gettext("Filled in from “%(identifier)s”: %(fields)s.")
        % {"identifier": identifier, "fields": names},
    )


def filling_message(identifier: str) -> str:
    """What the editor is told when the fill-in is enqueued."""
    return gettext(
        "The empty fields are being filled in from “%(identifier)s” in the background: "
        "reload this source's page in a moment."
    ) % {"identifier": identifier}
