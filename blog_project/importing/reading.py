"""Finding the article files under the given paths and reading them as text."""

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext

from blog_project.importing.errors import InvalidFile

SUFFIXES = frozenset({".md", ".mdx", ".markdown", ".txt"})


@dataclass(frozen=True)
class FoundFile:
    """An article file and the folder it was found under (where metadata files are looked up)."""

    path: Path
    root: Path


def find_files(paths: Iterable[Path]) -> list[FoundFile]:
    """Every article file in ``paths``: files as given, folders searched recursively, in order.

    Raises :class:`InvalidFile` for a path that does not exist.
    """
    found: dict[Path, FoundFile] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and _visible(child, path):
                    found.setdefault(child, FoundFile(child, path))
        elif path.is_file():
            found.setdefault(path, FoundFile(path, path.parent))
        else:
            raise InvalidFile(path, 0, gettext("no such file or folder"))
    return list(found.values())


def _visible(path: Path, root: Path) -> bool:
    """Skips hidden files and folders (``.git``, editor backups) below the root."""
    return not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def read_text(path: Path) -> str:
    """The file as text: UTF-8, with or without a byte order mark, newlines normalised.

    Raises :class:`InvalidFile` at the line of the first byte that is not UTF-8.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = gettext("cannot be read: %(error)s") % {"error": exc.strerror or exc}
        raise InvalidFile(path, 0, message) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = gettext(
            "not UTF-8 text: byte 0x%(byte)02x at column %(column)s; save the file as UTF-8"
        )
        raise InvalidFile(
            path, line, message % {"byte": data[exc.start], "column": column}
        ) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidFile(path, line, gettext("contains a NUL byte: not a text file"))
    return text.replace("\r\n", "\n").replace("\r", "\n")
