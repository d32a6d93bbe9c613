from dataclasses import dataclass

from django import template

from posts import cards

register = template.Library()


@dataclass(frozen=True)
class LinkCard:
    url: str
    width: int = cards.WIDTH
    height: int = cards.HEIGHT
    type: str = "image/png"


@register.simple_tag(takes_context=True)
def link_card(context, post) -> LinkCard:
    """``{% link_card post as card %}``: the post's link card: its absolute address and size."""
    return LinkCard(url=cards.card_url(post, context["request"]))
