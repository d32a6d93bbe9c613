"""Markdown rendering for Bronpunt articles: sanitised HTML, notes, sources, TOC and problems."""

from posts.rendering.headings import DEFAULT_TOC_LEVELS, toc_html
from posts.rendering.highlight import pygments_css
from posts.rendering.pipeline import render
from posts.rendering.problems import Problem
from posts.rendering.results import (
    AuthorDateCitation,
    CitedSource,
    Footnote,
    Heading,
    Rendered,
    SourceLink,
    SourceUrl,
)

__all__ = [
    "DEFAULT_TOC_LEVELS",
    "AuthorDateCitation",
    "CitedSource",
    "Footnote",
    "Heading",
    "Problem",
    "Rendered",
    "SourceLink",
    "SourceUrl",
    "pygments_css",
    "render",
    "toc_html",
]
