"""Finding executable markup in HTML, as a browser would parse it.

:func:`page_dangers` checks a whole page, where the site's own scripts (files under
``/static/`` and JSON-LD blocks) and its own forms are expected; :func:`fragment_dangers` checks
a piece of content (a feed entry, the editor's preview), where nothing of the kind belongs.
Both parse with html5lib, the WHATWG algorithm browsers implement, so what is checked is the
tree a browser builds, mutations included, not the text that was sent.
"""

import json
import re
from collections.abc import Collection, Iterator
from xml.etree.ElementTree import Element

import html5lib

HTML_NS = "http://www.w3.org/1999/xhtml"
FORBIDDEN_ELEMENTS = frozenset(
    {
        *("iframe", "frame", "frameset", "object", "embed", "applet", "portal"),
        *("base", "form", "style", "isindex"),
        # Foreign content: the containers of mutation XSS, and SVG's own scripting.
        *("svg", "math"),
    }
)
URL_ATTRIBUTES = frozenset(
    {
        *("href", "src", "action", "formaction", "srcset", "poster", "data", "background"),
        *("lowsrc", "dynsrc", "codebase", "cite", "longdesc", "ping", "xlink:href"),
    }
)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
# The data: images a page may show inline: raster formats, never SVG (which can carry script).
INLINE_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]")
SITE_SCRIPT_PREFIX = "/static/"
JSONLD_TYPE = "application/ld+json"

# Browsers drop tabs and newlines anywhere in a URL, and spaces and C0 controls around it.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_DANGER = re.compile(r"expression\(|url\(['\"]?(?:javascript|vbscript):|-moz-binding|behavior:")
_SCRIPT_BREAKERS = ("</script", "<!--", "<script")


def page_dangers(markup: str, *, own_forms: Collection[str] = ()) -> list[str]:
    """What in this whole page could run script; empty when nothing can.

    ``own_forms`` are the ``action`` addresses of the site's own forms (its search form).
    """
    return list(_dangers(html5lib.parse(markup), site=True, own_forms=frozenset(own_forms)))


def fragment_dangers(markup: str) -> list[str]:
    """What in this piece of content could run script: any script at all, among the rest.

    Content is parsed twice, as a browser inserting it into a ``<div>`` would and as a reader
    opening it as a document would (there ``<body onload>`` lands on the body).
    """
    roots = (html5lib.parseFragment(markup, container="div"), html5lib.parse(markup))
    found = (danger for root in roots for danger in _dangers(root, site=False, own_forms=set()))
    return list(dict.fromkeys(found))


def url_scheme(value: str) -> str:
    """The URL as a browser reads its scheme: entity-decoded already (by the parser), without
    the whitespace and control characters it ignores, in lower case."""
    return _IGNORED_IN_URLS.sub("", value).lower()


def css_text(value: str) -> str:
    """A style declaration as CSS reads it: comments gone, escapes decoded, no whitespace."""
    value = _CSS_COMMENT.sub("", value)
    value = _CSS_ESCAPE.sub(
        lambda m: chr(int(m[1], 16)) if m[1] and int(m[1], 16) < 0x110000 else (m[2] or ""),
        value,
    )
    return re.sub(r"\s+", "", value).lower()


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return HTML_NS, tag


def _attribute_name(name: str) -> str:
    namespace, local = _split(name)
    if namespace.endswith("/xlink"):
        return f"xlink:{local}"
    return local.lower()


def _elements(root: Element) -> Iterator[Element]:
    for element in root.iter():
        if isinstance(element.tag, str):  # comments and processing instructions are not
            yield element


def _describe(element: Element) -> str:
    namespace, name = _split(element.tag)
    text = "".join(element.itertext())[:60]
    attributes = " ".join(f'{_attribute_name(k)}="{v[:60]}"' for k, v in element.attrib.items())
    where = "" if namespace == HTML_NS else f" ({namespace.rsplit('/', 1)[-1]})"
    return f"<{name}{' ' if attributes else ''}{attributes}>{text}{where}"


def _dangers(root: Element, *, site: bool, own_forms: Collection[str]) -> Iterator[str]:
    for element in _elements(root):
        namespace, name = _split(element.tag)
        name = name.lower()
        if name == "script":
            yield from _script_dangers(element, site=site)
        elif name in FORBIDDEN_ELEMENTS:
            if not (name == "form" and namespace == HTML_NS and element.get("action") in own_forms):
                yield f"forbidden element: {_describe(element)}"
        elif name == "meta" and any(_attribute_name(k) == "http-equiv" for k in element.attrib):
            yield f"meta http-equiv: {_describe(element)}"
        for raw_name, value in element.attrib.items():
            yield from _attribute_dangers(element, name, _attribute_name(raw_name), value)


def _script_dangers(element: Element, *, site: bool) -> Iterator[str]:
    source = element.get("src")
    kind = (element.get("type") or "").strip().lower()
    text = element.text or ""
    if site and source is not None and source.startswith(SITE_SCRIPT_PREFIX) and not text.strip():
        return
    if site and source is None and kind == JSONLD_TYPE:
        lowered = text.lower()
        breakers = [b for b in _SCRIPT_BREAKERS if b in lowered]
        if breakers:
            yield f"JSON-LD holds {', '.join(breakers)}: {text[:80]}"
        try:
            json.loads(text)
        except ValueError as error:
            yield f"JSON-LD is not valid JSON ({error}): {text[:80]}"
        return
    yield f"script: {_describe(element)}"


def _attribute_dangers(element: Element, tag: str, name: str, value: str) -> Iterator[str]:
    if name.startswith("on"):
        yield f"event handler {name}: {_describe(element)}"
    elif name == "style" and _CSS_DANGER.search(css_text(value)):
        yield f"style with script: {_describe(element)}"
    elif name in URL_ATTRIBUTES:
        urls = [part.split()[0] for part in value.split(",") if part.split()]
        for url in urls if name == "srcset" else [value]:
            scheme = url_scheme(url)
            if not scheme.startswith(DANGEROUS_SCHEMES):
                continue
            if tag == "img" and name == "src" and INLINE_IMAGE.match(scheme):
                continue
            yield f"{scheme.split(':', 1)[0]}: URL in {name}: {_describe(element)}"
