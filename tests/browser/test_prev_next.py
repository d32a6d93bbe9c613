"""Previous and next article outside a series, as a reader on a phone meets them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_previous_and_next_are_large_enough_to_tap_and_pass_axe(site, page, make_post):
    now = timezone.now()
    alone = make_post(title="Los artikel", slug="los-artikel", publish_at=now - timedelta(days=25))
    newer = make_post(title="Nieuwer artikel", slug="nieuwer", publish_at=now - timedelta(days=22))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.at(alone.get_absolute_url()))
    nav = page.locator("nav.post-prevnext")
    links = nav.get_by_role("link")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        site.first.get_absolute_url(),
        newer.get_absolute_url(),
    ]
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, box
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        count, report = axe_violations(page)
        assert count == 0, f"{scheme}: {report}"
