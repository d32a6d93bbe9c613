"""The checker flags every kind of executable markup, so the corpus test cannot pass vacuously."""

import pytest

from tests.security.html_safety import css_text, fragment_dangers, page_dangers, url_scheme

# Each: markup a browser would run, and a word the checker's finding must contain.
DANGEROUS = [
    ("<script>alert(1)</script>", "script"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "script"),
    ('<script src="/static/../evil.js">alert(1)</script>', "script"),
    ('<script type="text/javascript">alert(1)</script>', "script"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ("<p ONCLICK=alert(1)>x</p>", "onclick"),
    ('<a href="x" title=""onmouseover="alert(1)">x</a>', "onmouseover"),
    ("<svg onload=alert(1)>", "svg"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "math"),
    ("<body onload=alert(1)>", "onload"),
    ('<iframe src="https://x.example/"></iframe>', "iframe"),
    ('<object data="x.swf"></object>', "object"),
    ('<embed src="x.swf">', "embed"),
    ("<style>@import 'x.css';</style>", "style"),
    ('<meta http-equiv="refresh" content="0;url=https://x.example/">', "http-equiv"),
    ('<base href="https://x.example/">', "base"),
    ('<form action="/search/"><button>x</button></form>', "form"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript"),
    ('<a href="jav&#x0A;ascript:alert(1)">x</a>', "javascript"),
    ('<a href=" &#14;javascript:alert(1)">x</a>', "javascript"),
    ('<a href="&#x6A;avascript:alert(1)">x</a>', "javascript"),
    ('<a href="&#0000106&#0000097&#0000118&#0000097script:alert(1)">x</a>', "javascript"),
    ('<a href="javascript&colon;alert(1)">x</a>', "javascript"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data"),
    ('<img src="data:text/html,x">', "data"),
    ('<img srcset="javascript:alert(1) 1x">', "srcset"),
    ('<img src="x.png" srcset="y.png 1x, javascript:alert(1) 2x">', "srcset"),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', "formaction"),
    ('<video poster="javascript:alert(1)"></video>', "poster"),
    ('<table background="javascript:alert(1)"></table>', "background"),
    ('<div style="width: expression(alert(1))">x</div>', "style"),
    ('<div style="width: e\\78 pression(alert(1))">x</div>', "style"),
    ('<div style="background:url( javascript:alert(1))">x</div>', "style"),
    ("<div style=\"background:url('JAVASCRIPT:alert(1)')\">x</div>", "style"),
]

SAFE_FRAGMENT = (
    '<p><a href="https://example.org/" rel="noopener noreferrer">link</a> '
    '<a href="/blog/x/">intern</a> <a href="mailto:a@example.org">mail</a> '
    '<a href="#fn-1">1</a></p>'
    '<p><img src="/media/x.png" alt="x"> <img src="data:image/png;base64,iVBORw0KGgo=" alt="y"></p>'
    '<table><tr><td style="text-align:right">1</td></tr></table>'
    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>"
    "<p>javascript:alert(1) onerror=alert(1) &lt;img src=x onerror=alert(1)&gt;</p>"
)
SITE_PAGE = (
    "<!DOCTYPE html><html><head><title>&lt;script&gt;</title>"
    '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
    '<link rel="stylesheet" href="/static/css/site.css">'
    '<script src="/static/js/footnotes.js" defer></script>'
    '<script type="application/ld+json">{"headline": "\\u003C/script\\u003E"}</script>'
    '</head><body><form action="/search/" method="get"><input name="q"></form>'
    f"<main>{SAFE_FRAGMENT}</main></body></html>"
)


@pytest.mark.parametrize(("markup", "finding"), DANGEROUS)
def test_every_kind_of_executable_markup_is_flagged_in_content(markup, finding):
    found = fragment_dangers(markup)
    assert any(finding in danger for danger in found), found


@pytest.mark.parametrize(("markup", "finding"), DANGEROUS)
def test_every_kind_of_executable_markup_is_flagged_in_a_page(markup, finding):
    found = page_dangers(f"<!DOCTYPE html><html><body>{markup}</body></html>")
    assert any(finding in danger for danger in found), found


def test_escaped_text_safe_links_and_raster_images_are_not_flagged():
    assert fragment_dangers(SAFE_FRAGMENT) == []


def test_the_sites_own_scripts_json_ld_and_search_form_are_allowed_on_a_page():
    assert page_dangers(SITE_PAGE, own_forms={"/search/"}) == []


def test_the_sites_own_scripts_and_forms_are_not_allowed_in_content():
    found = fragment_dangers(SITE_PAGE)
    assert sum("script" in danger for danger in found) == 2
    assert any("form" in danger for danger in found)


def test_a_form_is_allowed_only_for_the_named_action():
    page = '<html><body><form action="/elders/"><button>x</button></form></body></html>'
    assert page_dangers(page, own_forms={"/search/"})


@pytest.mark.parametrize(
    ("json_ld", "finding"),
    [
        ('{"headline": "</script><script>alert(1)</script>"}', "not valid JSON"),
        ('{"headline": "<!--<script>"}', "<!--"),
        ('{"headline": "<script>"}', "<script"),
        ("{'headline': 1}", "not valid JSON"),
    ],
)
def test_json_ld_that_could_close_its_element_or_is_not_json_is_flagged(json_ld, finding):
    page = f'<html><head><script type="application/ld+json">{json_ld}</script></head></html>'
    found = page_dangers(page)
    assert any(finding in danger for danger in found), found


def test_a_script_under_static_with_inline_code_is_flagged():
    page = '<html><head><script src="/static/x.js">alert(1)</script></head></html>'
    assert page_dangers(page)


def test_urls_are_read_as_browsers_read_their_scheme():
    assert url_scheme(" \x0e java\tscr\nipt:alert(1)") == "javascript:alert(1)"
    assert url_scheme("JAVA\x00SCRIPT:x") == "javascript:x"


def test_css_is_read_without_comments_and_escapes():
    assert css_text("width: e/**/xp\\72 ession( 1 )") == "width:expression(1)"
