"""Markdown rendering for Bronpunt articles: sanitised HTML, notes, sources, TOC and problems."""

from posts.rendering.highlight import pygments_css
from posts.rendering.pipeline import markdownify, render
from posts.rendering.results import CitedSource, Footnote, Heading, Problem, Rendered

__all__ = [
    "CitedSource",
    "Footnote",
    "Heading",
    "Problem",
    "Rendered",
    "markdownify",
    "pygments_css",
    "render",
]
