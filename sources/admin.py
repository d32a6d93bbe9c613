from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from posts.extensions import extensions
from sources import resolving
from sources.fill_form import SourceForm
from sources.models import Citation, LinkState, Source, SourceAlias
from sources.services import sources_merge
from sources.tasks import enqueue_link_checks, refresh_source_citations


class CitationInline(admin.TabularInline):
    """An article's notes, read-only: they are derived from its body on every save."""

    model = Citation
    extra = 0
    fields = ["order", "label", "source", "text"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


extensions.post_admin_inlines.append(CitationInline)


class LinkStateFilter(admin.SimpleListFilter):
    """Sources by what the link checks found; "never checked" only counts those with an
    address."""

    title = _("link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [
            (LinkState.BROKEN, _("broken")),
            (LinkState.REDIRECTED, _("redirected")),
            (LinkState.OK, _("works")),
            (LinkState.UNCHECKED, _("never checked")),
        ]

    def queryset(self, request, queryset: QuerySet[Source]) -> QuerySet[Source]:
        if self.value() in LinkState.values:
            return queryset.exclude(url="").filter(link_state=self.value())
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = [
        "publisher",
        "title",
        "kind",
        "issued",
        "article_count",
        "citation_count",
        "link",
        "link_checked_at",
    ]
    list_filter = [LinkStateFilter, "kind", "publisher"]
    search_fields = ["publisher", "title", "url", "doi", "isbn", "creators"]
    prepopulated_fields = {"slug": ["publisher", "title"]}
    readonly_fields = [
        "reference",
        "link",
        "link_checked_at",
        "link_working_at",
        "link_failures",
        "link_final_url",
        "redirects",
        "archive_link",
    ]
    fieldsets = [
        (None, {"fields": ["fill_from"]}),
        (None, {"fields": ["publisher", "title", "slug", "kind", "reference"]}),
        (
            _("Reference"),
            {
                "fields": [
                    "creators",
                    "issued",
                    "container_title",
                    "url",
                    "doi",
                    "isbn",
                    "language",
                    "accessed",
                    "description",
                ]
            },
        ),
        (
            _("Link"),
            {
                "description": _(
                    "Checked in the background on a schedule, or now with the action "
                    "“Check these links now” in the list."
                ),
                "fields": [
                    ("link", "link_checked_at"),
                    ("link_working_at", "link_failures"),
                    "link_final_url",
                    "redirects",
                    "archive_url",
                    ("archive_link", "archive_confirmed"),
                ],
            },
        ),
    ]
    actions = ["merge", "check_links"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return [fieldset for fieldset in fieldsets if "fill_from" not in fieldset[1]["fields"]]
        return fieldsets

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The outcome of a fill-in from an identifier, once it has run.
        if request.method == "GET" and (report := resolving.take_fill_report(object_id)):
            self.message_user(request, report.message, report.level)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("reference (APA 7)"))
    def reference(self, obj: Source) -> str:
        # citeproc's output, cleaned by nh3 when the source was saved.
        return mark_safe(obj.reference_html)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_count=Count("citations__post", distinct=True),
                citation_count=Count("citations", distinct=True),
            )
        )

    @admin.display(description=_("citing articles"), ordering="article_count")
    def article_count(self, obj: Source) -> int:
        return obj.article_count

    @admin.display(description=_("notes"), ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count

    @admin.display(description=_("link"), ordering="link_state")
    def link(self, obj: Source) -> str | None:
        """The state, with the last answer behind it: "broken (404)"."""
        if not obj.url:
            return None
        state = obj.get_link_state_display()
        return f"{state} ({obj.link_status})" if obj.link_status else state

    @admin.display(description=_("redirects"))
    def redirects(self, obj: Source) -> str | None:
        if not obj.link_redirects:
            return None
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "", "<li>{} → {}</li>", ((hop["status"], hop["url"]) for hop in obj.link_redirects)
            ),
        )

    @admin.display(description=_("open the archived copy"))
    def archive_link(self, obj: Source) -> str | None:
        if not obj.archive_url:
            return None
        url = obj.archive_url
        return format_html('<a href="{}" rel="external noopener noreferrer">{}</a>', url, url)

    def save_model(self, request, obj: Source, form, change: bool) -> None:
        """Fills the source in from an identifier if one was given; a new address is checked
        afresh (an archived copy given with it is kept); the citing articles' notes follow a
        new address or archived copy (all in the worker)."""
        changed = set(form.changed_data)
        new_address = "url" in changed
        if change and new_address:
            given = (obj.archive_url, obj.archive_confirmed)
            obj.forget_link_health()
            if "archive_url" in changed:
                obj.archive_url, obj.archive_confirmed = given
        super().save_model(request, obj, form, change)
        if identifier := form.cleaned_data.get("fill_from"):
            resolving.fill_in_background(obj.pk, identifier, form.provisional)
            self.message_user(request, resolving.filling_message(identifier), messages.INFO)
        if new_address and obj.url:
            enqueue_link_checks([obj])
        if change and changed & {"url", "archive_url"}:
            refresh_source_citations.enqueue(obj.pk)

    @admin.action(description=_("Check these links now"), permissions=["change"])
    def check_links(self, request, queryset):
        count = enqueue_link_checks(queryset.only("pk", "url"))
        self.message_user(
            request,
            ngettext(
                "%(n)d link check is queued; the worker runs it in the background.",
                "%(n)d link checks are queued; the worker runs them in the background.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Merge the selected sources into one"), permissions=["change"])
    def merge(self, request, queryset):
        sources = list(queryset)
        if len(sources) < 2:
            self.message_user(request, _("Select at least two sources to merge."), messages.ERROR)
            return None
        target_pk = request.POST.get("merge_target")
        target = next((s for s in sources if str(s.pk) == target_pk), None)
        if target is None:
            return TemplateResponse(
                request,
                "admin/sources/source/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Merge sources"),
                    "sources": sources,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        moved = sources_merge(target=target, others=sources)
        self.message_user(
            request,
            ngettext(
                "Merged into “%(source)s”; %(n)d note now cites it.",
                "Merged into “%(source)s”; %(n)d notes now cite it.",
                moved,
            )
            % {"source": target, "n": moved},
            messages.SUCCESS,
        )
        return None


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    """Browse-only: citations come from article bodies."""

    list_display = ["post", "order", "label", "source"]
    list_select_related = ["post", "source"]
    list_filter = ["source__publisher"]
    search_fields = ["label", "text", "post__title", "source__publisher", "source__title"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SourceAlias)
class SourceAliasAdmin(admin.ModelAdmin):
    list_display = ["key", "source"]
    list_select_related = ["source"]
    search_fields = ["key", "source__publisher", "source__title"]
    autocomplete_fields = ["source"]
