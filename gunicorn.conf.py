"""gunicorn's configuration for Bronpunt: ``gunicorn -c gunicorn.conf.py``.

Every value can be changed through the environment (see .env.example); the defaults suit one
container with a few CPUs behind a reverse proxy that terminates TLS.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blog_project.logging import JSONFormatter, RequestIDFilter


def _cpus() -> int:
    """CPUs this process may run on (a container's cpuset), not the host's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _int(name: str, default: int) -> int:
    """An integer from the environment; unset or empty (as in .env.example) means the default."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "blog_project.wsgi:application"
bind = [f"0.0.0.0:{_int('PORT', 8000)}"]

# Workers from the CPU count (WEB_CONCURRENCY overrides), each with a few threads for requests
# that wait on the database. Each thread may hold one database connection (DJANGO_CONN_MAX_AGE).
workers = _int("WEB_CONCURRENCY", 2 * _cpus() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so a slow leak never takes an instance down.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on the (possibly read-only) image filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket: nothing here manages gunicorn at run time, and $HOME may be read-only.
control_socket_disable = True
# The proxy in front may set X-Forwarded-Proto; Django decides with SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
limit_request_line = 8190

# Access log and errors: JSON lines on stdout, the same format as the app's own records.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": RequestIDFilter}},
    "formatters": {"json": {"()": JSONFormatter}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}
