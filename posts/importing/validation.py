"""Checks made on every parsed file before anything is written."""

import re
from collections.abc import Sequence

from posts.importing.entries import ParsedPost
from posts.importing.errors import FileProblem
from posts.rendering import render

_LINE_NOTE = re.compile(r"\s*\(line \d+[^)]*\)")
_MESSAGES = {
    "undefined": "footnote [^{label}] is used but never defined",
    "duplicate": "footnote [^{label}] is defined more than once",
    "unused": "footnote [^{label}] is defined but never used",
}


def body_problems(post: ParsedPost) -> list[FileProblem]:
    """Runs the body through the rendering pipeline, as an admin save would.

    Errors come back pinned to the file line; warnings become notes on the post.
    """
    problems: list[FileProblem] = []
    for problem in render(post.body).problems:
        template = _MESSAGES.get(problem.code)
        message = template.format(label=problem.label) if template else problem.message
        message = _LINE_NOTE.sub("", message).rstrip(".")
        if problem.severity == "error":
            line = problem.line + post.body_offset if problem.line else 0
            problems.append(FileProblem(post.path, line, message))
        else:
            post.notes.append(f"line {problem.line + post.body_offset}: {message}")
    return problems


def set_problems(posts: Sequence[ParsedPost]) -> list[FileProblem]:
    """Conflicts between the files of one import: a slug or a series place used twice."""
    problems: list[FileProblem] = []
    slugs: dict[str, ParsedPost] = {}
    places: dict[tuple[str, int], ParsedPost] = {}
    for post in posts:
        if post.slug in slugs:
            other = slugs[post.slug].path
            message = f"slug '{post.slug}' is also the slug of {other}"
            problems.append(FileProblem(post.path, post.line("slug"), message))
            continue
        slugs[post.slug] = post
        if post.series and post.series_position:
            place = (post.series.slug, post.series_position)
            if place in places:
                message = (
                    f"part {post.series_position} of series '{post.series.title}' "
                    f"is also {places[place].path}"
                )
                problems.append(FileProblem(post.path, post.line("series_position"), message))
            places.setdefault(place, post)
    return problems
