from django import template

from series.navigation import SeriesNavigation, navigation_for

register = template.Library()


@register.simple_tag
def series_navigation(post) -> SeriesNavigation | None:
    """``{% series_navigation post as series_nav %}``: the "part 2 of 3" box's content."""
    return navigation_for(post)
