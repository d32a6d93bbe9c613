"""Asking a cited address whether it still answers, politely.

Pure network work, no database: :class:`LinkChecker` sends HEAD (and GET when HEAD is refused
or answers an error), follows redirects one hop at a time and records each, waits between two
requests to one host (:class:`HostThrottle`) and gives up after its connect and read timeouts.
What the answer means for a source is :mod:`sources.linkhealth`'s business. Only the worker
calls this (``sources.tasks``), never a visitor's request.
"""

import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.exceptions import (
    HTTPError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from sources.fetching import is_public_address

# Named failures, for an address that gave no HTTP answer.
TIMEOUT, REFUSED, DNS, TLS = "timeout", "refused", "dns", "tls"
REDIRECTS, ERROR = "redirects", "error"  # too many redirects; anything else
PRIVATE = "private"  # not on the public internet: not asked (see LinkChecker)
# Answers that say "later" rather than "gone": counted as failures, never broken at once.
RETRY_LATER = frozenset({429, 503})
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"


@dataclass(frozen=True)
class Hop:
    """One redirect: the status that sent us on, and where to."""

    status: int
    url: str


@dataclass(frozen=True)
class CheckResult:
    """What one check of an address found."""

    status: str  # the final HTTP status ("200"), or a named failure ("timeout")
    final_url: str
    hops: tuple[Hop, ...] = ()

    @property
    def code(self) -> int | None:
        """The final HTTP status, or None when the address gave no HTTP answer."""
        return int(self.status) if self.status.isdigit() else None

    @property
    def works(self) -> bool:
        return self.code is not None and 200 <= self.code < 300

    @property
    def gone(self) -> bool:
        """An error answer that says the page is not there (not a 'try later')."""
        return self.code is not None and self.code >= 400 and self.code not in RETRY_LATER


class HostThrottle:
    """At most one request per host per ``interval`` seconds, counted from the end of the last.

    One worker process runs the checks one after another, so the times are kept in its
    memory; more worker processes would each keep their own.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, interval: float) -> Iterator[None]:
        """Waits until ``host`` may be asked again, then lets one request through."""
        last = self._last.get(host)
        if last is not None and (wait := last + interval - self._clock()) > 0:
            self._sleep(wait)
        try:
            yield
        finally:
            self._last[host] = self._clock()


# The worker's one throttle, shared by every check it runs.
THROTTLE = HostThrottle()


def _failure(error: BaseException) -> str:
    """The named failure for an exception from urllib3 (or the socket beneath it)."""
    if isinstance(error, MaxRetryError) and error.reason is not None:
        return _failure(error.reason)
    if isinstance(error, NameResolutionError | socket.gaierror):
        return DNS
    # Before the timeouts: urllib3's NewConnectionError is a kind of ConnectTimeoutError.
    if isinstance(error, NewConnectionError):
        return REFUSED if isinstance(error.__cause__, ConnectionRefusedError) else ERROR
    if isinstance(error, ConnectionRefusedError):
        return REFUSED
    if isinstance(error, Urllib3Timeout | TimeoutError):
        return TIMEOUT
    if isinstance(error, SSLError | ssl.SSLError):
        return TLS
    if isinstance(error, ProtocolError) and len(error.args) > 1:
        cause = error.args[1]
        return _failure(cause) if isinstance(cause, BaseException) else ERROR
    return ERROR


class _NotPublic(Exception):
    """The host resolves to an address that is not on the public internet."""


def _require_public(host: str, port: int) -> None:
    """Refuses a host that resolves to a loopback, private or otherwise non-public address,
    so that a cited link cannot make the server probe its own network.

    The name is resolved again when connecting; what an answer could tell through a name
    that changes in between is one status code, shown to editors only.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise _NotPublic(host)


class LinkChecker:
    """Checks addresses as a well-behaved client: named, slow to repeat, quick to give up,
    and (unless ``allow_private``) only on the public internet."""

    def __init__(
        self,
        *,
        user_agent: str,
        connect_timeout: float,
        read_timeout: float,
        host_interval: float,
        max_redirects: int = 10,
        allow_private: bool = False,
        throttle: HostThrottle = THROTTLE,
    ) -> None:
        self.host_interval = host_interval
        self.allow_private = allow_private
        self.max_redirects = max_redirects
        self.throttle = throttle
        self._pool = urllib3.PoolManager(
            headers={"User-Agent": user_agent, "Accept": _ACCEPT},
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            retries=False,
        )

    @classmethod
    def from_settings(cls) -> "LinkChecker":
        config = settings.BLOG["LINK_CHECK"]
        return cls(
            user_agent=config["USER_AGENT"],
            connect_timeout=config["CONNECT_TIMEOUT"],
            read_timeout=config["READ_TIMEOUT"],
            host_interval=config["HOST_INTERVAL_SECONDS"],
            max_redirects=config["MAX_REDIRECTS"],
            allow_private=config["ALLOW_PRIVATE_ADDRESSES"],
        )

    def check(self, url: str) -> CheckResult:
        """HEAD first; GET when HEAD is refused or answers an error (4xx, 5xx)."""
        result = self._follow("HEAD", url)
        if result.code is not None and result.code >= 400:
            result = self._follow("GET", url)
        return result

    def _follow(self, method: str, url: str) -> CheckResult:
        hops: list[Hop] = []
        current = url
        while True:
            try:
                status, location = self._ask(method, current)
            except _NotPublic:
                return CheckResult(PRIVATE, current, tuple(hops))
            except (HTTPError, OSError) as error:
                return CheckResult(_failure(error), current, tuple(hops))
            if status not in _REDIRECT_CODES or not location:
                return CheckResult(str(status), current, tuple(hops))
            target = urljoin(current, location)
            if urlsplit(target).scheme not in ("http", "https"):
                return CheckResult(str(status), current, tuple(hops))
            hops.append(Hop(status, target))
            if len(hops) > self.max_redirects:
                return CheckResult(REDIRECTS, target, tuple(hops))
            current = target

    def _ask(self, method: str, url: str) -> tuple[int, str]:
        """One request; the body is never read (the connection is closed instead)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not self.allow_private:
            _require_public(host, parts.port or (443 if parts.scheme == "https" else 80))
        with self.throttle.slot(host, self.host_interval):
            response = self._pool.request(
                method, url, redirect=False, preload_content=False, retries=False
            )
            try:
                return response.status, response.headers.get("Location", "")
            finally:
                response.close()
