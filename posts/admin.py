from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from posts import desk, roles
from posts.conflicts import COMPARED_FIELDS, body_diff
from posts.extensions import extensions
from posts.forms import PostAdminForm
from posts.models import Author, Correction, FormerAddress, Post, Tag
from posts.services import post_save_from_form, posts_set_status, publish_moment

# The admin's own name and the title of its home page.
admin.site.site_header = admin.site.site_title = settings.BLOG["TITLE"]
admin.site.index_title = _("Editorial desk")


class BylineSelect(AutocompleteSelectMultiple):
    """The authors field, its choices shown in byline order instead of by name, so that the
    order the editor gives them is the order the article names them."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        place = {str(pk): index for index, pk in enumerate(value)}
        for _group, options, _index in groups:
            options.sort(key=lambda option: place.get(str(option["value"]), len(place)))
        return groups


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "title", "post_count"]
    search_fields = ["name", "key", "title"]
    prepopulated_fields = {"key": ["name"]}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts", distinct=True))

    @admin.display(description=_("articles"), ordering="post_count")
    def post_count(self, obj: Author) -> int:
        return obj.post_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "post_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts", distinct=True))

    @admin.display(description=_("articles"), ordering="post_count")
    def post_count(self, obj: Tag) -> int:
        return obj.post_count


@admin.register(FormerAddress)
class FormerAddressAdmin(admin.ModelAdmin):
    """The old site's addresses an import recorded; each answers with a permanent redirect."""

    list_display = ["path", "post", "target", "created_at"]
    search_fields = ["path", "target", "post__title", "post__slug"]
    autocomplete_fields = ["post"]
    list_select_related = ["post"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("live", _("Visible to visitors")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
            ("review", _("Waiting for review")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Post.Status.PUBLISHED)
        return {
            "live": published.filter(publish_at__lte=now),
            "scheduled": published.filter(publish_at__gt=now),
            "draft": queryset.filter(status=Post.Status.DRAFT),
            "review": queryset.filter(status=Post.Status.DRAFT, review_requested_at__isnull=False),
        }.get(self.value(), queryset)


class CorrectionInline(admin.TabularInline):
    """The public update notes so far: written with a save ("Public update note"), read here."""

    model = Correction
    fields = ["noted_at", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    form = PostAdminForm
    inlines = [CorrectionInline]
    list_display = ["title", "publication_state", "publish_at", "listing", "series_part"]
    list_filter = [PublicationFilter, "status", "unlisted", "tags", "authors"]
    list_select_related = ["series_entry__series"]
    search_fields = ["title", "slug", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "tags"]
    readonly_fields = [
        "state_explained",
        "before_publishing",
        "reading_minutes",
        "word_count",
        "created_at",
        "updated_at",
    ]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    actions = ["publish", "unpublish"]
    save_on_top = True
    object_history_list_template = "admin/posts/post/object_history_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "body", "opened_revision"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "state_explained",
                    "status",
                    "publish_at",
                    "unlisted",
                    "authors",
                    "tags",
                    "update_note",
                ]
            },
        ),
        (_("Before publishing"), {"fields": ["before_publishing"]}),
        (
            _("Presentation"),
            {
                "fields": [
                    "description",
                    "keywords",
                    "cover_image",
                    "cover_alt",
                    "hide_toc",
                    ("toc_min_level", "toc_max_level"),
                ]
            },
        ),
        (
            _("Facts"),
            {
                "fields": ["reading_minutes", "word_count", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description=_("state"), ordering="status")
    def publication_state(self, obj: Post) -> str:
        if obj.is_scheduled:
            return desk.publication_state(obj)
        if obj.status == Post.Status.DRAFT and obj.review_requested_at:
            return _("Waiting for review")
        return obj.get_status_display()

    @admin.display(description=_("state now"))
    def state_explained(self, obj: Post) -> str:
        return desk.publication_explained(obj)

    @admin.display(description=_("search result, link card and checklist"))
    def before_publishing(self, obj: Post) -> SafeString:
        """How the stored article appears when found or shared, and what to check first."""
        preview = desk.share_preview(obj, getattr(obj, "admin_origin", "")) if obj.pk else None
        return render_to_string("admin/posts/post/_before_publishing.html", {"preview": preview})

    @admin.display(description=_("unlisted"), ordering="unlisted", empty_value="")
    def listing(self, obj: Post) -> str:
        """Only the exception is shown: a normal, listed post needs no red cross."""
        return _("Unlisted") if obj.unlisted else ""

    @admin.display(description=_("series"), ordering="series_entry__series__title")
    def series_part(self, obj: Post) -> str:
        entry = getattr(obj, "series_entry", None)
        return f"{entry.series} ({entry.position})" if entry else "—"

    object_history_template = "admin/posts/post/object_history.html"
    object_history_form_template = "admin/posts/post/revision_form.html"

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revision: what restoring it would change in the text, and the restore itself in
        one transaction (the save checks, with the row locked, that nobody saved meanwhile)."""
        current = Post.objects.filter(pk=object_id).values_list("body", flat=True).first()
        version = Post.history.filter(id=object_id, history_id=version_id).first()
        context = {
            **(extra_context or {}),
            "revision_diff": body_diff(current or "", version.body if version else ""),
        }
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, context)

    def compare_view(self, request, object_id):
        """Two revisions of a post side by side: the fields that differ and the body's diff."""
        post = get_object_or_404(Post, pk=object_id)
        if not self.has_view_history_or_change_history_permission(request, post):
            raise PermissionDenied
        revisions = list(
            Post.history.filter(id=post.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        by_id = {str(r.history_id): r for r in revisions}
        older = by_id.get(request.GET.get("a", "")) or (revisions[1:2] or revisions)[0]
        newer = by_id.get(request.GET.get("b", "")) or revisions[0]
        fields = [
            Post._meta.get_field(name).verbose_name
            for name in COMPARED_FIELDS
            if getattr(older, name) != getattr(newer, name)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(title)s”") % {"title": post.title},
            "opts": self.opts,
            "original": post,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "changed_fields": fields,
            "diff": body_diff(older.body, newer.body),
        }
        return TemplateResponse(request, "admin/posts/post/compare.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The publishing preview shows the article's address on this host.
        context["adminform"].form.instance.admin_origin = desk.origin_of(
            request.build_absolute_uri("/")
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            kwargs["widget"] = BylineSelect(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault(
                "help_text", _("The byline names the authors in the order they have here.")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if not roles.can_publish(request.user):
            # An Auteur's article stays theirs: they remain among its authors.
            form.instance.authors.add(roles.author_for(request.user))

    def get_inlines(self, request, obj):
        """The inlines the apps built on posts provide: the series place, the notes."""
        return [*self.inlines, *extensions.post_admin_inlines]

    # Roles (posts.roles): an Auteur sees and opens only their own articles, cannot publish,
    # schedule, unpublish or delete, and offers drafts for review instead; enforced here for
    # every view (the list, the form, the history and its restore, the actions).

    def get_queryset(self, request):
        return roles.editable_posts(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and roles.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and roles.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and roles.may_edit(request.user, obj)

    def has_publish_permission(self, request) -> bool:
        return roles.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            fields += ["status", "publish_at"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if roles.can_publish(request.user) or (obj is not None and obj.is_published):
            return fieldsets
        name, options = fieldsets[1]
        publication = {**options, "fields": [*options["fields"], "submit_for_review"]}
        return [fieldsets[0], (name, publication), *fieldsets[2:]]

    def save_model(self, request, obj, form, change) -> None:
        if roles.can_publish(request.user):
            if obj.status == Post.Status.PUBLISHED:
                obj.review_requested_at = None
                stored = Post.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
                if stored != Post.Status.PUBLISHED:
                    # Publishing a draft: it goes live now, not on the day it was started.
                    chosen = "publish_at" in form.changed_data
                    obj.publish_at = publish_moment(obj.publish_at, chosen=chosen)
        else:
            # What the form may not change, from the stored row: a crafted POST or a
            # restored revision cannot publish, schedule or unpublish.
            stored = Post.objects.filter(pk=obj.pk).values("status", "publish_at").first()
            if stored is None:
                obj.status, obj.publish_at = Post.Status.DRAFT, timezone.now()
            else:
                obj.status, obj.publish_at = stored["status"], stored["publish_at"]
            if form.cleaned_data.get("submit_for_review") and obj.status == Post.Status.DRAFT:
                obj.review_requested_at = timezone.now()
        if "authors" in form.cleaned_data:
            order = form.author_order()
            if not roles.can_publish(request.user):
                own = roles.author_for(request.user).pk
                order += [] if own in order else [own]
            obj.author_order = order
        post_save_from_form(
            post=obj,
            rendered=getattr(form, "rendered", None),
            update_note=form.cleaned_data.get("update_note", ""),
        )
        for warning in getattr(form, "body_warnings", []):
            self.message_user(request, warning, messages.WARNING)

    def _set_status(self, request, queryset, status: str, texts: dict) -> TemplateResponse | None:
        """Asks first, on a page listing what changes for each article (as deleting does);
        once confirmed, changes the status (a revision each, nothing rendered) and reports."""
        changing = [post for post in queryset if post.status != status]
        if request.POST.get("post") == "yes" and changing:
            count = posts_set_status(posts=changing, status=status)
            self.message_user(request, texts["done"](count) % {"n": count}, messages.SUCCESS)
            return None
        if request.POST.get("post") == "yes":
            self.message_user(request, texts["nothing"], messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": texts["title"],
            "opts": self.opts,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": list(queryset),
            "changing": [(post, texts["outcome"](post)) for post in changing],
            "unchanged": [post for post in queryset if post.status == status],
            "question": texts["question"](len(changing)) % {"n": len(changing)},
            "unchanged_note": texts["unchanged"],
            "confirm_label": texts["confirm"],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/posts/post/status_confirmation.html", context)

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request, queryset) -> TemplateResponse | None:
        def outcome(post: Post) -> str:
            moment = publish_moment(post.publish_at)
            if moment > timezone.now():
                return gettext("scheduled for %(date)s") % {"date": desk.when(moment)}
            return gettext("visible to visitors from now on")

        return self._set_status(
            request,
            queryset,
            Post.Status.PUBLISHED,
            {
                "title": gettext("Publish articles"),
                "question": lambda n: ngettext(
                    "Publish this article? A draft goes live now, or on its publish date if "
                    "that is still to come.",
                    "Publish these %(n)d articles? A draft goes live now, or on its publish "
                    "date if that is still to come.",
                    n,
                ),
                "outcome": outcome,
                "confirm": gettext("Yes, publish"),
                "unchanged": gettext("Already published, so left as they are:"),
                "nothing": gettext("Nothing changed: the selected articles were published."),
                "done": lambda n: ngettext(
                    "%(n)d article published.", "%(n)d articles published.", n
                ),
            },
        )

    @admin.action(
        description=_("Turn the selected articles back into drafts"), permissions=["publish"]
    )
    def unpublish(self, request, queryset) -> TemplateResponse | None:
        return self._set_status(
            request,
            queryset,
            Post.Status.DRAFT,
            {
                "title": gettext("Turn articles back into drafts"),
                "question": lambda n: ngettext(
                    "Turn this article back into a draft? Visitors can no longer open it; "
                    "its address stops working until it is published again.",
                    "Turn these %(n)d articles back into drafts? Visitors can no longer open "
                    "them; their addresses stop working until they are published again.",
                    n,
                ),
                "outcome": lambda post: gettext("becomes a draft"),
                "confirm": gettext("Yes, make drafts"),
                "unchanged": gettext("Already drafts, so left as they are:"),
                "nothing": gettext("Nothing changed: the selected articles were drafts."),
                "done": lambda n: ngettext(
                    "%(n)d article is a draft again.", "%(n)d articles are drafts again.", n
                ),
            },
        )
