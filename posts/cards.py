"""Link cards: the 1200x630 image a shared article shows (``og:image``) when its writer set no
cover, with its title, its series and part, and the blog's name, drawn with Pillow.

A card is drawn once per version of what it shows (title, series line, blog name, design) and
kept in media storage as ``cards/<post id>/<digest>.png``; every later request reads that file.
It is drawn lazily, on the first request of ``/blog/<slug>/card.png``, not when a post is saved:
a save (or an import of a thousand files) never pays for drawing, a post published by its
date rather than by a save still gets one, and drafts are never drawn at all. Drawing a new
version removes the post's older ones.
"""

import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw, ImageFont

from posts.extensions import extensions
from posts.models import Post

WIDTH, HEIGHT = 1200, 630
# Raise when the drawing changes: every card is then drawn anew on its next request.
DESIGN = 1
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
# The light palette of static/css/site.css.
BACKGROUND = "#fdfcf8"
TEXT = "#1b1b1b"
MUTED = "#55595f"
ACCENT = "#8a4b08"
BORDER = "#d9d6cc"

MARGIN = 80
BAND = 16  # the accent band along the top
KICKER_SIZE = 32
TITLE_SIZES = (72, 64, 56, 48, 42)  # the largest at which the title fits is used
TITLE_LEADING = 1.18
FOOTER_RULE = 522
FOOTER_TEXT = 552
BLOG_SIZE = 32
ELLIPSIS = "…"
# How long browsers and shared caches may keep a card.
MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class CardText:
    """Everything a card shows; its digest names the stored file."""

    title: str
    kicker: str  # "Part 2 · Series title", or empty outside a series
    blog: str

    def digest(self) -> str:
        payload = json.dumps([DESIGN, self.title, self.kicker, self.blog], ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]


def card_text(post: Post, part: int | None) -> CardText:
    """The card's text for ``post`` as part ``part`` of its series, in the site's language
    (the language of the article, whatever the visitor reads the interface in)."""
    kicker = ""
    entry = getattr(post, "series_entry", None)
    if entry is not None and part is not None:
        with translation.override(settings.LANGUAGE_CODE):
            label = gettext("Part %(number)s") % {"number": part}
        kicker = f"{label} · {entry.series.title}"
    return CardText(title=post.title, kicker=kicker, blog=settings.BLOG["TITLE"])


def series_part(post: Post) -> int | None:
    """The post's number in its series as the series box counts it (listed parts only, so a
    draft part leaves no gap): one query, or none outside a series."""
    entry = getattr(post, "series_entry", None)
    if entry is None:
        return None
    earlier = Post.objects.listed().filter(
        series_entry__series=entry.series_id, series_entry__position__lt=entry.position
    )
    return earlier.count() + 1


def card_url(post: Post, request: HttpRequest) -> str:
    """The card's absolute address, with a version that changes with its title and series, so
    that sites which keep images by address fetch the new card. It counts the series place by
    position, so it runs no query when the post's series entry is loaded (the article page
    loads it); the view ignores the version and always answers the current card."""
    entry = getattr(post, "series_entry", None)
    version = card_text(post, entry.position if entry is not None else None).digest()[:10]
    url = reverse("posts:card", kwargs={"slug": post.slug})
    return request.build_absolute_uri(f"{url}?v={version}")


def card_png(post: Post) -> bytes:
    """The post's card as PNG bytes: the stored file, or a new drawing that is then stored."""
    text = card_text(post, series_part(post))
    folder = f"cards/{post.pk}"
    name = f"{folder}/{text.digest()}.png"
    if default_storage.exists(name):
        try:
            with default_storage.open(name) as stored:
                return stored.read()
        except FileNotFoundError:
            pass  # removed since (a newer version was drawn at the same moment): draw it
    png = draw(text)
    default_storage.save(name, ContentFile(png))
    _remove_other_cards(folder, keep=name)
    return png


def _remove_other_cards(folder: str, keep: str) -> None:
    """Removes the post's former cards, and the copy a request drawing the same card at the
    same moment stored under another name."""
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        if f"{folder}/{file}" != keep:
            default_storage.delete(f"{folder}/{file}")


def draw(text: CardText) -> bytes:
    """A 1200x630 PNG: the series line, the title as large as fits, the blog's name."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    top = MARGIN
    if text.kicker:
        font = _font(KICKER_SIZE)
        pen.text((MARGIN, top), _fit(text.kicker, font, width), font=font, fill=ACCENT)
        top += KICKER_SIZE * 2
    font, lines = _title_lines(text.title, width, FOOTER_RULE - 40 - top)
    line_height = round(font.size * TITLE_LEADING)
    for number, line in enumerate(lines):
        pen.text((MARGIN, top + number * line_height), line, font=font, fill=TEXT)
    pen.line((MARGIN, FOOTER_RULE, WIDTH - MARGIN, FOOTER_RULE), fill=BORDER, width=2)
    blog_font = _font(BLOG_SIZE)
    pen.text((MARGIN, FOOTER_TEXT), _fit(text.blog, blog_font, width), font=blog_font, fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)


def _title_lines(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The title at the largest size whose lines fit the box, preferring a size that breaks no
    word; when none fits, the lines that do at the smallest size, the last with an ellipsis."""
    wrapped = [(_font(size), *_wrap(title, _font(size), width)) for size in TITLE_SIZES]
    fitting = [
        (font, lines, broken)
        for font, lines, broken in wrapped
        if len(lines) <= height // round(font.size * TITLE_LEADING)
    ]
    for font, lines, broken in fitting:
        if not broken:
            return font, lines
    if fitting:
        return fitting[0][0], fitting[0][1]
    font, lines, _ = wrapped[-1]
    kept = lines[: max(1, height // round(font.size * TITLE_LEADING))]
    kept[-1] = _fit(kept[-1], font, width, cut=True)
    return font, kept


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> tuple[list[str], bool]:
    """Words on lines no wider than ``width``, and whether a word had to be broken: one wider
    than a line (a long Dutch compound) is broken with a hyphen."""
    lines: list[str] = []
    line = ""
    broken = False
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut] + "-")
            word = word[cut:]
            broken = True
        line = word
    if line:
        lines.append(line)
    return lines or [""], broken


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many characters of ``word``, plus a hyphen, fit in ``width`` (at least one)."""
    cut = 1
    while cut < len(word) and font.getlength(word[: cut + 1] + "-") <= width:
        cut += 1
    return cut


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int, *, cut: bool = False) -> str:
    """``text`` if it fits in ``width``, else (or when ``cut``: more text follows) as much of
    it as fits before an ellipsis."""
    if not cut and font.getlength(text) <= width:
        return text
    text = text.removesuffix("-")
    while text and font.getlength(text.rstrip() + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


@require_safe
def card_view(request: HttpRequest, slug: str) -> HttpResponse:
    """``/blog/<slug>/card.png``: a published article's card (drafts and scheduled posts have
    none). One query for the post with its series, one for its part number, then a file read;
    the answer is an ordinary response, so the page cache keeps it for anonymous visitors."""
    posts = (
        Post.objects.published()
        .select_related(*extensions.article_related)
        .defer(*Post.HEAVY_FIELDS)
    )
    post = get_object_or_404(posts, slug=slug)
    response = HttpResponse(card_png(post), content_type="image/png")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
