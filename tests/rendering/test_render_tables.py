from posts.rendering import render


def test_a_table_is_wrapped_in_a_scroll_box_and_keeps_its_semantics():
    html = render("| a | b |\n| --- | --- |\n| 1 | 2 |").html
    assert html.startswith('<div class="table-scroll"><table>')
    assert html.rstrip().endswith("</table>\n</div>")
