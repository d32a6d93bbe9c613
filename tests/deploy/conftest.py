"""Fixtures for the deployment tests: production settings are in force (settings.py's last line)."""

from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _production_settings_applied():
    """These tests check what blog_project.production.apply() configures."""
    if "blog_project.middleware.RequestIDMiddleware" not in settings.MIDDLEWARE:
        pytest.fail(
            "blog_project.production.apply() is not applied: settings.py must end with "
            "'apply_production(globals())'"
        )


@pytest.fixture
def article(make_post):
    return make_post(title="Een artikel over bronnen", slug="een-artikel-over-bronnen")
