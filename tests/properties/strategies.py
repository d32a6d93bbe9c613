"""Hypothesis strategies for hostile article bodies and import files."""

import datetime as dt
from dataclasses import dataclass

import yaml
from hypothesis import strategies as st

# Any code point, lone surrogates included: a str can hold them even though UTF-8 cannot.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
# Pieces of Markdown syntax, so that random text often means something to the parser.
SYNTAX = (
    *("\n", "\n\n", "\r\n", "\r", "\t", "    ", "\x00", "\x0b", "\x1f", "\ufeff", "\u202e"),
    *("# ", "## ", "### ", "> ", "- ", "* ", "1. ", "2) ", "---", "***", "| a | b |", "|---|:-:|"),
    *("**", "*", "_", "__", "~~", "`", "```", "~~~", "```python", "\\"),
    *("&amp;", "&#0;", "&#x110000;", "&nbsp", "&unknown;"),
    *("[", "]", "(", ")", "![", "[x](https://example.org/)", "[x](javascript:alert(1))"),
    *("![i](/media/a.png)", "![i](https://example.org/a.png)", "<https://example.org>"),
    *("[^", "[^1]", "[^a]", "[^1]: ", "[^a]: ", "[^]", "[^ ]", "[^1]:\n", "www.example.org"),
    *(":::", ":::warning", ":::note Titel", ":::tip[Let op]", "::::danger", ":::unknown"),
    *("<div>", "</div>", "<script>alert(1)</script>", "<style>", "<!--", "-->", "<p", "</p>"),
    *("<!--truncate-->", "{/* truncate */}", "<img src=x onerror=alert(1)>", "<em>", "</b>"),
    *("<table>", "<td>", "</table>", "<details open>"),
)

markdown_text = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.text(ANY_CHARACTER, max_size=12)), max_size=60
).map("".join)
"""Random text seasoned with Markdown, HTML and Docusaurus syntax."""

# Labels that collide: the same after slugging, unicode, dots and dashes.
LABELS = ("1", "2", "10", "a", "B", "x.y", "x-y", "1-2", "Ünï", "fn", "note", "bron_a")


@dataclass(frozen=True)
class FootnoteBody:
    """A body with known references and definitions, to check the pipeline against."""

    text: str
    body_refs: tuple[str, ...]
    definitions: tuple[tuple[str, tuple[str, ...]], ...]  # as written: label, its references


def _sentence(refs: list[str]) -> str:
    return " ".join(f"Zin {n}.[^{label}]" for n, label in enumerate(refs)) or "Zin zonder noot."


@st.composite
def footnote_bodies(draw: st.DrawFn, labels: tuple[str, ...] = LABELS) -> FootnoteBody:
    """Paragraphs citing labels, and definitions (some missing, some twice, some unused),
    each possibly citing others; definitions stand between or after the paragraphs."""
    label = st.sampled_from(labels)
    paragraphs = draw(st.lists(st.lists(label, max_size=4), max_size=6))
    definitions = draw(
        st.lists(st.tuples(label, st.lists(label, max_size=2).map(tuple)), max_size=10)
    )
    blocks: list[tuple[str, tuple[str, ...]] | None] = [None] * len(paragraphs)
    for definition in definitions:
        blocks.insert(draw(st.integers(0, len(blocks))), definition)
    texts, paragraph = [], iter(paragraphs)
    for block in blocks:
        if block is None:
            texts.append(_sentence(next(paragraph)))
        else:
            texts.append(f"[^{block[0]}]: Noot over {block[0]}. {_sentence(list(block[1]))}")
    return FootnoteBody(
        text="\n\n".join(texts),
        body_refs=tuple(ref for refs in paragraphs for ref in refs),
        definitions=tuple(block for block in blocks if block is not None),
    )


def nested_containers(depth: int, markers: str) -> str:
    """``depth`` levels of lists and blockquotes, cycling through ``markers`` ('-', '>', '1')."""
    lines, indent = [], ""
    for level in range(depth):
        marker = {"-": "- ", ">": "> ", "1": "1. "}[markers[level % len(markers)]]
        lines.append(f"{indent}{marker}niveau {level}")
        indent += " " * len(marker) if marker != "> " else "> "
    return "\n".join(lines)


@st.composite
def admonitions(draw: st.DrawFn) -> str:
    """Admonitions nested in each other and in lists, some never closed."""
    kinds = st.sampled_from(["note", "tip", "warning", "danger", "secondary", "bogus", ""])
    depth = draw(st.integers(1, 30))
    opened = [":" * (3 + depth - level) + draw(kinds) for level in range(depth)]
    closed = [":" * (3 + level) for level in range(draw(st.integers(0, depth)))]
    filler = draw(st.lists(st.sampled_from(SYNTAX), max_size=6).map("".join))
    return "\n".join([*opened, filler, *closed])


@st.composite
def tables(draw: st.DrawFn) -> str:
    """GFM tables with ragged rows, odd alignments and cells holding anything."""
    columns = draw(st.integers(1, 8))
    align = draw(st.lists(st.sampled_from(["---", ":--", "--:", ":-:", "-"]), min_size=columns))
    cell = st.one_of(st.sampled_from(["", "[^1]", "`|`", "\\|", "**x", "<td>"]), markdown_text)
    rows = draw(st.lists(st.lists(cell, max_size=columns + 2), max_size=8))
    lines = ["| " + " | ".join(f"k{n}" for n in range(columns)) + " |", "|" + "|".join(align)]
    lines += ["| " + " | ".join(c.replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n\n[^1]: noot", "\n```"]))


unterminated_fences = st.builds(
    lambda fence, info, body: f"{fence}{info}\n{body}",
    st.sampled_from(["```", "~~~", "````", "    ```"]),
    st.sampled_from(["", "python", "html", "{.x}", "`x`"]),
    markdown_text,
)

# Front matter -----------------------------------------------------------------------------

KEYS = (
    *("slug", "title", "authors", "author", "tags", "date", "description", "image"),
    *("keywords", "draft", "unlisted", "hide_table_of_contents", "series", "series_position"),
    *("author_title", "author_url", "authorImageURL", "label", "name", "key", "permalink"),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["", " ", "/", "https://example.org/x", "javascript:x", "2021-13-45"]),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(1_000, 200_000)),
)
yaml_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter_values = st.dictionaries(
    st.sampled_from(KEYS) | st.text(max_size=10), yaml_values, max_size=8
)
"""Front matter of any shape: known keys with values of every type, and unknown keys."""


def dump_yaml(values: dict) -> str:
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10**9)


raw_front_matter = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *("title: x", "tags: [a, b", "- x", "? [a]", ": y", "&a x", "*a", "!!binary x"),
                *("!!python/object:os.system ls", "<<: *a", "key: 'open", 'k: "\\x"', "%YAML 9"),
                *("  indented: 1", "\t: tab", "...", "slug: /", "date: 2021-02-30"),
            ]
        ),
        st.text(max_size=20),
    ),
    max_size=12,
).map("\n".join)
"""Line by line YAML that is often invalid, with tags, anchors and directives."""


def alias_bomb(depth: int = 9, width: int = 9, key: str = "title") -> str:
    """'Billion laughs': each anchor lists the previous one ``width`` times."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, depth)]
    return "\n".join([*lines, f"{key}: *a{depth - 1}"])
