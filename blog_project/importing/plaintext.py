"""Plain text copied from elsewhere (a PDF, a web page, a mail), as Markdown.

Every word of the input is kept, in order. The first line is the title; blank-line
paragraphs stay paragraphs; hard-wrapped lines are joined; bullets (``•`` and friends)
become lists; short title-like lines followed by a paragraph become ``##`` headings.
Markdown syntax characters in the text are escaped, so the text shows as written. A
trailing reference list ("Literatuur" followed by entries "Baarsma, B. (2025). Titel.") becomes
a heading and a list, one item per entry; author-date citations in the text ("(Baarsma, 2025)")
pass through as written, for the pipeline to recognise.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from posts.rendering.authordate import is_reference_heading, starts_entry

TITLE_LIMIT = 300
_WRAP_LIMIT = 110
_SHORT = 0.8
_HEADING_CHARS = 90
_HEADING_WORDS = 14

_DROPPED = dict.fromkeys(map(ord, "\ufffd\u200b\u200c\u200d\u2060\ufeff"))
_BULLET = re.compile(r"^(\s*)(?:[•●▪◦‣∙·]\s*|[*+-]\s+|[*+-]$)(\S.*)?$")
_NUMBER = re.compile(r"^(\s*)(\d{1,3})([.)])\s+(\S.*)$")
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_])")
_URL = re.compile(r"(https?://\S+)")
_URL_LINE = re.compile(r"^\s*https?://\S+$")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_ENDS_WITH_SMALL_WORD = re.compile(r"(?:^|\s)[a-z\u00e0-\u00ff]{1,3}$")
_NUMBERING = re.compile(r"^\d+[.)]\s+")
_SENTENCE_ENDS = frozenset(".!?:;\"'\u201d\u2019")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NUMBERED_START = re.compile(r"^\d+(?=[.)](?:\s|$))")
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-Z]")
_OPENS_SENTENCE = re.compile("^[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00dd]")


@dataclass(frozen=True)
class PlainText:
    """The title line(s) and the rest as a Markdown body."""

    title: str
    body: str


@dataclass
class _Unit:
    kind: str
    text: str
    indent: int = 0
    marker: str = ""
    extra: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        if self.text.endswith("-") and self.text[-2:-1].isalpha() and line[:1].islower():
            self.text += line
        else:
            self.text = f"{self.text} {line}" if self.text else line


def to_markdown(text: str) -> PlainText:
    """Converts plain text; the title is left out of the body."""
    lines = [_clean(line) for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    title, lines = _title(lines)
    before, references, after = _split_references(lines)
    units = [*_units(before), *references, *_units(after)]
    if len(title) > TITLE_LIMIT:
        units.insert(0, _Unit("text", title))
        title = _shorten(title)
    return PlainText(title, _render(_mark_headings(_continue_numbering(units))))


def _units(lines: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            units.extend(_block_units(block))
            block = []
    return units


def _entry_text(line: str) -> str:
    """The line without a bullet or number before it."""
    marker = _marker(line)
    return marker.text if marker and marker.kind in ("bullet", "number") else line.strip()


def _split_references(lines: list[str]) -> tuple[list[str], list[_Unit], list[str]]:
    """The lines before the last reference-list heading, that heading and its entries as
    units, and the lines after the list.

    The first line after the heading must open an entry; each line that opens one starts the
    next item, other lines continue it, and a line that opens none after a blank line ends
    the list.
    """
    for at in range(len(lines) - 1, -1, -1):
        following = next((line for line in lines[at + 1 :] if line.strip()), "")
        if is_reference_heading(lines[at]) and starts_entry(_entry_text(following)):
            break
    else:
        return lines, [], []
    units = [_Unit("heading", lines[at].strip())]
    blank = False
    for index in range(at + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            blank = True
            continue
        text = _entry_text(line)
        if starts_entry(text):
            units.append(_Unit("bullet", text, 0, "-"))
        elif blank:
            return lines[:at], units, lines[index:]
        else:
            units[-1].add(line.strip())
        blank = False
    return lines[:at], units, []


def _clean(line: str) -> str:
    line = line.translate(_DROPPED)
    line = "".join(
        " " if unicodedata.category(c) == "Zs" or c == "\t" else c
        for c in line
        if c == "\t" or unicodedata.category(c) != "Cc"
    )
    return line.rstrip()


def _title(lines: list[str]) -> tuple[str, list[str]]:
    if not lines:
        return "", []
    title = _Unit("text", lines[0].strip())
    used = 1
    while (
        used < len(lines)
        and lines[used].strip()[:1].islower()
        and len(title.text) + len(lines[used]) < TITLE_LIMIT
    ):
        title.add(lines[used].strip())
        used += 1
    return " ".join(title.text.split()), lines[used:]


def _shorten(title: str) -> str:
    cut = title[:100].rsplit(" ", 1)[0]
    return f"{cut}…"


def _marker(line: str) -> _Unit | None:
    if match := _NUMBER.match(line):
        return _Unit("number", match[4], len(match[1]), match[2] + match[3])
    if match := _BULLET.match(line):
        if match[2] is None:
            return _Unit("empty", "")
        return _Unit("bullet", match[2], len(match[1]), "-")
    return None


def _block_units(block: list[str]) -> list[_Unit]:
    markers = [_marker(line) for line in block]
    for index, marker in enumerate(markers):
        if marker and marker.kind == "number" and not marker.indent:
            neighbours = markers[max(index - 1, 0) : index] + markers[index + 1 : index + 2]
            if not any(neighbours):
                markers[index] = None
    text_lines = [line.strip() for line in block if not _URL_LINE.match(line)]
    longest = max(map(len, text_lines), default=0)
    if len(block) > 1 and longest <= _WRAP_LIMIT:
        return _wrapped_units(block, markers, longest)
    return _line_units(block, markers)


def _line_units(block: list[str], markers: list[_Unit | None]) -> list[_Unit]:
    """One paragraph per line (soft-wrapped text); indented lines continue a list item."""
    units: list[_Unit] = []
    item: _Unit | None = None
    for line, marker in zip(block, markers, strict=True):
        if marker:
            item = marker if marker.kind != "empty" else None
            units.extend([item] if item else [])
        elif item and len(line) - len(line.lstrip()) > item.indent:
            item.extra.append(line.strip())
        else:
            item = None
            units.append(_Unit("text", line.strip()))
    return units


def _wrapped_units(block: list[str], markers: list[_Unit | None], longest: int) -> list[_Unit]:
    """Hard-wrapped text: lines join up to the end of a paragraph or list item."""
    units: list[_Unit] = []
    current: _Unit | None = None
    for index, (line, marker) in enumerate(zip(block, markers, strict=True)):
        stripped = line.strip()
        if marker:
            current = marker if marker.kind != "empty" else None
            units.extend([current] if current else [])
        elif _URL_LINE.match(stripped):
            units.append(_Unit("text", stripped))
            current = None
        elif current is None or _breaks(current, block[index - 1].strip(), stripped, longest):
            current = _Unit("text", stripped)
            units.append(current)
        else:
            current.add(stripped)
    return units


def _breaks(current: _Unit, previous: str, line: str, longest: int) -> bool:
    """Whether ``line`` opens a new paragraph rather than continuing a wrapped one.

    It does when the line before stopped well short of the wrap width (and not on a small
    word such as "de" or "een") and this line opens a sentence, after a sentence end or
    after a title-like line.
    """
    return (
        len(previous) < _SHORT * longest
        and not _ENDS_WITH_SMALL_WORD.search(previous)
        and bool(_OPENS_SENTENCE.match(line))
        and (
            previous[-1:] in _SENTENCE_ENDS
            or (current.kind == "text" and _title_like(current.text))
        )
    )


def _title_like(text: str) -> bool:
    """Short, starts like a title, ends without a full stop, and is a single phrase."""
    return (
        0 < len(text) <= _HEADING_CHARS
        and len(text.split()) <= _HEADING_WORDS
        and (text[-1].isalnum() or text[-1] in "?)")
        and (text[0].isupper() or text[0].isdigit())
        and bool(_LONG_WORD.search(text))
        and not _TWO_SENTENCES.search(_NUMBERING.sub("", text))
    )


def _continue_numbering(units: list[_Unit]) -> list[_Unit]:
    """A paragraph "N. ..." right after list item N-1 is the next item of that list."""
    for index in range(1, len(units)):
        previous, unit = units[index - 1], units[index]
        match = _NUMBER.match(unit.text) if unit.kind == "text" else None
        if match and previous.kind == "number" and int(match[2]) == int(previous.marker[:-1]) + 1:
            units[index] = _Unit("number", match[4], previous.indent, match[2] + match[3])
    return units


def _mark_headings(units: list[_Unit]) -> list[_Unit]:
    """Title-like lines become headings when a paragraph, list or heading follows."""
    following: _Unit | None = None
    for unit in reversed(units):
        if (
            following is not None
            and unit.kind == "text"
            and _title_like(unit.text)
            and (following.kind != "text" or not _title_like(following.text))
        ):
            unit.kind = "heading"
        following = unit
    return units


def _render(units: list[_Unit]) -> str:
    blocks: list[str] = []
    items: list[str] = []
    for index, unit in enumerate(units):
        if unit.kind in ("bullet", "number"):
            items.append(_item(unit))
            following = units[index + 1] if index + 1 < len(units) else None
            if following is None or following.kind != unit.kind:
                blocks.append("\n".join(items))
                items = []
        elif unit.kind == "heading":
            blocks.append(f"## {_escape_heading(unit.text)}")
        else:
            blocks.append(_escape(unit.text))
    return "\n\n".join(blocks)


def _item(unit: _Unit) -> str:
    prefix = f"{unit.marker} "
    parts = [prefix + _escape(unit.text)]
    parts.extend("\n" + " " * len(prefix) + _escape(extra) for extra in unit.extra)
    return "\n".join(parts)


def _escape_inline(text: str) -> str:
    """Escapes what Markdown would read as markup; web addresses are left as they are."""
    parts = _URL.split(text)
    for index in range(0, len(parts), 2):
        part = _INLINE_SPECIAL.sub(lambda match: "\\" + match[0], parts[index])
        parts[index] = _ENTITY.sub(r"\\&", part).replace("~~", r"\~\~")
    return "".join(parts)


def _escape(text: str) -> str:
    """Plain text as one Markdown paragraph that shows exactly this text."""
    text = _escape_inline(text)
    if match := _NUMBERED_START.match(text):
        return f"{text[: match.end()]}\\{text[match.end() :]}"
    return f"\\{text}" if text[:1] in "#>-+=|:" else text


def _escape_heading(text: str) -> str:
    text = _escape_inline(text)
    return text[:-1] + "\\#" if text.endswith("#") else text
