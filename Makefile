# Bronpunt: `make run` sets up and serves the blog with demo content (and its tasks worker); `make test` sets up and runs the checks.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages setup clean bench

$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/find-python
	@python=$$(./scripts/find-python) || exit 1; \
	  echo "Using $$python ($$($$python --version))"; \
	  [ -x $(PY) ] || $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed messages

# Compiles the .po catalogues when GNU gettext is present; the compiled .mo files are committed too.
messages: $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then \
	  for po in locale/*/LC_MESSAGES/django.po locale-vendor/*/LC_MESSAGES/*.po; do msgfmt --check-format -o "$${po%.po}.mo" "$$po"; done; \
	  else echo "msgfmt not found: using the committed .mo files"; fi

run: export DJANGO_DEBUG ?= true
run: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo --site-url http://$(HOST):$(PORT)
	$(PY) manage.py collectstatic --no-input -v 0
	@echo "Serving Bronpunt on http://$(HOST):$(PORT)/ with its tasks worker (Ctrl-C stops both)"
	PY=$(PY) scripts/run-dev $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup lint
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=blog_project.settings_test \
	  $(PY) manage.py makemigrations --check --dry-run -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

# wrk and nginx (for bench/bench_http.py) come from Debian's packages; installed when missing.
bench: setup
	@for tool in wrk nginx; do command -v $$tool >/dev/null 2>&1 || { \
	  echo "Installing $$tool from Debian's packages"; \
	  apt-get install -y -qq $$tool >/dev/null || echo "could not install $$tool: apt-get install $$tool"; }; \
	done
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
