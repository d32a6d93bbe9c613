"""Fixtures for the deployment tests."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def article(make_post):
    return make_post(title="Een artikel over bronnen", slug="een-artikel-over-bronnen")
