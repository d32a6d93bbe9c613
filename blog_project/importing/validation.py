"""Checks made on every parsed file before anything is written."""

from collections.abc import Sequence

from django.utils.translation import gettext

from blog_project.importing.entries import ParsedPost
from blog_project.importing.errors import FileProblem
from posts.bodies import render_bodies


def render_posts(posts: Sequence[ParsedPost]) -> None:
    """Runs every body through the rendering pipeline, as an admin save would, keeping each
    result for the write (one batch, so that a large import renders on every core)."""
    bodies = render_bodies([post.body for post in posts], [post.language for post in posts])
    for post, rendered in zip(posts, bodies, strict=True):
        post.rendered = rendered


def body_problems(post: ParsedPost) -> list[FileProblem]:
    """What the pipeline found in the rendered body: errors pinned to the file line, in the
    pipeline's own words; warnings become notes on the post."""
    assert post.rendered is not None, "render_posts() first"
    problems: list[FileProblem] = []
    for problem in post.rendered.problems:
        line = problem.line + post.body_offset if problem.line else 0
        if problem.is_error:
            problems.append(FileProblem(post.path, line, problem.describe(post.body_offset)))
        else:
            where = {"line": line, "problem": problem.describe(post.body_offset)}
            post.notes.append(gettext("Line %(line)s: %(problem)s") % where)
    return problems


def set_problems(posts: Sequence[ParsedPost]) -> list[FileProblem]:
    """Conflicts between the files of one import: a slug or a series place used twice."""
    problems: list[FileProblem] = []
    slugs: dict[str, ParsedPost] = {}
    places: dict[tuple[str, int], ParsedPost] = {}
    for post in posts:
        if post.slug in slugs:
            other = slugs[post.slug].path
            message = gettext("slug '%(slug)s' is also the slug of %(other)s")
            message %= {"slug": post.slug, "other": other}
            problems.append(FileProblem(post.path, post.line("slug"), message))
            continue
        slugs[post.slug] = post
        if post.series and post.series_position:
            place = (post.series.slug, post.series_position)
            if place in places:
                message = gettext("part %(position)s of series '%(series)s' is also %(other)s")
                message %= {
                    "position": post.series_position,
                    "series": post.series.title,
                    "other": places[place].path,
                }
                problems.append(FileProblem(post.path, post.line("series_position"), message))
            places.setdefault(place, post)
    return problems
