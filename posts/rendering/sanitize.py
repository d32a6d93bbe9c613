"""Sanitising HTML with nh3 and reducing it to plain text."""

import html
import re

import nh3

from posts.rendering.images import is_external

ALLOWED_TAGS = frozenset(
    {
        *("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong"),
        *("code", "pre", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("caption", "img", "sup", "sub", "span", "div", "aside", "section", "del", "s"),
        *("hr", "br", "details", "summary", "figure", "figcaption", "abbr"),
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "role"},
    # data-version*: Robust Links, a cited link's dated copy (checked below).
    "a": {"href", "title", "rel", "data-versionurl", "data-versiondate"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "abbr": {"title"},
    "details": {"open"},
}
_URL_ATTRIBUTES = frozenset({"href", "src"})
# nh3 keeps only the allowed style *properties* but passes their values on as written, so
# ``text-align: expression(alert(1))`` (script in old Internet Explorer) came through. The only
# style the pipeline makes is a table column's alignment: keep a text-align keyword, nothing else.
_ALIGNMENT = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify|start|end)\s*", re.I)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")
_DATA_IMAGE = re.compile(r"data:image/[a-z0-9.+-]+[;,]")
_WHITESPACE = re.compile(r"\s+")
_NOT_TEXT = re.compile(
    r'<sup class="footnote-ref">.*?</sup>'
    r'|<(a|span) [^>]*class="footnote-(?:backref|source|archive)"[^>]*>.*?</\1>',
    re.DOTALL,
)
_VERSION_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f]+\Z", re.IGNORECASE)


def _alignment(style: str) -> str | None:
    kept = [match[1].lower() for part in style.split(";") if (match := _ALIGNMENT.fullmatch(part))]
    return f"text-align:{kept[-1]}" if kept else None


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return _alignment(value)
    if attribute == "data-versionurl":
        return value if _WEB_URL.match(value) else None
    if attribute == "data-versiondate":
        return value if _VERSION_DATE.fullmatch(value) else None
    if attribute not in _URL_ATTRIBUTES:
        return value
    url = _IGNORED_IN_URLS.sub("", value).lower()
    if tag == "img" and is_external(url):
        return None  # the visitor's browser would fetch it from another site
    if not url.startswith("data:"):
        return value
    allowed = tag == "img" and attribute == "src" and _DATA_IMAGE.match(url)
    return value if allowed else None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    generic_attribute_prefixes={"aria-"},
    url_schemes={"http", "https", "mailto", "tel", "data"},
    filter_style_properties={"text-align"},
    link_rel=None,
)
_TEXT_CLEANER = nh3.Cleaner(tags=set(), attributes={})


def sanitize(fragment: str) -> str:
    """The fragment with only the allowed tags, attributes and URL schemes left."""
    return _CLEANER.clean(fragment) if fragment else ""


def html_to_text(fragment: str) -> str:
    """Readable text of sanitised HTML: no tags or note markers, entities decoded, one-spaced."""
    if not fragment:
        return ""
    text = _TEXT_CLEANER.clean(_NOT_TEXT.sub("", fragment))
    return _WHITESPACE.sub(" ", html.unescape(text)).strip()
