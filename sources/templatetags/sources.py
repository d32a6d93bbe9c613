from django import template

from sources.receivers import cited_sources

register = template.Library()


@register.inclusion_tag("sources/_source_cards.html")
def source_cards(post) -> dict:
    """``{% source_cards post %}``: a card for each registered source the article's notes
    cite, in the order they are first cited; the scripts show them in popovers and sidenotes."""
    return {"cards": [source.card() for source in cited_sources(post)]}
