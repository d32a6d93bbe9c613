import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from posts.validators import is_web_url

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data: dict) -> SafeString:
    """A JSON-LD block, escaped so that no text in it can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


@register.filter
def web_url(value: str) -> str:
    """``value`` if it is an http(s) address, else empty: a second guard beside the validators."""
    return value if value and is_web_url(value) else ""
