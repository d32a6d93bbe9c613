"""Fenced code blocks are highlighted with Pygments classes."""

import re

from posts.rendering import pygments_css, render


def test_known_languages_are_highlighted_with_classes_not_styles():
    html = render("```python\ndef f():\n    return 1\n```\n").html
    assert html.startswith('<div class="highlight"><pre><code class="language-python">')
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


def test_unknown_languages_are_plain_escaped_code():
    html = render("```klingon\n<b>& qapla'\n```\n").html
    assert html == ('<pre><code class="language-klingon">&lt;b&gt;&amp; qapla\'\n</code></pre>\n')


def test_code_without_language_is_plain():
    assert render("```\nx < 1\n```\n").html == "<pre><code>x &lt; 1\n</code></pre>\n"


def test_unknown_extra_info_after_the_language_is_ignored():
    html = render("```js noInline foo=bar\nlet a = 1;\n```\n").html
    assert html.startswith('<div class="highlight"><pre><code class="language-js">')
    assert "noInline" not in html and "foo" not in html


def test_a_docusaurus_title_is_a_caption_and_line_marks_and_numbers_are_kept():
    html = render(
        '```js title="src/<hello>.js" {1,3-4} showLineNumbers\n'
        "let a = 1;\nlet b = 2;\n// highlight-next-line\nlet c = 3;\nlet d = 4;\n"
        "// highlight-start\nlet e = 5;\n// highlight-end\nlet f = 6;\n```\n"
    ).html
    assert html.startswith('<figure class="code-block"><figcaption>src/&lt;hello&gt;.js')
    assert '<pre class="line-numbers">' in html and "highlight-" not in html
    lines = re.findall(r'<span class="line( hll)?">', html)
    assert [bool(mark) for mark in lines] == [True, False, True, True, True, False]


def test_marked_lines_work_without_a_known_language_and_ignore_nonsense_ranges():
    html = render("```text {2,9-x,0,5-3}\neen\ntwee\n```\n").html
    assert re.findall(r'<span class="line( hll)?">', html) == ["", " hll"]
    assert render("```\n# highlight-next-line\nx\n```\n").html.count("hll") == 1


def test_a_hostile_language_name_cannot_inject_attributes():
    html = render('```"onmouseover="x\ncode\n```\n').html
    assert "onmouseover=" not in html


def test_the_stylesheet_is_scoped_to_the_highlight_class():
    css = pygments_css()
    assert ".highlight .k" in css
    assert all(
        line.startswith((".highlight", "pre", "td", "span")) for line in css.splitlines() if line
    )
