"""Each worker's copy of the content version, kept current by Redis pub/sub.

With ``REDIS_URL`` every instance shares the page cache in Redis. Asking Redis for the content
version on every request costs a round trip; instead each worker subscribes to a channel on
which every invalidation publishes the new version, and knows it at once. While the
subscription is not established (at start, after Redis went away) :meth:`VersionWatch.current`
answers None and the caller asks Redis as before, so a missed message can never serve a stale
page for longer than it takes to notice the lost connection.
"""

import logging
import os
import threading
import time
from collections.abc import Callable

import redis

logger = logging.getLogger(__name__)


class VersionWatch:
    def __init__(self, url: str, channel: str, read: Callable[[], str]) -> None:
        self.url = url
        self.channel = channel
        self.read = read  # the version as stored, read once a subscription stands
        self._version: str | None = None
        self._owner: int | None = None  # the process whose thread keeps the copy
        self._lock = threading.Lock()
        self._publisher: redis.Redis | None = None

    def current(self) -> str | None:
        """The version this process knows to be current, or None when it cannot know."""
        if self._owner != os.getpid():
            self._start()
        return self._version

    def publish(self, version: str) -> None:
        """Tells every subscribed worker, of every instance, the new version."""
        if self._publisher is None:
            self._publisher = redis.Redis.from_url(self.url, socket_timeout=2)
        self._publisher.publish(self.channel, version)

    def _start(self) -> None:
        with self._lock:
            if self._owner == os.getpid():
                return
            # A forked worker inherits the parent's state but not its thread: start afresh.
            self._owner, self._version, self._publisher = os.getpid(), None, None
            threading.Thread(target=self._run, name="content-version-watch", daemon=True).start()

    def _run(self) -> None:
        pause = 0.5
        while True:
            try:
                self._listen()
            except Exception:
                logger.warning("content version watch lost Redis; asking per request meanwhile")
            self._version = None
            time.sleep(pause)
            pause = min(pause * 2, 30)

    def _listen(self) -> None:
        client = redis.Redis.from_url(self.url, socket_keepalive=True, socket_connect_timeout=2)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            for message in pubsub.listen():
                if message["type"] == "subscribe":
                    # Subscribed: from here on no change is missed; read what is stored now.
                    self._version = self.read()
                elif message["type"] == "message":
                    self._version = message["data"].decode()
        finally:
            pubsub.close()
            client.close()
