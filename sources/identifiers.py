"""Identifiers an editor types: a DOI checked by its form, an ISBN by its check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def normalise_doi(value: str) -> str:
    """``10.1234/abc`` from any of the forms people paste (a doi.org address, ``doi:``)."""
    value = value.strip()
    for prefix in _DOI_PREFIXES:
        if value.lower().startswith(prefix):
            return value[len(prefix) :].strip()
    return value


def validate_doi(value: str) -> None:
    if value and not _DOI.match(normalise_doi(value)):
        raise ValidationError(
            _("A DOI looks like 10.1234/abc: 10., four to nine digits, a slash and the rest."),
            code="invalid_doi",
        )


def normalise_isbn(value: str) -> str:
    """The ISBN's digits (and a final X), without hyphens or spaces."""
    return re.sub(r"[\s-]", "", value).upper()


def isbn_is_valid(value: str) -> bool:
    """Whether ``value`` is an ISBN-10 or ISBN-13 whose check digit adds up."""
    digits = normalise_isbn(value)
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _("This is not a valid ISBN: check the digits (ISBN-10 or ISBN-13)."),
            code="invalid_isbn",
        )


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_parts(value: str) -> list[int] | None:
    """``2024``, ``2024-05`` or ``2024-05-01`` as CSL date parts; None if it is none of them."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        return None
    return [int(part) for part in match.groups() if part]


def validate_partial_date(value: str) -> None:
    parts = date_parts(value) if value else []
    valid = parts is not None and (len(parts) < 2 or 1 <= parts[1] <= 12)
    valid = valid and (len(parts or ()) < 3 or 1 <= parts[2] <= 31)
    if value and not valid:
        raise ValidationError(
            _("Write the date as 2024, 2024-05 or 2024-05-01."), code="invalid_date"
        )
