"""The writer's desk in the admin: what an article will look like when shared, what to check
before publishing it, and the admin home's lists of work waiting.

Everything here reads what is stored; nothing is written.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from posts import roles
from posts.bodies import render_body
from posts.models import Post

# Where search engines cut what they show. Google measures in pixels (about 600 px for a
# title, about 920 px for a description on a wide screen); in characters that is roughly 60
# for a title and 155 to 160 for a description: we warn from the lower figures.
SEARCH_TITLE_LIMIT = 60
SEARCH_DESCRIPTION_LIMIT = 155

# How many articles each list of the admin home shows.
DESK_LIST_SIZE = 10
DESK_FIELDS = ("title", "slug", "status", "publish_at", "updated_at", "review_requested_at")


@dataclass(frozen=True)
class Cut:
    """A text as a search engine shows it: the part kept and the part cut off."""

    text: str
    limit: int

    @property
    def kept(self) -> str:
        return self.text[: self.limit]

    @property
    def cut(self) -> str:
        return self.text[self.limit :]

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def over(self) -> int:
        return max(0, len(self.text) - self.limit)


@dataclass(frozen=True)
class Check:
    """One line of the checklist: whether it is fine, and what it says (what to do if not)."""

    ok: bool
    message: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SharePreview:
    """How the stored article appears in search results and as a link card."""

    title: Cut
    card_title: str
    description: Cut
    description_is_summary: bool
    url: str
    image_url: str
    image_alt: str
    image_is_card: bool
    card_drawn: bool  # the generated card exists only once the article is published
    checks: list[Check]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks)


def share_preview(post: Post, origin: str = "") -> SharePreview:
    """The preview and checklist for ``post`` as stored; ``origin`` (``https://host``) makes
    the address absolute, as a search result shows it."""
    path = reverse("posts:detail", kwargs={"slug": post.slug})
    description = post.meta_description
    if post.cover_image:
        image_url, image_alt, is_card = post.cover_image.url, post.cover_alt, False
    else:
        image_url = reverse("posts:card", kwargs={"slug": post.slug})
        image_alt, is_card = post.title, True
    return SharePreview(
        title=Cut(f"{post.title} · {settings.BLOG['TITLE']}", SEARCH_TITLE_LIMIT),
        card_title=post.title,
        description=Cut(description, SEARCH_DESCRIPTION_LIMIT),
        description_is_summary=not post.description,
        url=origin.rstrip("/") + path,
        image_url=image_url,
        image_alt=image_alt,
        image_is_card=is_card,
        card_drawn=is_card and post.is_published,
        checks=checklist(post),
    )


def checklist(post: Post) -> list[Check]:
    """What to check before publishing: a description, the cover's description when there is
    a cover, a tag, and what the pipeline reports for the stored body."""
    checks = [
        Check(True, _("The article has a description for search engines and link cards."))
        if post.description
        else Check(
            False,
            _(
                "Write a description (under Presentation, at most %(limit)s characters): "
                "without one, search engines and link cards show the start of the summary."
            )
            % {"limit": SEARCH_DESCRIPTION_LIMIT},
        )
    ]
    if post.cover_image:
        checks.append(
            Check(True, _("The cover image is described for readers who cannot see it."))
            if post.cover_alt
            else Check(False, _("Describe the cover image (under Presentation)."))
        )
    has_tags = post.pk is not None and post.tags.exists()
    checks.append(
        Check(True, _("The article has at least one tag."))
        if has_tags
        else Check(False, _("Give the article at least one tag, so readers find it by subject."))
    )
    problems = render_body(post.body, post.language).problems if post.body else []
    checks.append(
        Check(
            False,
            _("Fix what the text check reports (the line is given):"),
            [problem.message for problem in problems],
        )
        if problems
        else Check(True, _("The footnotes and images raise no problems."))
    )
    return checks


def origin_of(url: str) -> str:
    """``https://host`` of an absolute address."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def publication_state(post: Post) -> str:
    """The article's state in words, with its date where it matters: "Scheduled for ..."."""
    if post.is_scheduled:
        return _("Scheduled for %(date)s") % {"date": when(post.publish_at)}
    if post.status == Post.Status.DRAFT and post.review_requested_at:
        return _("Draft, offered for review on %(date)s") % {"date": when(post.review_requested_at)}
    if post.status == Post.Status.DRAFT:
        return _("Draft")
    return _("Published on %(date)s") % {"date": when(post.publish_at)}


def publication_explained(post: Post) -> str:
    """What the state means and what publishing will do, for the article's form."""
    if post.pk is None:
        return _(
            "A new article is a draft until it is published. Publishing sets the publish "
            "date to that moment, unless you choose a date: a date in the future schedules it."
        )
    state = publication_state(post)
    if post.is_scheduled:
        return _("%(state)s: visitors see it from then on.") % {"state": state}
    if post.is_published:
        return _("%(state)s: visitors see it.") % {"state": state}
    if post.publish_at > timezone.now():
        return _("%(state)s: visitors cannot see it. Publishing it schedules it for %(date)s.") % {
            "state": state,
            "date": when(post.publish_at),
        }
    return _(
        "%(state)s: visitors cannot see it. Publishing it sets the publish date to that "
        "moment, unless you choose another date."
    ) % {"state": state}


def when(moment) -> str:
    """A moment as the admin shows it, in local time."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@dataclass(frozen=True)
class Desk:
    """The admin home's lists, each limited to :data:`DESK_LIST_SIZE` articles."""

    drafts: list[Post]
    scheduled: list[Post]
    recent: list[Post]


def desk(user) -> Desk:
    """The articles ``user`` may open (an Auteur: their own): drafts (those offered for review
    first), scheduled ones (soonest first) and the most recently changed. Three queries."""
    posts: QuerySet[Post] = roles.editable_posts(user, Post.objects.only(*DESK_FIELDS))
    drafts = posts.filter(status=Post.Status.DRAFT).order_by(
        F("review_requested_at").asc(nulls_last=True), "-updated_at"
    )
    scheduled = posts.filter(status=Post.Status.PUBLISHED, publish_at__gt=timezone.now()).order_by(
        "publish_at"
    )
    recent = posts.order_by("-updated_at")
    return Desk(
        drafts=list(drafts[:DESK_LIST_SIZE]),
        scheduled=list(scheduled[:DESK_LIST_SIZE]),
        recent=list(recent[:DESK_LIST_SIZE]),
    )
