"""Images on other sites: shown as links, because the blog makes no third-party requests.

A visitor's browser fetches an ``<img>`` by itself, which would tell another site who reads
what. Markdown images with an absolute address become a link with the image's description;
raw ``<img>`` elements with one lose their address in the sanitiser. Relative addresses (our
own uploads) and ``data:`` images stay images.
"""

import re
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from posts.rendering.problems import Problem

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def is_external(url: str) -> bool:
    return bool(_ABSOLUTE.match(url))


def render_image(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it render rule: our own images as images, other sites' images as links."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if not is_external(src):
        return self.image(tokens, idx, options, env)  # type: ignore[attr-defined]
    description = self.renderInlineAsText(token.children or [], options, env)  # type: ignore[attr-defined]
    label = gettext("%(description)s (image on another site)") % {
        "description": description or gettext("Image")
    }
    return (
        f'<a class="external-image" href="{escapeHtml(src)}" rel="noopener noreferrer">'
        f"{escapeHtml(label)}</a>"
    )


def external_image_problems(tokens: Iterable[Token]) -> list[Problem]:
    """A warning for each Markdown image the page will show as a link instead."""
    problems = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] + 1 if token.map else 1
        for child in token.children:
            src = str(child.attrGet("src") or "") if child.type == "image" else ""
            if src and is_external(src):
                problems.append(Problem("external-image", src, line))
    return problems
