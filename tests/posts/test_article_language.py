"""An article in its own language: labels rendered in it, marked with lang, whatever the UI."""

from posts.models import Post
from posts.services import post_write

BODY = "Tekst.[^1]\n\n:::warning\n\nLet op.\n\n:::\n\n[^1]: Een noot.\n"


def test_changing_the_language_renders_the_labels_again(make_post):
    post = make_post(body=BODY)
    assert "Waarschuwing" in post.body_html and "Noten" in post.body_html
    post = Post.objects.get(pk=post.pk)
    post.language = "en"
    post_write(post=post)
    html = Post.objects.get(pk=post.pk).body_html
    assert "Warning" in html and ">Notes<" in html and "Noten" not in html


def test_an_english_interface_shows_a_dutch_article_with_dutch_labels_only(client, make_post):
    post = make_post(body=BODY, language="nl")
    client.cookies["django_language"] = "en"
    page = client.get(post.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    article = page.split('<article class="post" lang="nl"', 1)[1].split("</article>", 1)[0]
    assert "Noten" in article and "Waarschuwing" in article
    assert "Contents" not in article and "Notes" not in article
    assert '<html lang="en">' in page


def test_toc_levels_change_the_table_of_contents_without_a_body_change(make_post):
    post = make_post(body="## Een\n\n### Twee\n\n#### Drie\n\n## Vier\n")
    assert "#drie" not in post.toc_html
    post = Post.objects.get(pk=post.pk)
    post.toc_max_level = 4
    post_write(post=post)
    assert "#drie" in Post.objects.get(pk=post.pk).toc_html
