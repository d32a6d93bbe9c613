"""Fenced code blocks are highlighted with Pygments classes."""

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


def test_extra_info_after_the_language_is_ignored():
    html = render('```js title="x.js"\nlet a = 1;\n```\n').html
    assert 'class="language-js"' in html and "title" not in html


def test_a_hostile_language_name_cannot_inject_attributes():
    html = render('```"onmouseover="x\ncode\n```\n').html
    assert "onmouseover=" not in html


def test_the_stylesheet_is_scoped_to_the_highlight_class():
    css = pygments_css()
    assert ".highlight .k" in css
    assert all(
        line.startswith((".highlight", "pre", "td", "span")) for line in css.splitlines() if line
    )
