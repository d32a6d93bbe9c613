"""Author-date citations in running text: "(Baarsma, 2025)", "Afonso et al. (2024)".

The grammar is deliberately narrow, so that text in parentheses that is not a citation ("(zie
hieronder)", "(2025)", "(AI)", "(12 maart 2024)") stays plain:

- a parenthetical citation is ``(names, year)``, several separated by ``;``, each optionally
  after "zie", "vgl.", "e.g." and the like, with more years for one author ("Gartner, 2024b,
  2024c") and a page ("p. 12") after the last;
- a narrative citation is ``Name (year)``: one surname or acronym (capitalised particles "Van
  der" before it, "'s" after it), two joined by "en", "and" or "&", or one with "et al.";
- names are capitalised words with lowercase particles ("van der", "de") and, in an
  organisation's name, lowercase joining words ("Ministerie van Binnenlandse Zaken");
- a year is four digits, optionally with a letter ("2024a"), or "z.d."/"n.d.".

A trailing reference list (a "Bronnen", "Literatuur" or "Referenties" heading followed by
entries "Baarsma, B. (2025). Titel. Uitgever.") gives the cited works their titles. When there is
one, a narrative citation counts only when it names one of its entries: the parenthetical form
carries its own evidence, a name before a year does not.

Everything here is pure: it reads and rewrites token streams, and says which source each
citation names (:class:`~posts.rendering.results.CitedSource`), for the register to find.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from posts.rendering.notes import DETACHED_KEY
from posts.rendering.results import AuthorDateCitation, CitedSource
from posts.rendering.tokens import plain_text

AUTHOR_DATE_KEY = "bronpunt_author_date"
"""In the env: the citation's number -> where its link points (or None: no link)."""
ANCHOR_PREFIX = "cite-"
OPEN, CLOSE = "author_date_open", "author_date_close"

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LETTER = r"[^\W\d_]"
_WORD = rf"[{_UPPER}]{_LETTER}*(?:['\u2019-]{_LETTER}+)*"
_PARTICLE = r"(?:van|von|der|den|de|des|del|della|het|ten|ter|te|da|di|du|dos|le|la|op|['\u2019]t)"
_CAPITAL_PARTICLE = r"(?:Van|Von|De|Den|Der|Ten|Ter|Te|Da|Di|Du|Le|La|Op)"
# Lowercase words that join the words of an organisation's name, or two authors' names.
_JOINING = rf"(?:{_PARTICLE}|voor|of|for|the|and|en|und|f\u00fcr|on|in|&)"
_NAME = rf"(?:{_PARTICLE}\s+)*{_WORD}(?:\s+(?:{_JOINING}\s+)*{_WORD}){{0,11}}"
_NAMES = rf"{_NAME}(?:\s*,\s*(?:(?:&|en|and)\s+)?{_NAME}){{0,7}}"
_ET_AL = r"(?:,?\s+(?:et\s+al\.?|e\.\s?a\.))"
_YEAR = r"(?:(?:1[5-9]|20)\d\d[a-z]?(?!\w)|[zn]\.\s?d\.)"
_LOCATOR = (
    r"(?:(?:pp?|blz|pag|par|hfst|ch|chap|sec)\.?\s*|\u00a7\s*)?"
    r"\d+(?:\.\d+)*(?:\s*[-\u2013]\s*\d+(?:\.\d+)*)?"
)
_PREFIX = r"(?:(?:zie(?:\s+ook)?|vgl\.|bijv\.|bv\.|e\.g\.,?|see(?:\s+also)?|cf\.|i\.e\.,?)\s+)"
_PARENTHESIS = re.compile(r"\(([^()]{3,400})\)")
_PART = re.compile(
    rf"\s*{_PREFIX}?(?P<names>{_NAMES})(?P<etal>{_ET_AL})?\s*,\s*"
    rf"(?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)(?P<locator>\s*[,:]\s*{_LOCATOR})?\s*"
)
_YEARS = re.compile(_YEAR)
_NARRATIVE_NAME = rf"(?:{_CAPITAL_PARTICLE}(?:\s+{_PARTICLE})*\s+)?{_WORD}"
_NARRATIVE = re.compile(
    rf"(?<![\w'\u2019&-])(?P<names>{_NARRATIVE_NAME}(?:\s+(?:en|and|&)\s+{_NARRATIVE_NAME})?)"
    rf"(?P<etal>{_ET_AL})?\s+\((?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)"
    rf"(?P<locator>\s*[,:]\s*{_LOCATOR})?\)"
)
# Capitalised words that open a sentence before a year in parentheses without naming anyone.
_NOT_NAMES = frozenset(
    {
        *("in", "op", "tot", "sinds", "vanaf", "na", "voor", "per", "eind", "begin", "medio"),
        *("since", "from", "until", "by", "the", "de", "het", "een", "dit", "dat", "zie", "see"),
    }
)
_POSSESSIVE = re.compile(r"['\u2019]s$")
_SPLIT_TWO = re.compile(r"\s*&\s*|\s+(?:en|and)\s+")
_PERSON = re.compile(rf"(?:{_PARTICLE}\s+)*{_WORD}(?:\s+{_WORD})?")
_LEADING_JOIN = re.compile(r"^(?:&|en|and)\s+")

_REFERENCE_HEADINGS = frozenset(
    {
        *("bronnen", "literatuur", "literatuurlijst", "referenties", "bronvermelding"),
        *("bronnen en literatuur", "geraadpleegde bronnen", "geraadpleegde literatuur"),
        *("bibliografie", "references", "bibliography", "sources", "works cited"),
    }
)
_ENTRY = re.compile(
    rf"(?P<authors>[^()]{{1,300}}?)\s*\(\s*(?P<year>{_YEAR})\s*\)\s*[.,:]?\s*(?P<rest>.*)",
    re.DOTALL,
)
_INITIALS = re.compile(rf"(?:[{_UPPER}]{_LETTER}{{0,2}}\.[\s-]*)+")
_AND_AFTER_INITIAL = re.compile(r"(?<=\.)\s+(?:&|en|and)\s+")
_SENTENCE = re.compile(r"(?<=[^\s.][.?!])\s+(?=\S)")
_BARE_URL = re.compile(r"https?://\S+")
_JOURNAL = re.compile(r"^(?P<name>[^,]+),\s*\d")
# In plain text, where no list marks the entries: "Names (year)." opening a line.
_ENTRY_START = re.compile(
    rf"(?:{_PARTICLE}\s+)*[{_UPPER}][^()]{{0,300}}?\(\s*{_YEAR}\s*\)(?:[.:,]|\s*$)"
)


def starts_entry(line: str) -> bool:
    """Whether a line opens a reference-list entry: names, then the year in parentheses and
    a full stop (prose that cites "Acemoglu (2024) stelt" does not)."""
    return bool(_ENTRY_START.match(line.strip()))


def is_reference_heading(text: str) -> bool:
    """Whether a heading names a reference list ("Bronnen", "Literatuur:", "References")."""
    return " ".join(text.casefold().strip(" :.").split()) in _REFERENCE_HEADINGS


def _loose(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).casefold()
    return "".join(c for c in text if c.isalnum())


def _spaced(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Names:
    """The names of one citation: each a person's surname or an organisation's name."""

    names: tuple[str, ...]
    et_al: bool = False

    @property
    def shortened(self) -> bool:
        """Cited as "First et al.": written so, or three names or more (APA 7)."""
        return self.et_al or len(self.names) > 2

    @property
    def display(self) -> str:
        """The names as the register shows them, the same however they were joined."""
        if self.shortened:
            return f"{self.names[0]} et al."
        return " & ".join(self.names)

    @property
    def key(self) -> tuple[tuple[str, ...], bool]:
        names = self.names[:1] if self.shortened else self.names
        return tuple(_loose(name) for name in names), self.shortened


def _is_person(name: str) -> bool:
    return bool(_PERSON.fullmatch(name)) and not any(
        word.isupper() and len(word) > 1 for word in name.split()
    )


def parse_names(text: str, et_al: bool = False) -> Names:
    """Split the names of a citation: "A, B en C" and "A & B" are people when each looks like
    a surname; anything else ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Sem & Stenersen Prokom AS") is one name as written."""
    chunks = [_LEADING_JOIN.sub("", _spaced(chunk)) for chunk in text.split(",")]
    chunks = [chunk for chunk in chunks if chunk]
    last = _SPLIT_TWO.split(chunks[-1])
    if len(last) == 2 and all(_is_person(piece) for piece in last):
        chunks[-1:] = last
    return Names(tuple(chunks), et_al)


@dataclass(frozen=True)
class Found:
    """A citation recognised in a string: the span that becomes a link, and what it names."""

    start: int
    end: int
    names: Names
    year: str
    locator: str
    narrative: bool


def _year_key(year: str) -> str:
    return "nd" if year[:1] in "zn" else year.lower()


def _each_year(
    match: re.Match, base: int, names: Names, span: tuple[int, int], narrative: bool
) -> list[Found]:
    """One citation per year of ``match``: the first from the start of ``span``, the last up
    to its end (with the page, if any), those between just their year."""
    years = list(_YEARS.finditer(match["years"]))
    at = base + match.start("years")
    locator = _spaced(match["locator"] or "").lstrip(",: ")
    return [
        Found(
            start=span[0] if index == 0 else at + year.start(),
            end=span[1] if index == len(years) - 1 else at + year.end(),
            names=names,
            year=_spaced(year[0]),
            locator=locator if index == len(years) - 1 else "",
            narrative=narrative,
        )
        for index, year in enumerate(years)
    ]


def _parenthetical(text: str) -> list[Found]:
    found: list[Found] = []
    for parenthesis in _PARENTHESIS.finditer(text):
        for part in re.finditer(r"[^;]+", parenthesis[1]):
            match = _PART.fullmatch(part[0])
            if match is None:
                continue
            base = parenthesis.start(1) + part.start()
            names = parse_names(match["names"], bool(match["etal"]))
            last = "locator" if match["locator"] else "years"
            span = (base + match.start("names"), base + match.end(last))
            found += _each_year(match, base, names, span, narrative=False)
    return found


def _narrative(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    found: list[Found] = []
    for match in _NARRATIVE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        written = _spaced(match["names"])
        if written.casefold() in _NOT_NAMES:
            continue
        names = parse_names(_POSSESSIVE.sub("", written), bool(match["etal"]))
        found += _each_year(match, 0, names, match.span(), narrative=True)
    return found


def find_citations(text: str) -> list[Found]:
    """The author-date citations in ``text``, in order; their spans never overlap."""
    if "(" not in text:
        return []
    found = _parenthetical(text)
    found += _narrative(text, [(f.start, f.end) for f in found])
    return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class Entry:
    """One entry of the reference list: "Baarsma, B. (2025). Titel. Uitgever."."""

    creators: tuple[str, ...]  # "Family, Given" for a person, a name as written otherwise
    families: tuple[str, ...]
    year: str
    title: str
    publisher: str
    url: str
    anchor: str = ""

    def source(self) -> CitedSource:
        """What the entry cites; without a publisher its authors stand in, as APA has it."""
        people = [c for c in self.creators if "," in c]
        return CitedSource(
            publisher=self.publisher or Names(self.families).display,
            title=self.title,
            url=self.url,
            creators=self.creators if people or len(self.creators) > 1 else (),
            issued=self.year if self.year[:1].isdigit() else "",
        )


def _creators(authors: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = _AND_AFTER_INITIAL.sub(", ", _spaced(authors).rstrip(" ,"))
    creators: list[list[str]] = []
    for piece in re.split(r"\s*,\s*|\s+&\s+", text):
        piece = _LEADING_JOIN.sub("", piece.strip())
        if not piece or re.fullmatch(r"et\s+al\.?|e\.\s?a\.", piece):
            continue
        if _INITIALS.fullmatch(piece) and creators and len(creators[-1]) == 1:
            creators[-1].append(piece)
        else:
            creators.append([piece.rstrip(".")])
    lines = tuple(", ".join(parts) for parts in creators)
    return lines, tuple(parts[0] for parts in creators)


def parse_entry(text: str, url: str = "") -> Entry | None:
    """A reference-list entry, or None when it does not have the "Names (year)." shape."""
    match = _ENTRY.fullmatch(_spaced(text))
    if match is None:
        return None
    creators, families = _creators(match["authors"])
    if not families or not re.match(rf"[{_UPPER}]|{_PARTICLE}\s", families[0]):
        return None
    rest = match["rest"]
    url = url or next(iter(_BARE_URL.findall(rest)), "").rstrip(".,;)")
    sentences = [s.strip() for s in _SENTENCE.split(_BARE_URL.sub("", rest)) if s.strip()]
    title = sentences[0].rstrip(".") if sentences else ""
    publisher = ""
    if len(sentences) > 1:
        second = sentences[1].rstrip(".")
        journal = _JOURNAL.match(second)
        publisher = journal["name"] if journal else second
    if not title:
        return None
    return Entry(creators, families, _spaced(match["year"]), title, publisher.strip(), url)


def _matches(names: Names, year: str, entry: Entry) -> bool:
    if _year_key(year) != _year_key(entry.year):
        return False
    cited = [_loose(name) for name in names.names]
    listed = [_loose(name) for name in entry.families]
    if names.shortened:
        return len(listed) >= 2 and listed[0] == cited[0]
    return cited == listed or "".join(cited) == "".join(listed)


def match_entry(names: Names, year: str, entries: Sequence[Entry]) -> Entry | None:
    """The entry a citation names: the same names and year; else the only entry of that
    year whose first author is the citation's first."""
    exact = [entry for entry in entries if _matches(names, year, entry)]
    if exact:
        return exact[0]
    first = _loose(names.names[0])
    loose = [
        entry
        for entry in entries
        if _year_key(entry.year) == _year_key(year) and _loose(entry.families[0]) == first
    ]
    return loose[0] if len(loose) == 1 else None


def placeholder_source(names: Names, year: str) -> CitedSource:
    """The source a citation names when no reference list says more: "Baarsma (2025)"."""
    display = names.display
    return CitedSource(
        publisher=display,
        title=f"{display} ({year})",
        url="",
        creators=names.names if len(names.names) > 1 else (),
        issued=year[:4] if year[:1].isdigit() else "",
    )


@dataclass
class ReferenceList:
    """The trailing reference list: its entries, and the inline tokens it is made of."""

    entries: list[Entry] = field(default_factory=list)
    inlines: set[int] = field(default_factory=set)


def _entry_blocks(tokens: list[Token], start: int, end: int) -> list[tuple[Token, Token]]:
    """(block opener, inline) for each entry: list items, or paragraphs outside lists."""
    blocks: list[tuple[Token, Token]] = []
    depth = 0
    for index in range(start, end):
        token = tokens[index]
        if token.type == "list_item_open":
            depth += 1
            if depth == 1 and index + 2 < end and tokens[index + 2].type == "inline":
                blocks.append((token, tokens[index + 2]))
        elif token.type == "list_item_close":
            depth -= 1
        elif (
            token.type == "paragraph_open"
            and depth == 0
            and index + 1 < end
            and tokens[index + 1].type == "inline"
        ):
            blocks.append((token, tokens[index + 1]))
    return blocks


def _link_href(children: Sequence[Token] | None) -> str:
    link = next((c for c in children or () if c.type == "link_open"), None)
    return str(link.attrGet("href") or "") if link else ""


def reference_list(tokens: list[Token]) -> ReferenceList:
    """The last reference-list heading's section, up to the next heading of its level or
    above; its entries get ids (``cite-ref-N``) for citations to point at."""
    found = ReferenceList()
    headings = [
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
        and index + 1 < len(tokens)
        and is_reference_heading(plain_text(tokens[index + 1].children))
    ]
    if not headings:
        return found
    start = headings[-1]
    level = tokens[start].tag
    end = next(
        (
            index
            for index in range(start + 3, len(tokens))
            if tokens[index].type == "heading_open" and tokens[index].tag <= level
        ),
        len(tokens),
    )
    for opener, inline in _entry_blocks(tokens, start + 3, end):
        entry = parse_entry(plain_text(inline.children), _link_href(inline.children))
        if entry is None:
            continue
        anchor = f"{ANCHOR_PREFIX}ref-{len(found.entries) + 1}"
        opener.attrSet("id", anchor)
        found.entries.append(_with_anchor(entry, anchor))
        found.inlines.add(id(inline))
    return found


def _with_anchor(entry: Entry, anchor: str) -> Entry:
    return Entry(
        entry.creators, entry.families, entry.year, entry.title, entry.publisher, entry.url, anchor
    )


_RUN_TYPES = frozenset({"text", "softbreak"})


def _runs(children: list[Token]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text and soft line breaks outside links."""
    runs: list[tuple[int, int]] = []
    depth, start = 0, None
    for index, child in enumerate([*children, Token("end", "", 0)]):
        if child.type in _RUN_TYPES and depth == 0:
            start = index if start is None else start
            continue
        if start is not None:
            runs.append((start, index))
            start = None
        depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
    return runs


class _Citations:
    """Numbers the citations of one body and rewrites its inline tokens around them."""

    def __init__(self, references: ReferenceList, taken_labels: set[str]) -> None:
        self.references = references
        self.taken = taken_labels
        self.citations: list[AuthorDateCitation] = []
        self.targets: dict[int, str | None] = {}
        self.sources: dict[tuple, CitedSource] = {}

    def _source(self, found: Found) -> tuple[CitedSource, Entry | None] | None:
        entries = self.references.entries
        entry = match_entry(found.names, found.year, entries) if entries else None
        if found.narrative and entries and entry is None:
            return None
        key = ("entry", entry.anchor) if entry else (found.names.key, _year_key(found.year))
        if key not in self.sources:
            source = entry.source() if entry else placeholder_source(found.names, found.year)
            self.sources[key] = source
        return self.sources[key], entry

    def _label(self) -> str:
        """``cite-N``, unless a footnote already has that label."""
        base = label = f"{ANCHOR_PREFIX}{len(self.citations) + 1}"
        n = 2
        while label in self.taken:
            label, n = f"{base}-{n}", n + 1
        return label

    def _add(self, found: Found, written: str) -> int | None:
        named = self._source(found)
        if named is None:
            return None
        source, entry = named
        label = self._label()
        number = len(self.citations) + 1
        self.citations.append(
            AuthorDateCitation(
                label=label,
                number=number,
                anchor=label,
                text=_spaced(written),
                locator=found.locator,
                source=source,
            )
        )
        self.targets[number] = f"#{entry.anchor}" if entry else None
        return number

    def rewrite(self, children: list[Token]) -> list[Token]:
        if not any(child.type == "text" and "(" in child.content for child in children):
            return children
        out: list[Token] = []
        done = 0
        for start, end in _runs(children):
            out.extend(children[done:start])
            out.extend(self._rewrite_run(children[start:end]))
            done = end
        out.extend(children[done:])
        return out

    def _rewrite_run(self, run: list[Token]) -> list[Token]:
        text = "".join("\n" if t.type == "softbreak" else t.content for t in run)
        found = find_citations(text)
        if not found:
            return run
        marks: dict[int, list[Token]] = {}
        for item in found:
            number = self._add(item, text[item.start : item.end])
            if number is None:
                continue
            opener, closer = Token(OPEN, "", 1), Token(CLOSE, "", -1)
            opener.meta = closer.meta = {"number": number, "anchor": self.citations[-1].anchor}
            marks.setdefault(item.start, []).append(opener)
            marks.setdefault(item.end, []).insert(0, closer)
        return _split_run(run, marks) if marks else run


def _split_run(run: list[Token], marks: dict[int, list[Token]]) -> list[Token]:
    """The run's tokens cut at the marked offsets, the marks inserted there."""
    out: list[Token] = []
    position = 0
    for token in run:
        length = 1 if token.type == "softbreak" else len(token.content)
        cuts = sorted(at for at in marks if position <= at < position + length)
        if token.type == "softbreak" or not cuts:
            for at in cuts:
                out.extend(marks[at])
            out.append(token)
        else:
            last = position
            for at in cuts:
                if at > last:
                    out.append(_text_like(token, token.content[last - position : at - position]))
                out.extend(marks[at])
                last = at
            if last < position + length:
                out.append(_text_like(token, token.content[last - position :]))
        position += length
    out.extend(marks.get(position, []))
    return out


def _text_like(token: Token, content: str) -> Token:
    piece = Token("text", "", 0, content=content)
    piece.level = token.level
    return piece


def mark_citations(
    tokens: list[Token], references: ReferenceList, taken_labels: set[str]
) -> tuple[list[AuthorDateCitation], dict[int, str | None]]:
    """Wraps each citation in the body's inline tokens in an ``author_date`` pair; returns the
    citations in order and, by number, where each links without the register (its entry in
    the reference list, or nowhere)."""
    citations = _Citations(references, taken_labels)
    for token in tokens:
        if token.type == "inline" and token.children and id(token) not in references.inlines:
            token.children = citations.rewrite(token.children)
    return citations.citations, citations.targets


def _cite_target(tokens: Sequence[Token], idx: int, env: EnvType) -> str | None:
    return env.get(AUTHOR_DATE_KEY, {}).get(tokens[idx].meta.get("number"))


def render_author_date_open(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it render rule: the citation's link (or span) with its anchor; nothing when
    detached (a summary, a feed's excerpt)."""
    if env.get(DETACHED_KEY) or AUTHOR_DATE_KEY not in env:
        return ""
    href = _cite_target(tokens, idx, env)
    anchor = escapeHtml(str(tokens[idx].meta.get("anchor", "")))
    if href:
        return f'<a class="cite" id="{anchor}" href="{escapeHtml(href)}">'
    return f'<span class="cite" id="{anchor}">'


def render_author_date_close(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if env.get(DETACHED_KEY) or AUTHOR_DATE_KEY not in env:
        return ""
    return "</a>" if _cite_target(tokens, idx, env) else "</span>"
