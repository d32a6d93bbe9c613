"""Addresses that visitors' browsers will follow: only web pages (and mail, where it fits)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=WEB_SCHEMES,
    message=_("Enter a web address that starts with https:// (or http://)."),
)


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) address, as the admin forms accept them."""
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


class WebURLField(models.URLField):
    """A URL field that refuses every scheme but http and https (no javascript:, data:, ftp:)."""

    default_validators = [validate_web_url]
