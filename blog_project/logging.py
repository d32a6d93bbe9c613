"""Structured log lines on stdout: one JSON object per line, with the request id.

Used by Django's LOGGING (see :mod:`blog_project.production`) and by gunicorn's ``logconfig_dict``
(see ``gunicorn.conf.py``), so the app's records and gunicorn's access lines share one format.
This module must not import Django settings: gunicorn's master process loads it before Django.
"""

import contextvars
import json
import logging
import re
import traceback
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

# The id of the request being handled in this thread (or task); "-" outside a request.
# An id from the proxy is kept if it looks like one; anything else is replaced, never echoed.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")


def request_id_from(incoming: str | None) -> str:
    """The request id to use: the proxy's ``X-Request-ID`` if it looks like one, else a new one."""
    return incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# LogRecord attributes that are not "extra" fields a caller passed.
_RESERVED = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()
    | {"message", "asctime", "request_id", "request", "server_time", "status_code"}
)


class RequestIDFilter(logging.Filter):
    """Puts the current request id on every record as ``record.request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


def _access_fields(atoms: Mapping) -> dict:
    """The fields of one gunicorn access-log line, from gunicorn's atoms."""
    duration_us = atoms.get("D")
    return {
        "remote_addr": atoms.get("h"),
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "query": atoms.get("q") or None,
        "protocol": atoms.get("H"),
        "status": _int(atoms.get("s")),
        "bytes": _int(atoms.get("B")),
        "duration_ms": round(duration_us / 1000, 1) if isinstance(duration_us, int) else None,
        "referer": None if atoms.get("f") in (None, "-") else atoms.get("f"),
        "user_agent": None if atoms.get("a") in (None, "-") else atoms.get("a"),
        "request_id": atoms.get("{x-request-id}o", "-"),
    }


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JSONFormatter(logging.Formatter):
    """Formats a record as one line of JSON: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        created = datetime.fromtimestamp(record.created, tz=UTC)
        entry: dict = {
            "time": created.isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry["message"] = "request"
            entry.update(_access_fields(record.args))
        else:
            entry["message"] = record.getMessage()
            entry["request_id"] = getattr(record, "request_id", None) or request_id_var.get()
            status = getattr(record, "status_code", None)
            if status is not None:
                entry["status"] = status
            for key, value in vars(record).items():
                if key not in _RESERVED and not key.startswith("_"):
                    entry[key] = value
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["exc"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable lines for development (DJANGO_LOG_FORMAT=text), still with the request id."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return super().format(record)
