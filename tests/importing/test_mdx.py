"""MDX syntax never reaches a visitor: statements, comments and mdx-code-block fences."""

import pytest

from blog_project.importing import ImportFailed, import_paths
from blog_project.importing.mdx import strip_mdx
from posts.models import Post

MDX = """---
title: Nieuwe functie
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

Eerste alinea {/* een opmerking */} met `{/* code */}` erin.

export const meta = {
  a: 1,
};

```js
import x from 'y';
{/* blijft staan */}
```

````mdx-code-block
**Vet** in een blok.
````
"""


def test_statements_comments_and_wrapper_fences_go_and_every_line_keeps_its_number():
    body = MDX.split("---\n", 2)[2]
    stripped = strip_mdx(body)
    assert stripped.body.count("\n") == body.count("\n")
    assert stripped.statements == (1, 2, 6)
    assert stripped.comments == (4,)
    assert stripped.unwrapped_fences == (15,)
    assert "import Tabs" not in stripped.body and "export" not in stripped.body
    assert "a: 1" not in stripped.body and "mdx-code-block" not in stripped.body
    # Code is code: its import line and comment stay, as does an inline code span.
    assert "import x from 'y';" in stripped.body and "{/* blijft staan */}" in stripped.body
    assert "`{/* code */}`" in stripped.body and "een opmerking" not in stripped.body


def test_the_mdx_truncate_marker_stays_for_the_summary():
    assert (
        strip_mdx("Kort.\n\n{/* truncate */}\n\nLang.").body == "Kort.\n\n{/* truncate */}\n\nLang."
    )


def test_plain_markdown_is_left_alone():
    text = "Import van gegevens uit het buitenland.\n\nExport naar Duitsland steeg."
    assert strip_mdx(text).body == text


@pytest.mark.django_db
def test_an_imported_mdx_post_shows_no_mdx_and_notes_what_was_dropped(tmp_path, english, client):
    (tmp_path / "2024-05-01-functie.mdx").write_text(MDX, encoding="utf-8")
    report = import_paths([tmp_path], status=Post.Status.PUBLISHED)
    post = Post.objects.get()
    for leftover in ("import ", "export ", "een opmerking", "mdx-code-block"):
        assert leftover not in post.summary_text, leftover
    assert "<strong>Vet</strong> in een blok." in post.body_html
    assert "import Tabs" not in client.get(post.get_absolute_url()).content.decode()
    assert report.outcomes[0].notes[:3] == (
        "MDX import/export dropped (line 4, 5, 9)",
        "MDX comment removed (line 7)",
        "mdx-code-block rendered as Markdown (line 18)",
    )


@pytest.mark.django_db
def test_a_problem_after_dropped_lines_still_names_its_own_line(tmp_path, english):
    (tmp_path / "noot.mdx").write_text(
        "---\ntitle: Noot\nslug: noot\n---\nimport A from 'a';\n\nZie noot.[^weg]\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed, match=r"noot\.mdx:7: Footnote \[\^weg\] is used"):
        import_paths([tmp_path])


TABS = """import Tabs from '@theme/Tabs';

<Tabs>
<TabItem value="npm" label="npm">

```bash
npm install
```

</TabItem>
<TabItem value="yarn" label="Yarn">

Met **yarn**.

</TabItem>
</Tabs>

<AlertBox type="info">

Let **op**.

</AlertBox>

<Tweet id="123" />
"""


def test_tabs_become_labelled_sections_and_other_components_leave_their_content():
    stripped = strip_mdx(TABS)
    assert stripped.body.count("\n") == TABS.count("\n")
    assert stripped.components == ((18, "AlertBox"), (24, "Tweet"))
    assert '<details class="tab" open><summary>npm</summary>' in stripped.body
    assert '<details class="tab" open><summary>Yarn</summary>' in stripped.body
    assert "<AlertBox" not in stripped.body and "<Tweet" not in stripped.body
    assert "Let **op**." in stripped.body


@pytest.mark.django_db
def test_an_imported_post_with_tabs_keeps_every_label_and_body_and_no_jsx(tmp_path, english):
    (tmp_path / "tabs.mdx").write_text(
        f"---\ntitle: Tabs\nslug: tabs\n---\n{TABS}", encoding="utf-8"
    )
    report = import_paths([tmp_path])
    html = Post.objects.get().body_html
    assert "<summary>npm</summary>" in html and "<summary>Yarn</summary>" in html
    assert "npm" in html and "<strong>yarn</strong>" in html and "<strong>op</strong>" in html
    for jsx in ("<Tabs", "TabItem", "AlertBox", "Tweet", "import Tabs"):
        assert jsx not in html, jsx
    assert "line 22: component <AlertBox> kept as its inner text" in report.outcomes[0].notes
    assert "line 28: component <Tweet> kept as its inner text" in report.outcomes[0].notes


def test_inline_components_lose_their_tags_and_mdx_expressions_go_while_md_braces_stay():
    line = 'Zie <Highlight color="#25c2a0">groen</Highlight>, `<Code/>` en {1 + 1}{" "}klaar.'
    mdx = strip_mdx(f"{line}\n\n## Kop {{#eigen-id}}\n", expressions=True)
    assert mdx.body.split("\n")[0] == "Zie groen, `<Code/>` en  klaar."
    assert "{#eigen-id}" in mdx.body  # the heading's id is the pipeline's business
    assert mdx.components == ((1, "Highlight"),)
    assert mdx.expressions == ((1, "{1 + 1}"),)
    markdown = strip_mdx("Een verzameling {a, b} blijft.")
    assert markdown.body == "Een verzameling {a, b} blijft." and not markdown.expressions


@pytest.mark.django_db
def test_an_mdx_file_reports_its_components_and_expressions_with_file_lines(tmp_path):
    path = tmp_path / "p.mdx"
    path.write_text(
        '---\ntitle: P\n---\n\nTekst <Tweet id="1" /> en {props.naam}.\n\n<AlertBox>\n\n'
        "**Let op**\n\n</AlertBox>\n",
        encoding="utf-8",
    )
    report = import_paths([path])
    (outcome,) = report.outcomes
    assert "line 5: component <Tweet> kept as its inner text" in outcome.notes
    assert "line 5: JSX expression {props.naam} removed" in outcome.notes
    assert "line 7: component <AlertBox> kept as its inner text" in outcome.notes
    html = Post.objects.get().body_html
    assert "<strong>Let op</strong>" in html
    assert "Tweet" not in html and "props" not in html and "AlertBox" not in html
