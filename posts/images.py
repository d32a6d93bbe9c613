"""Uploaded images: only real raster images, checked by their content, stored under dated folders.

Every image that enters the site through a form (cover, author photo) or the editor's upload
endpoint goes through :func:`check_raster_image`: Pillow must recognise the bytes as one of the
allowed formats, whatever the file is called or claims to be, within a size and pixel limit.
An SVG (which can carry script), a renamed executable or a decompression bomb is refused with
a message the editor can act on.
"""

import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension; the content decides, never the uploaded name.
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format]


def _limits() -> tuple[int, int, int]:
    images = settings.BLOG["IMAGES"]
    return images["MAX_BYTES"], images["MAX_SIDE"], images["MAX_PIXELS"]


def check_raster_image(upload: File) -> CheckedImage:
    """The image's format and size, or a :class:`ValidationError` saying what is wrong."""
    max_bytes, max_side, max_pixels = _limits()
    size = upload.size or 0
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; images may be at most %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1_000_000:.1f}", "limit": f"{max_bytes / 1_000_000:g}"},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image has far too many pixels; at most %(megapixels)d megapixels are accepted."),
            code="too_many_pixels",
            params={"megapixels": max_pixels // 1_000_000},
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not an image we can show. Upload a JPEG, PNG, GIF or WebP image."),
            code="not_an_image",
        ) from None
    except Exception:
        # Truncated or corrupt data makes Pillow raise many kinds of errors.
        raise ValidationError(
            _("This image is damaged or incomplete. Save it again and upload the new file."),
            code="damaged",
        ) from None
    finally:
        upload.seek(position)
    if image_format not in FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, GIF or WebP image."),
            code="format",
            params={"format": image_format},
        )
    if max(width, height) > max_side or width * height > max_pixels:
        raise ValidationError(
            _(
                "The image is %(width)d by %(height)d pixels; at most %(side)d pixels a side and "
                "%(megapixels)d megapixels are accepted."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "side": max_side,
                "megapixels": max_pixels // 1_000_000,
            },
        )
    return CheckedImage(image_format, width, height)


@deconstructible
class RasterImageValidator:
    """Model field validator: see :func:`check_raster_image`."""

    def __call__(self, value: File) -> None:
        check_raster_image(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RasterImageValidator)


validate_raster_image = RasterImageValidator()


def dated_name(folder: str, extension: str, when: datetime | None = None) -> str:
    """``folder/YYYY/MM/<random>.<extension>``: unguessable, never clashing, sorted by month."""
    when = timezone.localtime(when or timezone.now())
    return f"{folder}/{when:%Y/%m}/{uuid.uuid4().hex}.{extension}"


@deconstructible
class DatedUpload:
    """``upload_to`` for an image field: a dated folder and the extension of the real format."""

    def __init__(self, folder: str, field: str) -> None:
        self.folder = folder
        self.field = field

    def __call__(self, instance, filename: str) -> str:
        """Names the file by its content when the field holds it (a form upload), else by
        the name it was given (``field.save(name, content)``, after validation)."""
        try:
            extension = check_raster_image(getattr(instance, self.field)).extension
        except (ValueError, ValidationError):
            suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
            extension = {"jpeg": "jpg"}.get(suffix, suffix) or "img"
        return dated_name(self.folder, extension)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatedUpload) and (other.folder, other.field) == (
            self.folder,
            self.field,
        )
