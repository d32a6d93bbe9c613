"""Where in a source a note points: "p. 12", "pp. 3-5", "§ 3.2", "hoofdstuk 4", "00:14:05".

A locator is the note's words after the source (``[^3]: **CBS** - [Titel](url), p. 12``); it
is kept as written for the reader, and as a CSL label and value for reference managers.
"""

import re

# The terms writers use, in Dutch and English, and the CSL locator label each stands for.
_TERMS = {
    "page": r"pp?\.|blz\.|bl\.|pag\.|pagina'?s?|pages?",
    "section": r"§+|sec\.|section|afd\.|afdeling",
    "paragraph": r"par\.|para\.|paragraaf|paragraph|alinea",
    "chapter": r"hfst\.|h\.|hoofdstuk|ch\.|chap\.|chapter",
    "article-locator": r"art\.|artikel|article",
    "figure": r"fig\.|figuur|figure",
    "table": r"tab\.|tabel|table",
}
_NUMBER = r"[0-9IVXLCivxlc]+[a-z]?(?:\.[0-9]+)*(?:\s*[-\u2013]\s*[0-9IVXLCivxlc]+(?:\.[0-9]+)*)?"
_TERMED = re.compile(
    r"(?:^|[\s,;:(])(?P<term>"
    + "|".join(f"(?P<{key.replace('-', '_')}>{pattern})" for key, pattern in _TERMS.items())
    + r")\s*(?P<value>"
    + _NUMBER
    + r")\s*\)?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"(?:^|[\s,;:(])(?P<value>\d{1,2}:\d{2}(?::\d{2})?)\s*\)?\s*[.;]?\s*$")


def find_locator(text: str) -> tuple[str, str, str]:
    """The locator at the end of ``text``: (CSL label, value, the words as written), or
    three empty strings when the text ends without one."""
    text = text.strip()
    match = _TERMED.search(text)
    if match:
        label = next(key for key in _TERMS if match[key.replace("-", "_")])
        written = text[match.start("term") :].rstrip(" .;)")
        return label, re.sub(r"\s+", "", match["value"]).replace("\u2013", "-"), written
    match = _TIMESTAMP.search(text)
    if match:
        return "timestamp", match["value"], match["value"]
    return "", "", ""
