import pytest


@pytest.fixture(autouse=True)
def _messages_in_english(english):
    """The importer's tests read its messages in English; the Dutch ones have their own test."""
