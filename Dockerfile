# syntax=docker/dockerfile:1
# Bronpunt: a production image. Build: docker build -t bronpunt .   Run: see docker-compose.yml.

ARG PYTHON_IMAGE=python:3.13-slim

# ---- build: a virtualenv with the pinned dependencies (binary wheels only: no compiler) ----
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir --only-binary=:all: -r /tmp/requirements.txt \
    && /opt/venv/bin/pip uninstall --yes --quiet pip

# The application, with its static files collected (hashed names, gzip and brotli) and its
# Python files compiled, so nothing is written at run time.
WORKDIR /app
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only DJANGO_DEBUG=false \
      /opt/venv/bin/python manage.py collectstatic --no-input -v 0 \
    && /opt/venv/bin/python -m compileall -q -j 0 /app /opt/venv \
    && chmod 0755 docker/entrypoint docker/healthcheck

# ---- final: the slim base, the virtualenv and the app; no build tools, not root ----
FROM ${PYTHON_IMAGE} AS final
LABEL org.opencontainers.image.title="Bronpunt" \
      org.opencontainers.image.description="A Django blog for long-form, citation-heavy articles." \
      org.opencontainers.image.licenses="MIT"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=blog_project.settings \
    DJANGO_MEDIA_ROOT=/data/media \
    DJANGO_CACHE_DIR=/tmp/bronpunt-cache \
    PORT=8000

RUN groupadd --gid 10001 bronpunt \
    && useradd --no-log-init --uid 10001 --gid bronpunt \
         --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin bronpunt \
    && mkdir -p /data/media \
    && chown bronpunt:bronpunt /data/media

COPY --from=build /opt/venv /opt/venv
# Code and static files belong to root and are read-only for the app; only /data/media is its own.
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001

EXPOSE 8000
VOLUME ["/data/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["/opt/venv/bin/python", "/app/docker/healthcheck"]
ENTRYPOINT ["/app/docker/entrypoint"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py"]
