"""Fetching what an editor pointed at, politely and safely, for the metadata resolvers.

The server fetches addresses that editors typed, so every request is guarded against
server-side request forgery: only ``http`` and ``https`` (redirects included), no proxy from the
environment, and, unless ``SOURCE_RESOLVERS["ALLOW_PRIVATE_ADDRESSES"]`` is true, no address
that is not on the public internet (loopback, private networks, link-local, the cloud's
metadata address...). The check is made on the addresses the host name resolves to, and the
connection is made to exactly those addresses, so a name cannot resolve to a public address for
the check and a private one for the connection. Answers are limited in time and in size.

Settings (``SOURCE_RESOLVERS``, every key optional):

``TIMEOUT``
    seconds for connecting and for each read, and for the whole answer (default 10);
``MAX_BYTES``
    the largest answer read (default 2,000,000);
``MAX_REDIRECTS``
    redirects followed (default 5);
``USER_AGENT``
    sent with every request (default: the blog's title, naming what the request is for);
``ALLOW_PRIVATE_ADDRESSES``
    fetch loopback and private addresses too (default false; the tests turn it on to reach
    their local server, a production site must not).
"""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings

WEB_SCHEMES = ("http", "https")
DEFAULTS = {
    "TIMEOUT": 10,
    "MAX_BYTES": 2_000_000,
    "MAX_REDIRECTS": 5,
    "ALLOW_PRIVATE_ADDRESSES": False,
}
_CHUNK = 64 * 1024


def option(name: str):
    """One of the ``SOURCE_RESOLVERS`` settings, or its default."""
    configured = getattr(settings, "SOURCE_RESOLVERS", {})
    if name == "USER_AGENT" and name not in configured:
        title = settings.BLOG.get("TITLE", "Bronpunt")
        return f"{'-'.join(title.split())}/1.0 (reference metadata for the sources of {title})"
    return configured.get(name, DEFAULTS.get(name))


class FetchError(Exception):
    """Why an address could not be fetched: ``code`` names the reason, ``params`` its details."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code}: {self.params}"

    def __reduce__(self):
        return _rebuild, (type(self), self.code, self.params)


def _rebuild(cls: type[FetchError], code: str, params: dict) -> FetchError:
    return cls(code, **params)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, reserved...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _guarded_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """``socket.create_connection`` that connects only to public addresses of the host."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError("unreachable", url=host, reason=str(error)) from error
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise FetchError("private_address", url=host)
    error: OSError | None = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"no address for {host}")


def _create_connection(*args, **kwargs):
    if option("ALLOW_PRIVATE_ADDRESSES"):
        return socket.create_connection(*args, **kwargs)
    return _guarded_connection(*args, **kwargs)


# http.client opens its socket through the ``_create_connection`` attribute; these connections
# open it through the guard. TLS (and its host name check) is set up on that socket as usual.
class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, and does not read a redirect's body."""

    def __init__(self, max_redirections: int):
        super().__init__()
        self.max_redirections = max_redirections

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri") or ""
        if location and urlsplit(urljoin(req.full_url, location)).scheme.lower() not in WEB_SCHEMES:
            raise FetchError("scheme", url=location)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        fp.close()
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener with http(s) handlers only: no file:, ftp: or data:, no proxies."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _RedirectHandler(int(option("MAX_REDIRECTS"))),
        _HTTPHandler(),
        _HTTPSHandler(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, *, accept: str) -> Fetched:
    """GETs ``url`` within the limits above; raises :class:`FetchError` on any failure."""
    if urlsplit(url).scheme.lower() not in WEB_SCHEMES or not urlsplit(url).hostname:
        raise FetchError("scheme", url=url)
    timeout = float(option("TIMEOUT"))
    limit = int(option("MAX_BYTES"))
    request = urllib.request.Request(
        url, headers={"Accept": accept, "User-Agent": option("USER_AGENT")}
    )
    try:
        with _opener().open(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError("too_large", url=url, limit=limit)
            body = _read(response, limit=limit, deadline=time.monotonic() + timeout, url=url)
            return Fetched(
                url=response.geturl(),
                content_type=headers.get_content_type(),
                charset=headers.get_content_charset(),
                body=body,
            )
    except urllib.error.HTTPError as error:
        code = "not_found" if error.code in (404, 410) else "http_error"
        raise FetchError(code, url=url, status=error.code) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError("timeout", url=url) from error
        raise FetchError("unreachable", url=url, reason=str(error.reason)) from error
    except TimeoutError as error:
        raise FetchError("timeout", url=url) from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchError("unreachable", url=url, reason=str(error)) from error


def _read(response, *, limit: int, deadline: float, url: str) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError("too_large", url=url, limit=limit)
        if time.monotonic() > deadline:
            raise FetchError("timeout", url=url)
        chunks.append(chunk)
    return b"".join(chunks)
