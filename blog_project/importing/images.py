"""Images that live beside the Docusaurus files: found, checked, copied into media storage.

A post's ``![alt](./img/shot.png)`` (or ``<img src="img/shot.png">``) and a cover
``image: ./img/social.png`` point at files next to the post; ``/img/shot.png`` points into the
site's ``static/`` folder, found upwards from the post as Docusaurus does. Each is checked as
an upload is (a real raster image within the limits), named by its content (so a re-import
names it the same and writes nothing), and the body is rewritten to its address in storage
before it is rendered. A missing or unusable file is a problem at its line.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext

from blog_project.importing.errors import InvalidFile
from blog_project.importing.fences import prose_lines
from posts.images import check_raster_image

FOLDER = "imports"
_MARKDOWN_IMAGE = re.compile(r"(!\[[^\]\n]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"\n]*\")?\s*\))")
_HTML_IMAGE = re.compile(r"""(<img\b[^>]*?\bsrc=["'])([^"']+)(["'])""", re.I)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


@dataclass(frozen=True)
class LocalImage:
    """A file to copy: where it is, and its name in media storage."""

    source: Path
    name: str

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


def is_local(src: str) -> bool:
    """Whether ``src`` points at a file of the old site rather than at another site."""
    return bool(src) and not _REMOTE.match(src)


def local_image(path: Path, line: int, src: str, root: Path) -> LocalImage:
    """The file ``src`` in the post at ``path`` names, checked and named by its content."""
    source = _resolve(path, src, root)
    if source is None:
        message = gettext("image %(src)s not found next to the post or under static/")
        raise InvalidFile(path, line, message % {"src": src})
    data = source.read_bytes()
    try:
        checked = check_raster_image(ContentFile(data, name=source.name))
    except ValidationError as exc:
        message = gettext("image %(src)s: %(problem)s")
        raise InvalidFile(path, line, message % {"src": src, "problem": exc.messages[0]}) from None
    digest = hashlib.sha256(data).hexdigest()[:24]
    return LocalImage(source, f"{FOLDER}/{digest[:2]}/{digest}.{checked.extension}")


def rewrite_body(path: Path, body: str, offset: int, root: Path) -> tuple[str, list[LocalImage]]:
    """The body with its local images pointing at media storage, and the files to copy."""
    images: list[LocalImage] = []
    lines = body.split("\n")
    for index in prose_lines(lines):

        def replace(match: re.Match, file_line: int = offset + index + 1) -> str:
            src = match[2]
            if not is_local(src):
                return match[0]
            image = local_image(path, file_line, src, root)
            images.append(image)
            return f"{match[1]}{image.url}{match[3]}"

        lines[index] = _HTML_IMAGE.sub(replace, _MARKDOWN_IMAGE.sub(replace, lines[index]))
    return "\n".join(lines), images


def copy(images: list[LocalImage]) -> int:
    """Copies the files not in storage yet; returns how many were copied."""
    copied = 0
    for image in {image.name: image for image in images}.values():
        if default_storage.exists(image.name):
            continue
        with image.source.open("rb") as handle:
            default_storage.save(image.name, File(handle, name=image.source.name))
        copied += 1
    return copied


def export_body(body: str, folder: Path) -> tuple[str, set[str]]:
    """The body with images in our media storage pointing at copies in ``folder/img/`` (as
    the importer finds them again), and the relative paths written."""
    written: set[str] = set()

    def replace(match: re.Match) -> str:
        relative = export_file(_stored_name(match[2]), folder)
        if relative is None:
            return match[0]
        written.add(relative)
        return f"{match[1]}{relative}{match[3]}"

    return _HTML_IMAGE.sub(replace, _MARKDOWN_IMAGE.sub(replace, body)), written


def export_file(name: str | None, folder: Path) -> str | None:
    """Copies the stored file ``name`` to ``folder/img/``; its path from the post, or None."""
    if not name or not default_storage.exists(name):
        return None
    target = folder / "img" / Path(name).name
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as stored:
        target.write_bytes(stored.read())
    return f"./img/{target.name}"


def _stored_name(src: str) -> str | None:
    """The storage name behind one of our media addresses (None for anything else)."""
    media = settings.MEDIA_URL
    return src[len(media) :] if media and src.startswith(media) else None


def _resolve(path: Path, src: str, root: Path) -> Path | None:
    relative = src.split("#", 1)[0].split("?", 1)[0]
    if relative.startswith("/"):
        candidates = [
            folder / "static" / relative.lstrip("/")
            for folder in (path.parent, *path.parent.parents)
            if folder == root or root in folder.parents or folder in root.parents
        ]
    else:
        # Beside the post, within the old site (the folder imported and the one holding it).
        site = root.parent.resolve()
        candidates = [c for c in [path.parent / relative] if c.resolve().is_relative_to(site)]
    return next((c for c in candidates if c.is_file()), None)
