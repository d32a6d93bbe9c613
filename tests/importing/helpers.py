"""Shared helpers for the import tests."""

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text (letters and digits), ignoring punctuation and Markdown syntax."""
    return _WORD.findall(text)
