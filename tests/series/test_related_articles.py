"""The "Related articles" list of an article in a series leaves out every article its series
box lists already."""

import re

import pytest


def _links(html: str, start: str, end: str) -> set[str]:
    part = html.split(start)[1].split(end)[0]
    return set(re.findall(r'<a href="(/blog/[^"]+)"', part))


@pytest.mark.django_db
def test_related_articles_never_repeat_the_series_box(client, make_post, make_tag, make_series):
    tags = [make_tag(), make_tag()]
    parts = [make_post(tags=tags) for _ in range(4)]
    outside = [make_post(tags=tags[:1]) for _ in range(2)]
    make_series(posts=parts)
    for part in parts:
        html = client.get(part.get_absolute_url()).content.decode()
        box = _links(html, '<nav class="series-box"', "</nav>")
        related = _links(html, '<aside class="related"', "</aside>")
        assert box == {p.get_absolute_url() for p in parts}
        assert related == {p.get_absolute_url() for p in outside}
        assert not box & related
