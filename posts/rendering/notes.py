"""HTML for footnote references and the notes section."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from posts.rendering.footnotes import Note
from posts.rendering.headings import NOTES_HEADING_ID
from posts.rendering.results import SourceLink

NOTES_KEY = "bronpunt_notes"
DETACHED_KEY = "bronpunt_detached"
"""Set in the env when rendering outside the article: no note references, no heading ids."""
_BACKLINK = "\u21a9\ufe0e"


def render_footnote_ref(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it render rule: a numbered, named link to the note; nothing when detached."""
    token = tokens[idx]
    note = env.get(NOTES_KEY, {}).get(token.meta.get("label"))
    if env.get(DETACHED_KEY) or note is None:
        return ""
    name = escapeHtml(gettext("Note %(number)s") % {"number": note.number})
    ref_id = note.ref_id(token.meta.get("occurrence", 1))
    return (
        f'<sup class="footnote-ref"><a href="#{note.note_id}" id="{ref_id}" '
        f'aria-label="{name}">{note.number}</a></sup>'
    )


def _backlinks(note: Note) -> str:
    total = len(note.refs)
    links = []
    for occurrence in range(1, total + 1):
        if total == 1:
            name = gettext("Back to reference %(number)s") % {"number": note.number}
            mark = _BACKLINK
        else:
            name = gettext("Back to reference %(number)s (%(occurrence)s of %(total)s)") % {
                "number": note.number,
                "occurrence": occurrence,
                "total": total,
            }
            mark = _BACKLINK if occurrence == 1 else f"{_BACKLINK}<sup>{occurrence}</sup>"
        links.append(
            f'<a href="#{note.ref_id(occurrence)}" class="footnote-backref" '
            f'aria-label="{escapeHtml(name)}">{mark}</a>'
        )
    return " ".join(links)


@dataclass(frozen=True)
class NoteSource:
    """A note's registered source: what the register says of it, and the address the note
    cites (its first link)."""

    link: SourceLink
    cited_url: str


def _register_links(source: NoteSource | None) -> str:
    """The notice of an unreachable link (to its archived copy) and the link to the register."""
    if source is None or not source.link.url:
        return ""
    link = source.link
    parts = []
    if link.unreachable and link.archive_url:
        label = escapeHtml(gettext("link no longer reachable; archived copy"))
        parts.append(
            f'<a class="footnote-archive" href="{escapeHtml(link.archive_url)}">{label}</a>'
        )
    elif link.unreachable:
        label = escapeHtml(gettext("link no longer reachable"))
        parts.append(f'<span class="footnote-archive">{label}</span>')
    label = escapeHtml(gettext("Source in the register"))
    parts.append(f'<a class="footnote-source" href="{escapeHtml(link.url)}">{label}</a>')
    return " ".join(parts)


def _with_version(tokens: list[Token], href: str, link: SourceLink) -> list[Token]:
    """``tokens`` with the first link to ``href`` carrying Robust Links markup (its dated
    copy), as copies: the parsed note is rendered again later, without it."""
    version = {"data-versionurl": link.archive_url}
    if link.archive_date:
        version["data-versiondate"] = link.archive_date
    for i, token in enumerate(tokens):
        for j, child in enumerate(token.children or ()):
            if child.type == "link_open" and child.attrGet("href") == href:
                children = list(token.children or ())
                children[j] = child.copy(attrs={**child.attrs, **version})
                return [*tokens[:i], token.copy(children=children), *tokens[i + 1 :]]
    return tokens


def _blocks(note: Note, source: NoteSource | None) -> list[Token]:
    tokens = note.definition.tokens
    for token in tokens:
        if token.type in ("paragraph_open", "paragraph_close"):
            token.hidden = False
    if source is not None and source.link.archive_url and source.cited_url:
        return _with_version(tokens, source.cited_url, source.link)
    return tokens


def _same_source(earlier: Note | None) -> str:
    """ "zelfde bron als noot 3": the note cites what an earlier note cites."""
    if earlier is None:
        return ""
    name = escapeHtml(gettext("note %(number)s") % {"number": earlier.number})
    link = f'<a href="#{earlier.note_id}">{name}</a>'
    text = escapeHtml(gettext("same source as %(note)s")).replace("%(note)s", link)
    return f'<span class="same-source">({text})</span>'


def notes_section(
    md: MarkdownIt,
    notes: Sequence[Note],
    env: EnvType,
    heading_html: str,
    register_source: Callable[[Note], NoteSource | None],
    earlier: Mapping[str, Note] | None = None,
) -> str:
    """The ``<section class="footnotes">`` with every note, its source in the register (and
    the health of its link) and its links back; ``earlier`` names, for a note citing a source
    an earlier note cites, that earlier note."""
    items = []
    earlier = earlier or {}
    for note in notes:
        source = register_source(note)
        body = md.renderer.render(_blocks(note, source), md.options, env)
        links = (_same_source(earlier.get(note.label)), _register_links(source), _backlinks(note))
        extras = " ".join(link for link in links if link)
        if extras and body.endswith("</p>\n"):
            body = f"{body[: -len('</p>\n')]} {extras}</p>\n"
        elif extras:
            body = f"{body}<p>{extras}</p>\n"
        items.append(f'<li id="{note.note_id}">\n{body}</li>\n')
    return (
        f'<section class="footnotes" aria-labelledby="{NOTES_HEADING_ID}">\n'
        f'<h2 id="{NOTES_HEADING_ID}">{heading_html}</h2>\n'
        f"<ol>\n{''.join(items)}</ol>\n</section>\n"
    )
