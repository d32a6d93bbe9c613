"""``render``: Markdown body in, sanitised HTML and everything derived from it out."""

import math
import re
from collections.abc import Callable
from functools import partial

from django.utils.translation import gettext
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import EnvType

from posts.rendering.authordate import AUTHOR_DATE_KEY, mark_citations, reference_list
from posts.rendering.footnotes import Note, extract_definitions, number_notes
from posts.rendering.headings import NOTES_HEADING_ID, number_headings, toc_html
from posts.rendering.images import external_image_problems
from posts.rendering.notes import DETACHED_KEY, NOTES_KEY, NoteSource, notes_section
from posts.rendering.parser import MARKDOWN, MAX_NESTING
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
from posts.rendering.sanitize import html_to_text, sanitize
from posts.rendering.sources import parse_locator, parse_source
from posts.rendering.summary import split_summary
from posts.rendering.tokens import drop_empty_lists, plain_text, too_deep

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
_EMPTY = Rendered(
    body_html="",
    notes_html="",
    summary_html="",
    summary_text="",
    toc_html="",
    headings=(),
    footnotes=(),
    text="",
    word_count=0,
    reading_minutes=0,
    problems=(),
)


def _normalise(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _adopt_trailing_heading(body: list[Token]) -> tuple[Token | None, list[Token]]:
    """A level-2 heading that ends the body becomes the heading of the notes section."""
    if (
        len(body) >= 3
        and body[-1].type == "heading_close"
        and body[-3].type == "heading_open"
        and body[-3].level == 0
        and body[-3].tag in ("h1", "h2")
    ):
        return body[-2], body[:-3]
    return None, body


def _source(note: Note) -> CitedSource | None:
    tokens = note.definition.tokens
    if len(tokens) >= 2 and tokens[0].type == "paragraph_open":
        return parse_source(tokens[1].children)
    return None


def _locator(note: Note, source: CitedSource | None) -> dict:
    """Where in its source a note points ("..., p. 12" after the linked title)."""
    tokens = note.definition.tokens
    if source is None or len(tokens) < 2 or tokens[0].type != "paragraph_open":
        return {}
    label, value = parse_locator(tokens[1].children)
    return {"locator_label": label, "locator": value}


def _reading_minutes(words: int, html: str) -> int:
    if not html:
        return 0
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _as_link(answer: str | SourceLink | None) -> SourceLink | None:
    """The register's answer as a SourceLink: a plain address is just the source's page."""
    return SourceLink(answer) if isinstance(answer, str) else answer


def _register_lookup(
    sources: dict[str, CitedSource | None], source_url: SourceUrl | None
) -> Callable[[Note], NoteSource | None]:
    """Asks ``source_url`` once per distinct cited source."""
    registered: dict[CitedSource, SourceLink | None] = {}

    def register_source(note: Note) -> NoteSource | None:
        cited = sources[note.label]
        if cited is None or source_url is None:
            return None
        if cited not in registered:
            registered[cited] = _as_link(source_url(cited))
        link = registered[cited]
        return NoteSource(link, cited.url) if link else None

    return register_source


def _notes_html(
    notes: list[Note],
    env: EnvType,
    heading: Token | None,
    sources: dict[str, CitedSource | None],
    source_url: SourceUrl | None,
) -> str:
    if not notes:
        return ""
    md = MARKDOWN
    if heading is not None:
        heading_html = md.renderer.renderInline(heading.children or [], md.options, env)
    else:
        heading_html = escapeHtml(gettext("Notes"))
    register_source = _register_lookup(sources, source_url)
    return sanitize(
        notes_section(md, notes, env, heading_html, register_source, _first_citing(notes, sources))
    )


def _first_citing(notes: list[Note], sources: dict[str, CitedSource | None]) -> dict[str, Note]:
    """For each note citing a source an earlier note cites, that earlier note ("zie noot 3")."""
    first: dict[tuple[str, str], Note] = {}
    earlier: dict[str, Note] = {}
    for note in notes:
        source = sources.get(note.label)
        if source is None:
            continue
        key = (" ".join(source.publisher.lower().split()), " ".join(source.title.lower().split()))
        if key in first:
            earlier[note.label] = first[key]
        else:
            first[key] = note
    return earlier


def _linked_body(
    body: list[Token],
    env: EnvType,
    citations: tuple[AuthorDateCitation, ...],
    source_url: SourceUrl | None,
) -> str:
    """The body again, each author-date citation of a registered source linking to its page
    (the others keep their link to the reference list, if any)."""
    targets = dict(env[AUTHOR_DATE_KEY])
    if source_url is not None:
        registered: dict[CitedSource, str | None] = {}
        for citation in citations:
            if citation.source not in registered:
                link = _as_link(source_url(citation.source))
                registered[citation.source] = link.url if link else None
            targets[citation.number] = registered[citation.source] or targets[citation.number]
    md = MARKDOWN
    return sanitize(md.renderer.render(body, md.options, {**env, AUTHOR_DATE_KEY: targets}))


def _unclosed_comments(tokens: list[Token]) -> list[Problem]:
    """Raw HTML comments that run to the end of the text (CommonMark's rule: the rest is hidden)."""
    return [
        Problem("unclosed-comment", "", token.map[0] + 1 if token.map else 1)
        for token in tokens
        if token.type == "html_block"
        and token.content.lstrip().startswith("<!--")
        and "-->" not in token.content
    ]


def render(text: str, *, source_url: SourceUrl | None = None) -> Rendered:
    """Renders a Markdown article body; pure, deterministic and never raising on odd input.

    ``source_url`` maps a note's cited source to its page in our register (or None), or to a
    :class:`SourceLink` that also tells the health of the cited link; when given, each note
    whose source has a page links to it, and says so when its link no longer answers.
    """
    source = _normalise(text)
    if not source.strip():
        return _EMPTY
    md = MARKDOWN
    tokens = md.parse(source, {})
    deep_at = too_deep(tokens, MAX_NESTING)
    body, definitions = extract_definitions(tokens, source.split("\n"))
    body, summary_tokens = split_summary(drop_empty_lists(body))
    notes_heading, body = _adopt_trailing_heading(body) if definitions else (None, body)
    headings = number_headings(body)
    if notes_heading is not None:
        headings.append(Heading(2, NOTES_HEADING_ID, plain_text(notes_heading.children)))
    notes, problems = number_notes([*body, *filter(None, [notes_heading])], definitions)
    problems = [*problems, *external_image_problems(body), *_unclosed_comments(tokens)]
    if deep_at is not None:
        problems.append(Problem("too-deep", "", deep_at, (("limit", MAX_NESTING // 2),)))

    references = reference_list(body)
    citations, targets = mark_citations(body, references, {note.label for note in notes})
    author_date = tuple(citations)
    env: EnvType = {NOTES_KEY: {note.label: note for note in notes}, AUTHOR_DATE_KEY: targets}
    sources = {note.label: _source(note) for note in notes}
    body_html = sanitize(md.renderer.render(body, md.options, env))
    link_notes = partial(_notes_html, notes, env, notes_heading, sources)
    plain_notes = link_notes(None)
    summary_env = {**env, DETACHED_KEY: True}
    summary_html = sanitize(md.renderer.render(summary_tokens, md.options, summary_env)).strip()
    body_text = html_to_text(body_html)
    word_count = len(_WORD.findall(body_text))
    rendered = Rendered(
        body_html=body_html,
        notes_html=plain_notes,
        summary_html=summary_html,
        summary_text=html_to_text(summary_html),
        toc_html=toc_html(headings),
        headings=tuple(headings),
        footnotes=tuple(
            Footnote(
                label=note.label,
                number=note.number,
                anchor=note.note_id,
                text=note.definition.text,
                source=sources[note.label],
                **_locator(note, sources[note.label]),
            )
            for note in notes
        ),
        text=f"{body_text} {html_to_text(plain_notes)}".strip(),
        word_count=word_count,
        reading_minutes=_reading_minutes(word_count, body_html + plain_notes),
        problems=tuple(problems),
        author_date=author_date,
        _link_notes=link_notes,
        _link_body=partial(_linked_body, body, env, author_date) if author_date else None,
    )
    return rendered.with_source_links(source_url) if source_url else rendered
