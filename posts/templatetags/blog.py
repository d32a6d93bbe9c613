import json

from django import template
from django.core.paginator import Page
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from posts import seo
from posts.related import related_posts
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


@register.simple_tag(takes_context=True)
def absolute_media(context, file) -> str:
    """``{% absolute_media post.cover_image %}``: the file's absolute address."""
    request: HttpRequest = context["request"]
    return seo.absolute_media_url(request, file)


@register.filter
def og_locale(language: str) -> str:
    return seo.og_locale(language)


@register.simple_tag
def related_articles(post, exclude=None) -> list:
    """``{% related_articles post exclude=ids as related %}``: see :func:`related_posts`."""
    return related_posts(post, exclude=exclude or ())


@register.filter
def page_numbers(page: Page) -> list:
    """The page numbers to link: the ends and a window around this page; None for a gap."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [n if isinstance(n, int) else None for n in numbers]


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """``?page=N`` keeping the page's other parameters (a search's ``q``)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
