from django import template

from posts import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def writers_desk(context) -> desk.Desk | None:
    """``{% writers_desk as desk %}``: the admin home's lists for the user, or None for a user
    who may not see articles."""
    user = context["request"].user
    if not (user.has_perm("posts.view_post") or user.has_perm("posts.change_post")):
        return None
    return desk.desk(user)


@register.filter
def publication_state(post) -> str:
    """``{{ post|publication_state }}``: "Scheduled for ...", "Draft", ..."""
    return desk.publication_state(post)
