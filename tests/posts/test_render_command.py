"""After a pipeline upgrade, ``render_posts`` brings the stored HTML up to date."""

from io import StringIO

from django.core.management import call_command

from posts.models import Post


def test_render_posts_renders_every_stored_body_again(make_post):
    post = make_post(
        body="Tekst.[^1] Meer.[^2]\n\n[^1]: **CBS** - [T](https://x.nl)\n[^2]: **CBS** - [T](https://x.nl)\n"
    )
    Post.objects.filter(pk=post.pk).update(body_html="<p>oud</p>")
    out = StringIO()
    call_command("render_posts", stdout=out)
    post = Post.objects.get(pk=post.pk)
    assert "same-source" in post.body_html and post.noted_update_at is None
    assert out.getvalue().strip() == "1 rendered"
