"""Links between imported files become links between articles; the rest is noted."""

import pytest

from blog_project.importing import import_paths
from posts.models import Post


@pytest.mark.django_db
def test_links_to_sibling_files_point_at_the_imported_articles(tmp_path, english):
    (tmp_path / "2024-01-01-eerste.md").write_text(
        "---\ntitle: Eerste\n---\nZie [het tweede](./2024-02-01-tweede.mdx#kern) en "
        "[de map](./derde/index.md).\n\nOok [weg](./bestaat-niet.md) en [docs](/docs/intro).\n\n"
        "```md\n[code](./2024-02-01-tweede.mdx)\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "2024-02-01-tweede.mdx").write_text("---\ntitle: Tweede\n---\nTekst.\n")
    (tmp_path / "derde").mkdir()
    (tmp_path / "derde" / "index.md").write_text("---\ntitle: Derde\nslug: derde\n---\nTekst.\n")
    report = import_paths([tmp_path])
    first = Post.objects.get(slug="eerste")
    assert 'href="/blog/tweede/#kern"' in first.body_html
    assert 'href="/blog/derde/"' in first.body_html
    assert "[code](./2024-02-01-tweede.mdx)" in first.body  # code stays code
    notes = next(o for o in report.outcomes if o.slug == "eerste").notes
    assert "line 6: link to ./bestaat-niet.md, a file not in this import" in notes
    assert "line 6: link /docs/intro points into the old site" in notes
