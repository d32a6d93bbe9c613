"""HTML for footnote references and the notes section."""

from collections.abc import Callable, Mapping, Sequence

from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from posts.rendering.footnotes import Note
from posts.rendering.headings import NOTES_HEADING_ID

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


def _register_link(url: str | None) -> str:
    if not url:
        return ""
    label = escapeHtml(gettext("Source in the register"))
    return f'<a class="footnote-source" href="{escapeHtml(url)}">{label}</a>'


def _blocks(note: Note) -> list[Token]:
    tokens = note.definition.tokens
    for token in tokens:
        if token.type in ("paragraph_open", "paragraph_close"):
            token.hidden = False
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
    register_url: Callable[[Note], str | None],
    earlier: Mapping[str, Note] | None = None,
) -> str:
    """The ``<section class="footnotes">`` with every note and its links back; ``earlier``
    names, for a note citing a source an earlier note cites, that earlier note."""
    items = []
    earlier = earlier or {}
    for note in notes:
        body = md.renderer.render(_blocks(note), md.options, env)
        links = (
            _same_source(earlier.get(note.label)),
            _register_link(register_url(note)),
            _backlinks(note),
        )
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
